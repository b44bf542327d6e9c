using System.Text;
using System.Text.Encodings.Web;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Pages;

/// <summary>
/// The help page for people getting their first PID (<c>/help</c>): what a wallet is, how to scan, what the code is for,
/// what to do when it fails. Linked from every Issuer page; it holds no state and needs no sign-in.
/// </summary>
internal static class HelpPage
{
    public const string Path = "/help";

    public static string PathFor(HttpContext context) =>
        context.RequestServices.GetRequiredService<IssuerEndpoints>().BasePath + Path;

    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints) =>
        routes.MapGet(endpoints.BasePath + Path, (HttpContext context) => Render(context, endpoints.Issuer)).ExcludeFromDescription();

    private static IResult Render(HttpContext context, string issuer)
    {
        var t = HelpPageText.Text.For(context);
        var body = new StringBuilder(HtmlPage.Paragraph(t.Intro));
        body.Append("<nav aria-label=\"").Append(HtmlEncoder.Default.Encode(t.Contents)).Append("\"><ul>");
        foreach (var section in t.Sections)
        {
            body.Append("<li><a href=\"#").Append(section.Id).Append("\">").Append(HtmlEncoder.Default.Encode(section.Heading)).Append("</a></li>");
        }

        body.Append("</ul></nav>");
        foreach (var section in t.Sections)
        {
            body.Append("<section id=\"").Append(section.Id).Append("\" aria-labelledby=\"").Append(section.Id).Append("-heading\"><h2 id=\"")
                .Append(section.Id).Append("-heading\">").Append(HtmlEncoder.Default.Encode(section.Heading)).Append("</h2>");
            if (section.Steps)
            {
                body.Append("<ol>");
                foreach (var line in section.Lines)
                {
                    body.Append("<li>").Append(HtmlEncoder.Default.Encode(line)).Append("</li>");
                }

                body.Append("</ol>");
            }
            else
            {
                foreach (var line in section.Lines)
                {
                    body.Append(HtmlPage.Paragraph(line));
                }
            }

            body.Append("</section>");
        }

        var html = HtmlPage.Document(context, issuer, t.Title, body.ToString(), linkHelp: false);
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }
}
