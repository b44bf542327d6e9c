using System.Text;
using System.Text.Encodings.Web;
using Wallet.Hosting.Pages;

namespace Wallet.Issuer.Pages;

/// <summary>
/// The HTML pages shown to people (sign-in, errors, offers, help), in the language of the request
/// (<see cref="PageLocalization"/>). The page is written when the result executes, so code without the request at hand
/// can still return one. Every value is HTML-encoded by the caller or here.
/// </summary>
internal static class HtmlPage
{
    /// <summary>A page whose title and body (already-encoded HTML) are chosen from the request's texts.</summary>
    public static IResult Render(string issuer, Func<IssuerPageText, string> title, Func<IssuerPageText, string> body, int status = StatusCodes.Status200OK) =>
        new PageResult(issuer, title, body, status);

    /// <summary>An error page: the plain-language <paramref name="lead"/>, then <paramref name="detail"/> (the exact failed check, untranslated) for support.</summary>
    public static IResult Error(string issuer, Func<IssuerPageText, string> title, Func<IssuerPageText, string> lead, string? detail, int status) =>
        Render(issuer, title, t => Paragraph(lead(t)) + (detail is null ? string.Empty : "<p>" + HtmlEncoder.Default.Encode(t.DetailsLabel) + ": <span lang=\"en\">" + HtmlEncoder.Default.Encode(detail) + "</span></p>"), status);

    /// <summary>One encoded paragraph.</summary>
    public static string Paragraph(string text) => "<p>" + HtmlEncoder.Default.Encode(text) + "</p>";

    /// <summary>The whole document: language switch, one <c>main</c> landmark with the heading, footer with the issuer and the help link.</summary>
    public static string Document(HttpContext context, string issuer, string title, string body, bool linkHelp = true)
    {
        var language = PageLocalization.LanguageOf(context);
        var t = IssuerPageText.Text.In(language);
        var encodedTitle = HtmlEncoder.Default.Encode(title);
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"").Append(language.Code)
            .Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(encodedTitle).Append("</title></head><body><header>").Append(PageLocalization.LanguageSwitchHtml(context))
            .Append("</header><main><h1>").Append(encodedTitle).Append("</h1>").Append(body).Append("</main><footer>");
        if (linkHelp)
        {
            html.Append("<p><a href=\"").Append(HtmlEncoder.Default.Encode(HelpPage.PathFor(context))).Append("\">").Append(HtmlEncoder.Default.Encode(t.HelpLink)).Append("</a></p>");
        }

        return html.Append("<p><small>").Append(HtmlEncoder.Default.Encode(t.IssuerLabel)).Append(": ").Append(HtmlEncoder.Default.Encode(issuer)).Append("</small></p></footer></body></html>").ToString();
    }

    private sealed class PageResult(string issuer, Func<IssuerPageText, string> title, Func<IssuerPageText, string> body, int status) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var t = IssuerPageText.Text.For(httpContext);
            var html = Document(httpContext, issuer, title(t), body(t));
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(httpContext);
        }
    }
}
