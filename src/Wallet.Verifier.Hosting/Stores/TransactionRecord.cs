namespace Wallet.Verifier.Stores;

/// <summary>One presentation transaction as stored. The wallet only ever sees <see cref="RequestId"/>, never <see cref="Id"/> (OpenID4VP 1.0 §14.3.3).</summary>
public sealed record TransactionRecord
{
    /// <summary>The relying party's handle (128 random bits).</summary>
    public required string Id { get; init; }

    /// <summary>The handle in the request and response URIs (128 random bits).</summary>
    public required string RequestId { get; init; }

    /// <summary>The owning relying party.</summary>
    public required string RelyingPartyId { get; init; }

    /// <summary>Creation time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this instant no response is accepted.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Current state.</summary>
    public required TransactionStatus Status { get; init; }

    /// <summary><c>direct_post</c> or <c>direct_post.jwt</c>.</summary>
    public required string ResponseMode { get; init; }

    /// <summary><c>get</c> or <c>post</c>.</summary>
    public required string RequestUriMethod { get; init; }

    /// <summary>The full Client Identifier used in the request.</summary>
    public required string ClientId { get; init; }

    /// <summary>The request nonce.</summary>
    public required string Nonce { get; init; }

    /// <summary>The request state.</summary>
    public required string State { get; init; }

    /// <summary>The DCQL query JSON as accepted.</summary>
    public required string DcqlQuery { get; init; }

    /// <summary>The <c>transaction_data</c> strings as sent in the request (a JSON array), if any (OpenID4VP 1.0 §5.1).</summary>
    public string? TransactionData { get; init; }

    /// <summary>The relying party's same-device redirect URI, if any.</summary>
    public string? RedirectUri { get; init; }

    /// <summary>SHA-256 of the response code handed out with the redirect (same-device flow).</summary>
    public byte[]? ResponseCodeHash { get; init; }

    /// <summary>
    /// The lowest level of assurance this transaction accepts, as asked for when it was created (never below the relying
    /// party's configured minimum at that time); null when neither asked for one. Checked together with the relying
    /// party's current minimum, so the stricter of the two applies.
    /// </summary>
    public Wallet.Core.Trust.LevelOfAssurance? MinimumLevelOfAssurance { get; init; }

    /// <summary>The verification result JSON, once validated.</summary>
    public string? ResultJson { get; init; }

    /// <summary>
    /// For a representation check (<c>/api/representation-checks</c>): the relying party's service id and the party it
    /// expects the person to act for, as JSON, read back when the result is decided; null for other transactions.
    /// </summary>
    public string? RepresentationCheckJson { get; init; }
}
