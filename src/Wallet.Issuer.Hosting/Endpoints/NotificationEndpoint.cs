using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Hosting;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The Notification Endpoint (OpenID4VCI 1.0 §11): HTTP in, <see cref="NotificationHandler"/>, 204 or the §11.3 error out.</summary>
internal static class NotificationEndpoint
{
    private const int MaxNotificationRequestBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapPost(endpoints.BasePath + "/notification", async (HttpContext context, NotificationHandler handler, DpopNonceService nonces, CancellationToken cancellationToken) =>
        {
            var body = await context.Request.ReadBoundedBodyAsync(MaxNotificationRequestBytes, cancellationToken).ConfigureAwait(false);
            if (body.IsTooLarge)
            {
                return ProtocolErrorResponse.ToResult(context, ProtocolError.Create(OpenId4VciErrors.InvalidNotificationRequest, $"The Notification Request exceeds {MaxNotificationRequestBytes} bytes."), httpStatus: StatusCodes.Status413PayloadTooLarge);
            }

            var isJson = context.Request.ContentType is { } type && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
            var request = new CredentialEndpointRequest(
                [.. context.Request.Headers.Authorization.Select(v => v ?? string.Empty)],
                [.. context.Request.Headers[DpopProof.HeaderName].Select(v => v ?? string.Empty)],
                isJson,
                body.Bytes);
            if (await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false) is { } error)
            {
                return HttpResults.Error(context, error, nonces);
            }

            // §11.2: 204 No Content is recommended.
            context.Response.Headers[DpopProof.NonceHeaderName] = nonces.Issue();
            HttpResults.NoStore(context);
            return Results.NoContent();
        });
    }
}
