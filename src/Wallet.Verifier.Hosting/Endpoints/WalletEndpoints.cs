using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;
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
        wallet.MapGet("/request/{requestId}", (HttpContext context, string requestId, RequestObjectProvider requests, CancellationToken ct) => RequestObjectAsync(context, requestId, RequestUriMethods.Get, null, requests, ct))
            .PerClient("request-object")
            .WithName("GetRequestObject")
            .WithSummary("The signed Request Object (application/oauth-authz-req+jwt).");
        wallet.MapPost("/request/{requestId}", PostRequestAsync)
            .PerClient("request-object")
            .WithName("PostRequestObject")
            .WithSummary("request_uri_method=post: wallet_metadata and wallet_nonce in, the signed Request Object echoing wallet_nonce out.");
        wallet.MapPost("/response/{requestId}", PostResponseAsync)
            .PerClient("response")
            .WithName("PostAuthorizationResponse")
            .WithSummary("direct_post / direct_post.jwt authorization response.");
    }

    private static async Task<IResult> PostRequestAsync(HttpContext context, string requestId, RequestObjectProvider requests, IOptions<VerifierOptions> options, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadFormAsync(context, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!WalletRequestUriParameters.TryRead(form!, OpenId4VpLimits.Default, out var parameters, out var error))
        {
            return Error(context, OAuthErrors.InvalidRequest, error.Message);
        }

        return await RequestObjectAsync(context, requestId, RequestUriMethods.Post, parameters, requests, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> RequestObjectAsync(HttpContext context, string requestId, string method, WalletRequestUriParameters? parameters, RequestObjectProvider requests, CancellationToken cancellationToken)
    {
        if (requestId.Length > 64)
        {
            return Error(context, OAuthErrors.InvalidRequest, "Unknown request.", StatusCodes.Status404NotFound);
        }

        var (requestObject, error, description) = await requests.GetAsync(requestId, method, parameters, cancellationToken).ConfigureAwait(false);
        return requestObject is not null
            ? Results.Text(requestObject, RequestObjectSigner.MediaType)
            : error == OpenId4VpErrors.InvalidRequestUriMethod
                ? Error(context, error, $"This request must be fetched with request_uri_method={(method == RequestUriMethods.Get ? RequestUriMethods.Post : RequestUriMethods.Get)}.", StatusCodes.Status405MethodNotAllowed)
                : description is not null

                    // wallet_metadata that cannot be served (§5.10, §10.1): an HTTP error, on which the Wallet terminates (§5.10.2).
                    ? Error(context, error!, description, StatusCodes.Status400BadRequest)
                    : Error(context, OAuthErrors.InvalidRequest, "Unknown, answered or expired request.", StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PostResponseAsync(HttpContext context, string requestId, WalletResponseReceiver receiver, IOptions<VerifierOptions> options, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadFormAsync(context, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (requestId.Length > 64)
        {
            return Error(context, OAuthErrors.InvalidRequest, "Unknown transaction.");
        }

        var outcome = await receiver.ReceiveAsync(requestId, form!, cancellationToken).ConfigureAwait(false);
        if (outcome.Error is not null)
        {
            return ProtocolErrorResponse.ToResult(context, outcome.Error);
        }

        var body = new JsonObject();
        if (outcome.RedirectUri is not null)
        {
            body["redirect_uri"] = outcome.RedirectUri;
        }

        ProtocolErrorResponse.NoStore(context.Response);
        return Results.Text(body.ToJsonString(), "application/json", statusCode: StatusCodes.Status200OK);
    }

    private static async Task<(Dictionary<string, string>? Form, IResult? Problem)> ReadFormAsync(HttpContext context, int maxBytes, CancellationToken cancellationToken)
    {
        if (!RequestBody.IsForm(context.Request))
        {
            return (null, Error(context, OAuthErrors.InvalidRequest, "The body must be application/x-www-form-urlencoded (UTF-8).", StatusCodes.Status415UnsupportedMediaType));
        }

        var read = await context.Request.ReadBoundedBodyAsync(maxBytes, cancellationToken).ConfigureAwait(false);
        if (read.IsTooLarge)
        {
            return (null, Error(context, OAuthErrors.InvalidRequest, $"The body exceeds {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge));
        }

        var body = read.Bytes;

        return RequestBody.TryParseForm(body, out var form)
            ? (form, null)
            : (null, Error(context, OAuthErrors.InvalidRequest, "The form body is malformed or repeats a parameter."));
    }

    /// <summary>A protocol error through the shared mapping; <paramref name="httpStatus"/> only where HTTP itself decides (unknown resource, method, media type, size).</summary>
    private static IResult Error(HttpContext context, string error, string description, int? httpStatus = null) =>
        ProtocolErrorResponse.ToResult(context, ProtocolError.Create(error, description), httpStatus: httpStatus);
}
