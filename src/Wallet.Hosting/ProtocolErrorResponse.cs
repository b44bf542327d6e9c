using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;

namespace Wallet.Hosting;

/// <summary>
/// The one mapping from protocol errors to HTTP, shared by the Issuer and the Verifier: the status for the
/// <c>error</c> code, the <c>WWW-Authenticate</c> challenge of a protected resource, <c>Cache-Control: no-store</c>,
/// and a JSON body with <c>error</c>, <c>error_description</c> and <c>error_uri</c>.
/// </summary>
public static class ProtocolErrorResponse
{
    /// <summary>
    /// The HTTP status of <paramref name="error"/>: 401 for failed client authentication (RFC 6749 §5.2) and for an
    /// invalid token (RFC 6750 §3.1); 403 for insufficient scope (RFC 6750 §3.1); a DPoP error is 401 at a protected
    /// resource (RFC 9449 §7.1, §9) and 400 at the authorization server (RFC 9449 §5, §8); 500 and 503 for
    /// <c>server_error</c> and <c>temporarily_unavailable</c> (RFC 6749 §4.1.2.1); every other code is 400
    /// (RFC 6749 §5.2, OpenID4VCI 1.0 §8.3.1.2, OpenID4VP 1.0 §8.5).
    /// </summary>
    /// <param name="error">The protocol error.</param>
    public static int StatusCodeFor(ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Error switch
        {
            OAuthErrors.InvalidClient or OAuthErrors.InvalidToken => StatusCodes.Status401Unauthorized,
            OAuthErrors.InsufficientScope => StatusCodes.Status403Forbidden,
            OAuthErrors.InvalidDpopProof or OAuthErrors.UseDpopNonce => error.IsResourceServerError ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest,
            OAuthErrors.ServerError => StatusCodes.Status500InternalServerError,
            OAuthErrors.TemporarilyUnavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
    }

    /// <summary>
    /// The response for <paramref name="error"/>. Sets <c>Cache-Control: no-store</c> (RFC 6749 §5.1) and, for an error of
    /// a protected resource, <c>WWW-Authenticate</c> with the <c>DPoP</c> scheme and its <c>algs</c> when
    /// <paramref name="dpopAlgorithms"/> are given, otherwise <c>Bearer</c> (RFC 9449 §7.1, RFC 6750 §3).
    /// </summary>
    /// <param name="context">The current request.</param>
    /// <param name="error">The protocol error.</param>
    /// <param name="dpopAlgorithms">The DPoP algorithms the resource accepts, or null when it does not use DPoP.</param>
    /// <param name="httpStatus">
    /// A status the endpoint decides on HTTP grounds rather than by the error code (an unknown resource is 404, a method
    /// the resource does not accept 405, a body too large 413); null for the mapping of <see cref="StatusCodeFor"/>.
    /// </param>
    public static IResult ToResult(HttpContext context, ProtocolError error, IEnumerable<string>? dpopAlgorithms = null, int? httpStatus = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        NoStore(context.Response);
        if (error.IsResourceServerError)
        {
            var challenge = dpopAlgorithms is null
                ? $"Bearer error=\"{error.Error}\", error_description=\"{error.Description}\""
                : $"DPoP error=\"{error.Error}\", error_description=\"{error.Description}\", algs=\"{string.Join(' ', dpopAlgorithms)}\"";
            context.Response.Headers.WWWAuthenticate = challenge;
        }

        var documentation = context.RequestServices?.GetService<IOptions<ErrorDocumentationOptions>>()?.Value ?? new ErrorDocumentationOptions();
        var body = new JsonObject
        {
            ["error"] = error.Error,
            ["error_description"] = error.Description,
            ["error_uri"] = documentation.For(error.Error).AbsoluteUri,
        };
        return Results.Text(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, httpStatus ?? StatusCodeFor(error));
    }

    /// <summary>Forbids caching of a response that carries tokens, codes or errors about them (RFC 6749 §5.1, RFC 9110 §5.4 for <c>Pragma</c>).</summary>
    /// <param name="response">The response.</param>
    public static void NoStore(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
