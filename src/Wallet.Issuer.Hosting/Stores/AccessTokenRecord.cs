namespace Wallet.Issuer.Stores;

/// <summary>An issued access token, stored by hash only.</summary>
/// <param name="TokenHash">Base64url SHA-256 of the token.</param>
/// <param name="OfferId">The offer the token was obtained for (pre-authorized flow), or null (authorization code flow).</param>
/// <param name="KeyThumbprint">The DPoP key thumbprint (<c>cnf.jkt</c>), or null for a bearer token.</param>
/// <param name="ConfigurationIds">The credential configurations the token authorizes.</param>
/// <param name="ExpiresAt">When the token expires.</param>
public sealed record AccessTokenRecord(string TokenHash, string? OfferId, string? KeyThumbprint, IReadOnlyList<string> ConfigurationIds, DateTimeOffset ExpiresAt)
{
    /// <summary>The client authenticated by Wallet Attestation, or null for anonymous access.</summary>
    public string? ClientId { get; init; }

    /// <summary>The authenticated person (authorization code flow); with an offer the subject comes from the offer.</summary>
    public string? PersonId { get; init; }

    /// <summary>True when the token response carried <c>credential_identifiers</c>, which requests must then use (OpenID4VCI §8.2).</summary>
    public bool UsesCredentialIdentifiers { get; init; }

    /// <summary>
    /// Per credential configuration, the claims paths (as JSON array text) the Wallet asked for in the <c>claims</c> of
    /// <c>authorization_details</c> (OpenID4VCI 1.0 §5.1.1, Appendix B.1); null or a missing configuration means every claim.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? RequestedClaims { get; init; }
}
