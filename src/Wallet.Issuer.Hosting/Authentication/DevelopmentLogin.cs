using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Wallet.Issuer.Pages;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Authentication;

/// <summary>
/// The development login: a page that lists the synthetic persons and lets anyone sign in as one. It stands for an
/// authentication at level of assurance high, so PID can be tried end to end; never for production. Each form carries an
/// antiforgery token bound to a cookie, so another site cannot post a sign-in in the user's browser.
/// </summary>
internal sealed class DevelopmentLogin(SqlitePersonRegister registry, IssuerEndpoints endpoints, IAntiforgery antiforgery) : IUserAuthentication
{
    public async Task<IResult> BeginAsync(HttpContext context, string requestUri, CancellationToken cancellationToken)
    {
        var encodedRequestUri = HtmlEncoder.Default.Encode(requestUri);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var tokenField = "<input type=\"hidden\" name=\"" + HtmlEncoder.Default.Encode(tokens.FormFieldName) + "\" value=\"" + HtmlEncoder.Default.Encode(tokens.RequestToken ?? string.Empty) + "\">";
        var items = new StringBuilder();
        foreach (var person in await registry.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Append("<li><form method=\"post\" action=\"").Append(HtmlEncoder.Default.Encode(endpoints.BasePath + "/authorize/login")).Append("\">")
                .Append(tokenField)
                .Append("<input type=\"hidden\" name=\"request_uri\" value=\"").Append(encodedRequestUri).Append("\">")
                .Append("<input type=\"hidden\" name=\"person_id\" value=\"").Append(HtmlEncoder.Default.Encode(person.PersonId)).Append("\">")
                .Append("<button type=\"submit\">").Append(HtmlEncoder.Default.Encode($"{person.Data.GivenName} {person.Data.FamilyName}")).Append("</button> ")
                .Append(HtmlEncoder.Default.Encode(person.Description)).Append("</form></li>");
        }

        var list = items.ToString();
        return HtmlPage.Render(endpoints.Issuer, t => t.LoginTitle, t => HtmlPage.Paragraph(t.LoginWhy)
            + "<p><strong>" + HtmlEncoder.Default.Encode(t.DevelopmentNotice) + "</strong></p><ul aria-label=\"" + HtmlEncoder.Default.Encode(t.LoginListLabel) + "\">" + list + "</ul>");
    }

    /// <summary>True when the posted form carries the antiforgery token of its cookie (the form came from the login page).</summary>
    public Task<bool> IsGenuineFormAsync(HttpContext context) => antiforgery.IsRequestValidAsync(context);

    /// <summary>The user chose <paramref name="personId"/>; null when the registry has no such person.</summary>
    public async ValueTask<AuthenticatedUser?> AuthenticateAsync(string personId, CancellationToken cancellationToken) =>
        await registry.FindAsync(personId, cancellationToken).ConfigureAwait(false) is null
            ? null
            : new AuthenticatedUser(personId, Core.Trust.LevelOfAssurance.High, null);
}
