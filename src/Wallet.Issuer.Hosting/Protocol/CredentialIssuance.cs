using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Pid;
using Wallet.Core.Security;
using Wallet.Hosting;
using Wallet.Hosting.Statistics;
using Wallet.Issuer.Options;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The steps the Credential Endpoint and the Deferred Credential Endpoint share (OpenID4VCI 1.0 §8.3, §9.2): the
/// subject from the offer or the signed-in person, read from the register now; then one credential per holder key with
/// its own status-list index, the records and the usage count for the caller's unit.
/// </summary>
internal sealed class CredentialIssuance(
    IOfferStore offers,
    SubjectResolver subjects,
    Representation.RepresentationRegister representations,
    StatusListProvider statusLists,
    CredentialFactory factory,
    Statistics.IssuerStatistics statistics)
{
    /// <summary>The subject of an issuance: an offer (pre-authorized flow) or the signed-in person, and the PID as the register holds it now.</summary>
    public sealed record Subject(OfferRecord? Offer, string? PersonId, bool LoggedIn, PersonIdentificationData Pid);

    public async ValueTask<(Subject? Subject, ProtocolError? Error)> ResolveAsync(string? offerId, string? loggedInPersonId, CancellationToken cancellationToken)
    {
        var offer = offerId is not null ? await offers.FindAsync(offerId, cancellationToken).ConfigureAwait(false) : null;
        var pid = offer is not null
            ? await subjects.ResolveAsync(offer, cancellationToken).ConfigureAwait(false)
            : loggedInPersonId is { } person ? await subjects.ResolvePersonAsync(person, cancellationToken).ConfigureAwait(false) : null;
        return pid is null
            ? (null, ProtocolError.Create(OpenId4VciErrors.CredentialRequestDenied, "The data of the credential subject is no longer available."))
            : (new Subject(offer, offer?.PersonId ?? loggedInPersonId, loggedInPersonId is not null, pid), null);
    }

    public async ValueTask<(CredentialResponse? Response, ProtocolError? Error)> IssueAsync(
        Subject subject,
        string configurationId,
        CredentialConfigurationOptions configuration,
        IReadOnlyList<PublicJwk> holderKeys,
        DateTimeOffset now,
        List<IssuedCredentialRecord> records,
        List<(UsageEvent, long)> counted,
        CancellationToken cancellationToken)
    {
        var offer = subject.Offer;

        // A representation attestation states the offer's relation as the register holds it now (ended, expired: none).
        Core.Representation.PowerOfRepresentation? power = null;
        var representationId = offer?.RepresentationId;
        if (CredentialKinds.Of(configuration) == CredentialKind.Representation)
        {
            var relation = representationId is null ? null : await representations.FindAsync(representationId, cancellationToken).ConfigureAwait(false);
            if (relation is null)
            {
                return (null, ProtocolError.Create(OpenId4VciErrors.CredentialRequestDenied, "A representation attestation is issued only for an offer of a representation relation."));
            }

            (power, var refusal) = await representations.AttestationAsync(relation, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken).ConfigureAwait(false);
            if (power is null)
            {
                return (null, ProtocolError.Create(OpenId4VciErrors.CredentialRequestDenied, refusal!));
            }
        }

        // One credential per holder key; the batch shares one notification_id (OpenID4VCI 1.0 Sec. 8.3, 11.1).
        var notificationId = Id();
        var credentials = new List<string>(holderKeys.Count);
        foreach (var holderKey in holderKeys)
        {
            if (await statusLists.AllocateAsync(cancellationToken).ConfigureAwait(false) is not ({ } status, null))
            {
                return (null, ProtocolError.Create(OAuthErrors.TemporarilyUnavailable, "No status list entry could be allocated; try again later."));
            }

            credentials.Add(factory.Issue(configuration, subject.Pid, holderKey, status, now, power));
            records.Add(new IssuedCredentialRecord(Id(), offer?.OfferId ?? string.Empty, subject.PersonId, configurationId, status.Uri.OriginalString, status.Index, now, factory.ExpiresAt(now, power)) { NotificationId = notificationId, RepresentationId = power is null ? null : representationId });
        }

        // Counted in the unit's commit, with the audit entries.
        counted.Add((await statistics.IssuedEventAsync(configurationId, subject.PersonId, subject.LoggedIn, subject.Pid).ConfigureAwait(false), credentials.Count));
        return (CredentialResponse.Issued(credentials, notificationId), null);
    }

    private static string Id() => RandomHandle.Create(16);
}
