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

    /// <summary>The <c>notification_id</c> of the Credential Response that carried it (OpenID4VCI 1.0 §8.3), shared by a batch.</summary>
    public string? NotificationId { get; init; }

    /// <summary>The last event the Wallet sent to the Notification Endpoint (§11.1), or null when none.</summary>
    public string? NotificationEvent { get; init; }

    /// <summary>When <see cref="NotificationEvent"/> was received.</summary>
    public DateTimeOffset? NotifiedAt { get; init; }
}
