namespace Wallet.Core.Jose;

/// <summary>Error codes for JOSE structures (JWS compact serialization, JWK).</summary>
public static class JoseErrorCodes
{
    /// <summary>The token is not three base64url segments separated by dots (RFC 7515 §7.1).</summary>
    public const string Malformed = "jose.malformed";

    /// <summary>The token or one of its parts exceeds a configured size or depth limit.</summary>
    public const string TooLarge = "jose.too_large";

    /// <summary>The protected header is not a JSON object or lacks a required member.</summary>
    public const string InvalidHeader = "jose.invalid_header";

    /// <summary>The payload is not a JSON object.</summary>
    public const string InvalidPayload = "jose.invalid_payload";

    /// <summary>The <c>alg</c> is <c>none</c>, symmetric, or not on the allow-list (RFC 8725 §3.1).</summary>
    public const string AlgorithmNotAllowed = "jose.alg_not_allowed";

    /// <summary>The <c>typ</c> header is missing or differs from the one pinned for this token class (RFC 8725 §3.11).</summary>
    public const string TypeMismatch = "jose.typ_mismatch";

    /// <summary>The signature does not verify with the expected key.</summary>
    public const string SignatureInvalid = "jose.signature_invalid";

    /// <summary>A JWK is malformed, of an unsupported key type or curve, or not a point on its curve.</summary>
    public const string InvalidJwk = "jose.invalid_jwk";

    /// <summary>A JWK that must be public carries private key material (<c>d</c>, <c>p</c>, <c>q</c>, …).</summary>
    public const string PrivateKeyInJwk = "jose.jwk_contains_private_key";

    /// <summary>The key's type or curve does not match the <c>alg</c> of the token.</summary>
    public const string KeyAlgorithmMismatch = "jose.key_alg_mismatch";
}
