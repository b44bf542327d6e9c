using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Hosting;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The Deferred Credential Endpoint (OpenID4VCI 1.0 §9): HTTP in, <see cref="DeferredCredentialRequestHandler"/>, the Credential Response out.</summary>
internal static class DeferredCredentialEndpoint
{
    private const int MaxDeferredRequestBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapPost(endpoints.BasePath + "/deferred_credential", async (HttpContext context, DeferredCredentialRequestHandler handler, DpopNonceService nonces, Statistics.IssuerStatistics statistics, CancellationToken cancellationToken) =>
        {
            var body = await context.Request.ReadBoundedBodyAsync(MaxDeferredRequestBytes, cancellationToken).ConfigureAwait(false);
            if (body.IsTooLarge)
            {
                return ProtocolErrorResponse.ToResult(context, ProtocolError.Create(OpenId4VciErrors.InvalidCredentialRequest, $"The Deferred Credential Request exceeds {MaxDeferredRequestBytes} bytes."), httpStatus: StatusCodes.Status413PayloadTooLarge);
            }

            var isJson = context.Request.ContentType is { } type && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
            var request = new CredentialEndpointRequest(
                [.. context.Request.Headers.Authorization.Select(v => v ?? string.Empty)],
                [.. context.Request.Headers[DpopProof.HeaderName].Select(v => v ?? string.Empty)],
                isJson,
                body.Bytes);
            var (response, error) = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                await statistics.FailedAsync(error.Error).ConfigureAwait(false);
                return HttpResults.Error(context, error, nonces);
            }

            return CredentialResponseWriter.Write(context, response!, nonces);
        });
    }
}
