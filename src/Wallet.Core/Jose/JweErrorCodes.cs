namespace Wallet.Core.Jose;

/// <summary>Error codes for JWE compact serialization with direct ECDH-ES key agreement (RFC 7516, RFC 7518 §4.6).</summary>
public static class JweErrorCodes
{
    /// <summary>The token is not five base64url segments separated by dots (RFC 7516 §7.1), or a segment has the wrong length.</summary>
    public const string Malformed = "jwe.malformed";

    /// <summary>The token exceeds the configured size or JSON nesting limit.</summary>
    public const string TooLarge = "jwe.too_large";

    /// <summary>The protected header is not a JSON object, or a member has the wrong type.</summary>
    public const string InvalidHeader = "jwe.invalid_header";

    /// <summary>The <c>alg</c> is not <c>ECDH-ES</c> (direct key agreement), the only one accepted.</summary>
    public const string AlgorithmNotAllowed = "jwe.alg_not_allowed";

    /// <summary>The <c>enc</c> is missing or not on the allow-list (A128GCM, A256GCM).</summary>
    public const string EncryptionNotAllowed = "jwe.enc_not_allowed";

    /// <summary>The <c>epk</c> is missing, not a public EC key, not on its curve, or not on the recipient's curve (RFC 7518 §4.6.1.1).</summary>
    public const string InvalidEphemeralKey = "jwe.invalid_epk";

    /// <summary>The <c>kid</c> header differs from the key the token must be encrypted to (OpenID4VP 1.0 §8.3).</summary>
    public const string KeyIdMismatch = "jwe.kid_mismatch";

    /// <summary>The header asks for a feature this implementation does not provide (<c>zip</c>, <c>crit</c>), so it must not be processed (RFC 7516 §4.1.13).</summary>
    public const string UnsupportedHeader = "jwe.unsupported_header";

    /// <summary>The authentication tag does not verify: the token was altered or encrypted to another key.</summary>
    public const string DecryptionFailed = "jwe.decryption_failed";
}
