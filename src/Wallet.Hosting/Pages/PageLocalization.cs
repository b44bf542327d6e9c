using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Wallet.Hosting.Pages;

/// <summary>
/// How every HTML page of the Issuer and the Verifier picks its language, and the switch that changes it. The order:
/// the <c>lang</c> query parameter (the switch's links; it is then remembered in the <c>lang</c> cookie), the <c>lang</c>
/// cookie, <c>Accept-Language</c> by quality, <see cref="PageLanguage.Default"/>. A link rather than a script, so the switch
/// works without JavaScript, under the Issuer's script-free Content-Security-Policy, and with the keyboard alone.
/// </summary>
public static class PageLocalization
{
    /// <summary>The query parameter and cookie that carry the chosen language.</summary>
    public const string ParameterName = "lang";

    private static readonly object ItemKey = new();

    /// <summary>
    /// The language of this request's page, decided once per request. A valid <c>lang</c> query parameter also sets the
    /// cookie, so the choice holds on the next page (the wallet's redirects to the login page carry no <c>lang</c>).
    /// The response says <c>Content-Language</c> and varies on the inputs.
    /// </summary>
    public static PageLanguage LanguageOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var known) && known is PageLanguage decided)
        {
            return decided;
        }

        var language = Negotiate(context.Request, out var fromQuery);
        context.Items[ItemKey] = language;
        var response = context.Response;
        if (!response.HasStarted)
        {
            if (fromQuery)
            {
                response.Cookies.Append(ParameterName, language.Code, new CookieOptions
                {
                    Path = "/",
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
                    IsEssential = true,
                    MaxAge = TimeSpan.FromDays(365),
                });
            }

            response.Headers.ContentLanguage = language.Code;
            response.Headers.Append(HeaderNames.Vary, "Accept-Language, Cookie");
        }

        return language;
    }

    /// <summary>The language chosen by the request alone (no side effects); <paramref name="fromQuery"/> when the switch chose it.</summary>
    public static PageLanguage Negotiate(HttpRequest request, out bool fromQuery)
    {
        ArgumentNullException.ThrowIfNull(request);
        fromQuery = false;
        var query = request.Query[ParameterName];
        if (query.Count == 1 && PageLanguage.FromTag(query[0]) is { } chosen)
        {
            fromQuery = true;
            return chosen;
        }

        if (request.Cookies.TryGetValue(ParameterName, out var cookie) && PageLanguage.FromTag(cookie) is { } remembered)
        {
            return remembered;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage;
        if (accepted is { Count: > 0 })
        {
            // OrderByDescending is stable: equal qualities keep the browser's order.
            foreach (var range in accepted.Where(r => r.Quality is not 0).OrderByDescending(r => r.Quality ?? 1))
            {
                if (PageLanguage.FromTag(range.Value) is { } preferred)
                {
                    return preferred;
                }
            }
        }

        return PageLanguage.Default;
    }

    /// <summary>
    /// The language switch: a labelled navigation landmark with one link per language to this same page with
    /// <c>lang</c> set (other query parameters kept), each link marked with its own <c>lang</c>, the current one with
    /// <c>aria-current</c>. HTML-encoded, ready to insert.
    /// </summary>
    public static string LanguageSwitchHtml(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = LanguageOf(context);
        var request = context.Request;
        var html = new StringBuilder("<nav class=\"language-switch\" aria-label=\"")
            .Append(ReferenceEquals(current, PageLanguage.Norwegian) ? "Språk" : "Language")
            .Append("\"><ul>");
        foreach (var language in PageLanguage.All)
        {
            var query = QueryHelpers.ParseQuery(request.QueryString.Value);
            query[ParameterName] = language.Code;
            var href = request.PathBase.Add(request.Path).ToUriComponent() + QueryString.Create(query).ToUriComponent();
            html.Append("<li><a href=\"").Append(HtmlEncoder.Default.Encode(href))
                .Append("\" lang=\"").Append(language.Code).Append("\" hreflang=\"").Append(language.Code).Append('"')
                .Append(ReferenceEquals(language, current) ? " aria-current=\"true\"" : string.Empty)
                .Append('>').Append(HtmlEncoder.Default.Encode(language.Name)).Append("</a></li>");
        }

        return html.Append("</ul></nav>").ToString();
    }
}
