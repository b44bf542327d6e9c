namespace Wallet.Issuer.Stores;

/// <summary>What happened when a refresh token was presented for rotation.</summary>
public enum RefreshOutcome
{
    /// <summary>The token was live; it is now used up and its successor is stored.</summary>
    Rotated,

    /// <summary>No token has this hash.</summary>
    Unknown,

    /// <summary>The grant ended (consent lifetime reached).</summary>
    Expired,

    /// <summary>The grant was revoked (agency API, or an earlier reuse).</summary>
    Revoked,

    /// <summary>
    /// The token had already been rotated: someone holds a copy. The whole family is now revoked, so neither the thief
    /// nor the wallet can go on (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
    /// </summary>
    Reused,
}
