using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Wallet.Core.OAuth;
using Wallet.Issuer.Pages;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>
/// The body of every error the framework answers without one (unknown route 404, 405, 415 from routing, 400 from
/// Kestrel's limits): the HTML error page where a browser is sent (<c>/authorize…</c>, <c>/offers/…</c>), the OAuth
/// error JSON (RFC 6749 §5.2) at the protocol endpoints, RFC 9457 problem details everywhere else.
/// </summary>
internal static class ErrorResponses
{
    private static readonly string[] ProtocolPaths = ["/token", "/par", "/nonce", "/credential", "/deferred_credential", "/notification"];

    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var endpoints = http.RequestServices.GetRequiredService<IssuerEndpoints>();
        var status = http.Response.StatusCode;
        var path = http.Request.Path.Value ?? string.Empty;
        var relative = path.StartsWith(endpoints.BasePath, StringComparison.Ordinal) ? path[endpoints.BasePath.Length..] : path;
        var reason = ReasonOf(status);
        IResult result;
        if (relative.StartsWith("/authorize", StringComparison.Ordinal) || relative.StartsWith("/offers/", StringComparison.Ordinal))
        {
            result = HtmlPage.Render(endpoints.Issuer, t => t.NotAcceptedTitle, t => HtmlPage.Paragraph(PageReasonOf(t, status)), status);
        }
        else if (ProtocolPaths.Contains(relative, StringComparer.Ordinal))
        {
            result = HttpResults.Json(http, new JsonObject { ["error"] = OAuthErrors.InvalidRequest, ["error_description"] = OAuthErrorDescription.Sanitize(reason) }, status);
        }
        else
        {
            result = Results.Problem(statusCode: status, title: reason);
        }

        await result.ExecuteAsync(http).ConfigureAwait(false);
    }

    private static string PageReasonOf(IssuerPageText t, int status) => status switch
    {
        StatusCodes.Status400BadRequest => t.MalformedRequest,
        StatusCodes.Status404NotFound => t.NothingHere,
        StatusCodes.Status405MethodNotAllowed => t.MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => t.TooLarge,
        StatusCodes.Status415UnsupportedMediaType => t.UnsupportedMediaType,
        _ => t.OtherStatus(status),
    };

    private static string ReasonOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is malformed.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept the request's method; see the Allow header.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "This address does not accept the request's Content-Type.",
        _ => $"The request was not accepted (HTTP {status}).",
    };
}
