using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Hosting;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The Credential Endpoint (OpenID4VCI 1.0 §8): HTTP in, <see cref="CredentialRequestHandler"/>, HTTP out.</summary>
internal static class CredentialEndpoint
{
    private const int MaxCredentialRequestBytes = 512 * 1024;

    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapPost(endpoints.BasePath + "/credential", async (HttpContext context, CredentialRequestHandler handler, DpopNonceService nonces, Statistics.IssuerStatistics statistics, Statistics.IssuerMetrics metrics, CancellationToken cancellationToken) =>
        {
            var body = await context.Request.ReadBoundedBodyAsync(MaxCredentialRequestBytes, cancellationToken).ConfigureAwait(false);
            if (body.IsTooLarge)
            {
                return ProtocolErrorResponse.ToResult(context, ProtocolError.Create(OpenId4VciErrors.InvalidCredentialRequest, $"The Credential Request exceeds {MaxCredentialRequestBytes} bytes."), httpStatus: StatusCodes.Status413PayloadTooLarge);
            }

            var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
            var request = new CredentialEndpointRequest(
                [.. context.Request.Headers.Authorization.Select(v => v ?? string.Empty)],
                [.. context.Request.Headers[DpopProof.HeaderName].Select(v => v ?? string.Empty)],
                string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase),
                body.Bytes,
                string.Equals(mediaType, EncryptedCredentialMessage.MediaType, StringComparison.OrdinalIgnoreCase));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var (credentials, error) = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            metrics.CredentialRequestDuration(System.Diagnostics.Stopwatch.GetElapsedTime(started), error?.Error);
            if (error is not null)
            {
                await statistics.FailedAsync(error.Error).ConfigureAwait(false);
                return HttpResults.Error(context, error, nonces);
            }

            return CredentialResponseWriter.Write(context, credentials!, nonces);
        });
    }
}
