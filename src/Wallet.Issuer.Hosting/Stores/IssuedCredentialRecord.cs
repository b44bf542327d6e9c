namespace Wallet.Issuer.Stores;

/// <summary>Metadata of one issued credential — never claim values — for revocation and listing.</summary>
/// <param name="CredentialId">Random identifier.</param>
/// <param name="OfferId">The offer it was issued for.</param>
/// <param name="PersonId">The authentic-source identifier of the subject, when known.</param>
/// <param name="ConfigurationId">The credential configuration.</param>
/// <param name="StatusListUri">The status list holding its status.</param>
/// <param name="StatusIndex">Its index in that list.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record IssuedCredentialRecord(string CredentialId, string OfferId, string? PersonId, string ConfigurationId, string StatusListUri, int StatusIndex, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>For a Power of Representation attestation: the representation relation it states, so that revoking or withdrawing the relation revokes it.</summary>
    public string? RepresentationId { get; init; }
}
