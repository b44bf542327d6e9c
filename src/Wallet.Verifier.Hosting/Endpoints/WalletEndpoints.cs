using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wallet.Core.OpenId4Vp;
using Wallet.Hosting;
using Wallet.Verifier.Options;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Endpoints;

/// <summary>The endpoints a wallet talks to: the request URI (GET and POST, OpenID4VP 1.0 §5.10) and the response URI (§8.2, §8.3.1).</summary>
internal static class WalletEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var wallet = routes.MapGroup("/oid4vp").WithTags("Wallet (OpenID4VP)");
        wallet.MapGet("/request/{requestId}", (string requestId, PresentationService service, CancellationToken ct) => RequestObjectAsync(requestId, RequestUriMethods.Get, null, service, ct))
            .WithName("GetRequestObject")
            .WithSummary("The signed Request Object (application/oauth-authz-req+jwt).");
        wallet.MapPost("/request/{requestId}", PostRequestAsync)
            .WithName("PostRequestObject")
            .WithSummary("request_uri_method=post: wallet_metadata and wallet_nonce in, the signed Request Object echoing wallet_nonce out.");
        wallet.MapPost("/response/{requestId}", PostResponseAsync)
            .WithName("PostAuthorizationResponse")
            .WithSummary("direct_post / direct_post.jwt authorization response.");
    }

    private static async Task<IResult> PostRequestAsync(HttpContext context, string requestId, PresentationService service, IOptions<VerifierOptions> options, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadFormAsync(context, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!WalletRequestUriParameters.TryRead(form!, OpenId4VpLimits.Default, out var parameters, out var error))
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", error.Message);
        }

        return await RequestObjectAsync(requestId, RequestUriMethods.Post, parameters, service, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> RequestObjectAsync(string requestId, string method, WalletRequestUriParameters? parameters, PresentationService service, CancellationToken cancellationToken)
    {
        if (requestId.Length > 64)
        {
            return OAuthError(StatusCodes.Status404NotFound, "invalid_request", "Unknown request.");
        }

        var (requestObject, error) = await service.GetRequestObjectAsync(requestId, method, parameters, cancellationToken).ConfigureAwait(false);
        return requestObject is not null
            ? Results.Text(requestObject, RequestObjectSigner.MediaType)
            : error == "invalid_request_uri_method"
                ? OAuthError(StatusCodes.Status405MethodNotAllowed, error, $"This request must be fetched with request_uri_method={(method == RequestUriMethods.Get ? RequestUriMethods.Post : RequestUriMethods.Get)}.")
                : OAuthError(StatusCodes.Status404NotFound, "invalid_request", "Unknown, answered or expired request.");
    }

    private static async Task<IResult> PostResponseAsync(HttpContext context, string requestId, PresentationService service, IOptions<VerifierOptions> options, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadFormAsync(context, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (requestId.Length > 64)
        {
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "Unknown transaction.");
        }

        var outcome = await service.HandleResponseAsync(requestId, form!, cancellationToken).ConfigureAwait(false);
        if (outcome.StatusCode != StatusCodes.Status200OK)
        {
            return OAuthError(outcome.StatusCode, outcome.Error ?? "invalid_request", outcome.ErrorDescription);
        }

        var body = new JsonObject();
        if (outcome.RedirectUri is not null)
        {
            body["redirect_uri"] = outcome.RedirectUri;
        }

        return Results.Text(body.ToJsonString(), "application/json", statusCode: StatusCodes.Status200OK);
    }

    private static async Task<(Dictionary<string, string>? Form, IResult? Problem)> ReadFormAsync(HttpContext context, int maxBytes, CancellationToken cancellationToken)
    {
        if (!RequestBody.IsForm(context.Request))
        {
            return (null, OAuthError(StatusCodes.Status415UnsupportedMediaType, "invalid_request", "The body must be application/x-www-form-urlencoded (UTF-8)."));
        }

        var read = await context.Request.ReadBoundedBodyAsync(maxBytes, cancellationToken).ConfigureAwait(false);
        if (read.IsTooLarge)
        {
            return (null, OAuthError(StatusCodes.Status413PayloadTooLarge, "invalid_request", $"The body exceeds {maxBytes} bytes."));
        }

        var body = read.Bytes;

        return RequestBody.TryParseForm(body, out var form)
            ? (form, null)
            : (null, OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "The form body is malformed or repeats a parameter."));
    }

    private static IResult OAuthError(int statusCode, string error, string? description)
    {
        var body = new JsonObject { ["error"] = error };
        if (description is not null)
        {
            body["error_description"] = description;
        }

        return Results.Text(body.ToJsonString(), "application/json", statusCode: statusCode);
    }
}
