namespace Wallet.Issuer.Stores;

/// <summary>
/// A refresh token (RFC 6749 §6), stored by hash only. Every token obtained by rotating another belongs to the same
/// family: the grant the person consented to at the authorization endpoint, which ends at <paramref name="ExpiresAt"/>.
/// </summary>
/// <param name="TokenHash">Base64url SHA-256 of the token.</param>
/// <param name="FamilyId">The grant the token belongs to; shared by the token and all its successors.</param>
/// <param name="KeyThumbprint">The DPoP key thumbprint the token is bound to (RFC 9449 §5).</param>
/// <param name="ConfigurationIds">The credential configurations the grant authorizes.</param>
/// <param name="GrantedAt">When the person consented (the authorization code was redeemed).</param>
/// <param name="ExpiresAt">When the grant ends: the consent time plus <c>Issuer:RefreshTokenLifetime</c>; rotation never extends it.</param>
public sealed record RefreshTokenRecord(string TokenHash, string FamilyId, string KeyThumbprint, IReadOnlyList<string> ConfigurationIds, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The client authenticated by Wallet Attestation when the grant was made, or the <c>client_id</c> of the authorization request.</summary>
    public string? ClientId { get; init; }

    /// <summary>The authenticated person the grant is for.</summary>
    public string? PersonId { get; init; }

    /// <summary>True when the grant used <c>authorization_details</c>, so refreshed token responses carry <c>credential_identifiers</c> again.</summary>
    public bool UsesCredentialIdentifiers { get; init; }

    /// <summary>When this token of the family was issued.</summary>
    public DateTimeOffset IssuedAt { get; init; }
}
