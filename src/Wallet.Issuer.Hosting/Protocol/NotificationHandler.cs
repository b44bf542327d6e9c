using Wallet.Core.OpenId4Vci;
using Wallet.Hosting;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The Notification Endpoint (OpenID4VCI 1.0 §11): access token → request → the <c>notification_id</c>, which must
/// belong to a Credential Response of the token's subject → the event, recorded with the issued credentials.
/// </summary>
internal sealed class NotificationHandler(IssuerEndpoints endpoints, ResourceAccess access, IIssuedCredentialStore issued, TimeProvider timeProvider)
{
    public async ValueTask<ProtocolError?> HandleAsync(CredentialEndpointRequest request, CancellationToken cancellationToken)
    {
        var (token, error) = await access.AuthorizeAsync(request.Authorization, request.DpopHeaders, endpoints.Notification, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return error;
        }

        if (!request.IsJson)
        {
            return ProtocolError.Create(OpenId4VciErrors.InvalidNotificationRequest, "The Notification Request must be application/json (OpenID4VCI 1.0 Sec. 11.1).");
        }

        if (!NotificationRequest.TryParse(request.Body.Span, OpenId4VciLimits.Default, out var notification, out var parseError))
        {
            return ProtocolError.Create(OpenId4VciErrors.InvalidNotificationRequest, parseError.Message);
        }

        // A notification_id of another person's (or another offer's) issuance is as unknown as a made-up one: the
        // answer must not tell which identifiers exist.
        var records = await issued.ListByNotificationAsync(notification.NotificationId, cancellationToken).ConfigureAwait(false);
        if (records.Count == 0 || !records.All(r => IssuedTo(r, token)))
        {
            return ProtocolError.Create(OpenId4VciErrors.InvalidNotificationId, "The notification_id was not issued to the holder of this access token (OpenID4VCI 1.0 Sec. 11.3).");
        }

        await issued.RecordNotificationAsync(notification.NotificationId, notification.Event, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return null;
    }

    // The Credential Endpoint records the offer's id, or for a login without offer the signed-in person.
    private static bool IssuedTo(IssuedCredentialRecord record, AccessTokenRecord token) => token.OfferId is { } offerId
        ? string.Equals(record.OfferId, offerId, StringComparison.Ordinal)
        : record.OfferId.Length == 0 && token.PersonId is not null && string.Equals(record.PersonId, token.PersonId, StringComparison.Ordinal);
}
