using Wallet.Core.StatusList;
using Wallet.Hosting;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>Turns the issuer's audited actions into <see cref="AuditEntry"/> values: identifiers and actor only, no claim values.</summary>
internal sealed class AuditRecorder(IAuditTrail trail, TimeProvider clock)
{
    public static string ApiKeyActor(string keyName) => "api-key:" + keyName;

    /// <summary>The person as a hash (SecretHash), so the trail can be matched against a known person without naming one.</summary>
    public static string SubjectActor(string personId) => "subject:" + SecretHash.Of(personId);

    public ValueTask OfferCreatedAsync(string keyName, string offerId, CancellationToken cancellationToken) =>
        trail.AppendAsync([new AuditEntry(clock.GetUtcNow(), ApiKeyActor(keyName), AuditActions.OfferCreated, offerId, null, null)], cancellationToken);

    public ValueTask CredentialsIssuedAsync(IReadOnlyList<IssuedCredentialRecord> records, CancellationToken cancellationToken) =>
        trail.AppendAsync(CredentialsIssued(records), cancellationToken);

    /// <summary>The entries of <see cref="CredentialsIssuedAsync"/>, for a caller that writes them in its own transaction.</summary>
    public static IReadOnlyList<AuditEntry> CredentialsIssued(IReadOnlyList<IssuedCredentialRecord> records) =>
            records.Select(r => new AuditEntry(
                r.IssuedAt,
                r.PersonId is { } person ? SubjectActor(person) : "offer:" + r.OfferId,
                AuditActions.CredentialIssued,
                r.OfferId.Length == 0 ? null : r.OfferId,
                r.CredentialId,
                r.ConfigurationId)).ToList();

    public ValueTask DeferredDecidedAsync(string keyName, DeferredIssuanceRecord record, bool completed, CancellationToken cancellationToken) =>
        trail.AppendAsync([new AuditEntry(clock.GetUtcNow(), ApiKeyActor(keyName), completed ? AuditActions.DeferredIssuanceCompleted : AuditActions.DeferredIssuanceRefused, record.OfferId, null, record.ConfigurationId)], cancellationToken);

    public ValueTask StatusSetAsync(string keyName, string credentialId, TokenStatus status, CancellationToken cancellationToken)
    {
        var action = status == TokenStatus.Invalid ? AuditActions.CredentialRevoked
            : status == TokenStatus.Suspended ? AuditActions.CredentialSuspended
            : AuditActions.CredentialUnsuspended;
        return trail.AppendAsync([new AuditEntry(clock.GetUtcNow(), ApiKeyActor(keyName), action, null, credentialId, null)], cancellationToken);
    }
}
