namespace Wallet.Issuer.Stores;

/// <summary>
/// A deferred issuance (OpenID4VCI 1.0 §9): what the issuer needs to issue later, and no claim values — the subject's
/// data is read from the register when the credentials are delivered.
/// </summary>
/// <param name="DeferredId">The identifier the agency API uses; not the <c>transaction_id</c>, which only the Wallet holds.</param>
/// <param name="TransactionIdHash">Base64url SHA-256 of the <c>transaction_id</c>.</param>
/// <param name="TokenHash">The access token the Credential Request was made with; only it may poll (§9.1).</param>
/// <param name="ConfigurationId">The credential configuration to issue.</param>
/// <param name="HolderKeys">The public JWKs (JSON) the request's key proofs proved possession of, one credential each.</param>
/// <param name="CreatedAt">When the Credential Endpoint answered 202.</param>
/// <param name="ExpiresAt">When the transaction lapses: with the access token, as the Wallet cannot poll without it.</param>
public sealed record DeferredIssuanceRecord(string DeferredId, string TransactionIdHash, string TokenHash, string ConfigurationId, IReadOnlyList<string> HolderKeys, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The offer the access token was obtained for (pre-authorized flow), or null.</summary>
    public string? OfferId { get; init; }

    /// <summary>The subject's register identifier, or null for an offer with inline claims.</summary>
    public string? PersonId { get; init; }

    /// <summary>True when the subject signed in (authorization code flow), for the usage statistics.</summary>
    public bool LoggedIn { get; init; }

    /// <summary>Where the issuance stands.</summary>
    public DeferredIssuanceState State { get; init; }
}
