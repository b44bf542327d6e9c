using System.Text;
using System.Text.Encodings.Web;

namespace Wallet.Issuer.Endpoints;

/// <summary>The minimal HTML pages shown to users (sign-in, errors, offers). Every value is HTML-encoded by the caller or here.</summary>
internal static class HtmlPage
{
    /// <summary>A page with an encoded title and a body of already-encoded HTML.</summary>
    public static IResult Render(string issuer, string title, string body, int status = StatusCodes.Status200OK)
    {
        var html = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{HtmlEncoder.Default.Encode(title)}</title></head><body><h1>{HtmlEncoder.Default.Encode(title)}</h1>{body}<p><small>{HtmlEncoder.Default.Encode(issuer)}</small></p></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>One encoded paragraph.</summary>
    public static string Paragraph(string text) => "<p>" + HtmlEncoder.Default.Encode(text) + "</p>";
}
