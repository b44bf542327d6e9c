namespace Wallet.Issuer.Stores;

/// <summary>One audited action.</summary>
/// <param name="At">When the action took effect.</param>
/// <param name="Actor">
/// Who: <c>api-key:{name}</c> for the agency API (the configured key's name, never the key), or <c>subject:{hash}</c> for
/// the person a credential was issued to (<see cref="Wallet.Hosting.SecretHash.Of"/> of the person identifier), or
/// <c>offer:{id}</c> for a credential issued from inline claims without a person identifier.
/// </param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="OfferId">The offer created, or the offer a credential was issued from.</param>
/// <param name="CredentialId">The credential issued or whose status was set.</param>
/// <param name="CredentialConfigurationId">The credential configuration issued.</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? OfferId, string? CredentialId, string? CredentialConfigurationId)
{
    /// <summary>The store's ascending position of the entry; the cursor of paged queries. Zero before the entry is stored.</summary>
    public long Sequence { get; init; }
}
