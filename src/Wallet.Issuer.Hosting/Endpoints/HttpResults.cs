using System.Text.Json.Nodes;
using Wallet.Core.OAuth;
using Wallet.Hosting;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>Turns protocol results into HTTP responses: JSON bodies, <c>Cache-Control: no-store</c>, DPoP headers; errors through <see cref="ProtocolErrorResponse"/>.</summary>
internal static class HttpResults
{
    // '+' in "dc+sd-jwt" and non-ASCII display names stay readable; the documents are never embedded in HTML.
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Json(HttpContext context, JsonNode body, int status = 200, string contentType = "application/json")
    {
        NoStore(context);
        return Results.Text(body.ToJsonString(Relaxed), contentType, System.Text.Encoding.UTF8, status);
    }

    public static IResult Document(JsonNode body, string contentType = "application/json") =>
        Results.Text(body.ToJsonString(Relaxed), contentType, System.Text.Encoding.UTF8);

    /// <summary>The shared mapping of <see cref="ProtocolErrorResponse"/>, plus a fresh <c>DPoP-Nonce</c> when the error asks for one.</summary>
    public static IResult Error(HttpContext context, ProtocolError error, DpopNonceService nonces)
    {
        if (error.IncludeDpopNonce)
        {
            context.Response.Headers[DpopProof.NonceHeaderName] = nonces.Issue();
            context.Response.Headers.AccessControlExposeHeaders = DpopProof.NonceHeaderName;
        }

        return ProtocolErrorResponse.ToResult(context, error, DpopNonceService.Algorithms.Allowed.Select(a => a.Name));
    }

    public static void NoStore(HttpContext context) => ProtocolErrorResponse.NoStore(context.Response);
}
