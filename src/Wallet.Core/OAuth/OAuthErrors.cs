namespace Wallet.Core.OAuth;

/// <summary>
/// The <c>error</c> values OAuth 2.0 puts on the wire (RFC 6749 §4.1.2.1, §5.2, RFC 6750 §3.1, RFC 9449 §5, §7.1, §8).
/// </summary>
public static class OAuthErrors
{
    /// <summary>The request is missing a parameter, repeats one, or is otherwise malformed (RFC 6749 §5.2).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>Client authentication failed (RFC 6749 §5.2).</summary>
    public const string InvalidClient = "invalid_client";

    /// <summary>The grant (code, pre-authorized code, transaction code, PKCE verifier) is invalid, expired or used (RFC 6749 §5.2).</summary>
    public const string InvalidGrant = "invalid_grant";

    /// <summary>The client may not use this grant type (RFC 6749 §5.2).</summary>
    public const string UnauthorizedClient = "unauthorized_client";

    /// <summary>The grant type is not supported (RFC 6749 §5.2).</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";

    /// <summary>The requested scope is invalid or unknown (RFC 6749 §5.2).</summary>
    public const string InvalidScope = "invalid_scope";

    /// <summary>The server met an unexpected condition and cannot answer the request (RFC 6749 §4.1.2.1).</summary>
    public const string ServerError = "server_error";

    /// <summary>The server cannot handle the request now; the client may retry later (RFC 6749 §4.1.2.1).</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    /// <summary>The access token is missing, expired, revoked or malformed (RFC 6750 §3.1).</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>The access token does not grant what the request needs (RFC 6750 §3.1).</summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>The DPoP proof is invalid (RFC 9449 §5, §7.1).</summary>
    public const string InvalidDpopProof = "invalid_dpop_proof";

    /// <summary>The server requires a (fresh) DPoP nonce; it is sent in the <c>DPoP-Nonce</c> header (RFC 9449 §8, §9).</summary>
    public const string UseDpopNonce = "use_dpop_nonce";
}
