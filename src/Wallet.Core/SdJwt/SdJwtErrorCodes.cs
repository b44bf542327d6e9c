namespace Wallet.Core.SdJwt;

/// <summary>
/// Stable error codes of SD-JWT parsing and verification (RFC 9901). Each names the rule that failed;
/// <c>specs/error-codes.md</c> lists them with their spec sections.
/// </summary>
public static class SdJwtErrorCodes
{
    /// <summary>Not <c>&lt;JWT&gt;~&lt;Disclosure&gt;~…~[KB-JWT]</c> (RFC 9901 §4).</summary>
    public const string Malformed = "sd_jwt.malformed";

    /// <summary>The SD-JWT, a Disclosure, their count or nesting exceeds a configured limit.</summary>
    public const string TooLarge = "sd_jwt.too_large";

    /// <summary>The Issuer-signed JWT is not a well-formed JWS (RFC 9901 §7.1 step 2).</summary>
    public const string IssuerJwtMalformed = "sd_jwt.issuer_jwt_malformed";

    /// <summary>The Issuer-signed JWT's <c>typ</c> is not the one pinned for this credential type (RFC 8725 §3.11).</summary>
    public const string TypeMismatch = "sd_jwt.typ_mismatch";

    /// <summary>The Issuer-signed JWT uses <c>none</c>, a symmetric or a non-allowed algorithm (RFC 9901 §7.1 2.a).</summary>
    public const string AlgorithmNotAllowed = "sd_jwt.alg_not_allowed";

    /// <summary>The Issuer signature does not verify (RFC 9901 §7.1 2.b, §9.1).</summary>
    public const string SignatureInvalid = "sd_jwt.signature_invalid";

    /// <summary>The Issuer's key could not be resolved or tied to the Issuer (RFC 9901 §7.1 2.c).</summary>
    public const string IssuerKeyUnresolved = "sd_jwt.issuer_key_unresolved";

    /// <summary>The <c>_sd_alg</c> is unknown, not acceptable, or not a top-level string (RFC 9901 §4.1.1, §7.1 2.d).</summary>
    public const string HashAlgorithmNotSupported = "sd_jwt.sd_alg_not_supported";

    /// <summary>A Disclosure is not base64url JSON array of 2 or 3 elements with a string salt and name (RFC 9901 §4.2).</summary>
    public const string DisclosureMalformed = "sd_jwt.disclosure_malformed";

    /// <summary>A Disclosure names the claim <c>_sd</c> or <c>...</c> (RFC 9901 §7.1 3.c.ii.2).</summary>
    public const string DisclosureReservedName = "sd_jwt.disclosure_reserved_name";

    /// <summary>An object-property Disclosure is referenced from an array, or an array-element one from <c>_sd</c> (RFC 9901 §7.1 3.c.ii.1, 3.c.iii.1).</summary>
    public const string DisclosureWrongKind = "sd_jwt.disclosure_wrong_kind";

    /// <summary>A disclosed claim name already exists at its level (RFC 9901 §7.1 3.c.ii.3).</summary>
    public const string ClaimNameCollision = "sd_jwt.claim_name_collision";

    /// <summary>A digest appears more than once in the payload and Disclosures (RFC 9901 §7.1 step 4).</summary>
    public const string DuplicateDigest = "sd_jwt.duplicate_digest";

    /// <summary>A Disclosure is not referenced by any digest (RFC 9901 §7.1 step 5, §9.2).</summary>
    public const string UnreferencedDisclosure = "sd_jwt.unreferenced_disclosure";

    /// <summary>An <c>_sd</c> member is not an array of strings (RFC 9901 §4.2.4.1).</summary>
    public const string InvalidSdArray = "sd_jwt.invalid_sd_array";

    /// <summary>A time claim (<c>exp</c>, <c>nbf</c>, <c>iat</c>) is not a number (RFC 7519 §4.1).</summary>
    public const string InvalidTimeClaim = "sd_jwt.invalid_time_claim";

    /// <summary>The SD-JWT has expired (<c>exp</c>, RFC 9901 §7.1 step 6).</summary>
    public const string Expired = "sd_jwt.expired";

    /// <summary>The SD-JWT is not yet valid (<c>nbf</c>, RFC 9901 §7.1 step 6).</summary>
    public const string NotYetValid = "sd_jwt.not_yet_valid";

    /// <summary>The Issuer-signed JWT was issued in the future (<c>iat</c> beyond the allowed clock skew).</summary>
    public const string IssuedInFuture = "sd_jwt.iat_in_future";

    /// <summary>A claim the verifier requires is missing from the processed payload (RFC 9901 §7.1 step 6, §9.7).</summary>
    public const string RequiredClaimMissing = "sd_jwt.required_claim_missing";

    /// <summary>Key Binding is required by policy but no KB-JWT was presented (RFC 9901 §7.3 step 2).</summary>
    public const string KeyBindingMissing = "sd_jwt.kb.missing";

    /// <summary>A KB-JWT was presented where a plain SD-JWT was expected (RFC 9901 §4: the last component must be empty).</summary>
    public const string KeyBindingUnexpected = "sd_jwt.kb.unexpected";

    /// <summary>The SD-JWT has no usable holder key in <c>cnf.jwk</c> (RFC 9901 §4.3.2, §7.3 5.a).</summary>
    public const string HolderKeyMissing = "sd_jwt.kb.holder_key_missing";

    /// <summary>The KB-JWT is not a well-formed JWS or lacks a required claim (RFC 9901 §4.3).</summary>
    public const string KeyBindingMalformed = "sd_jwt.kb.malformed";

    /// <summary>The KB-JWT <c>typ</c> is not <c>kb+jwt</c> (RFC 9901 §4.3, §7.3 5.d).</summary>
    public const string KeyBindingTypeMismatch = "sd_jwt.kb.typ_mismatch";

    /// <summary>The KB-JWT algorithm is <c>none</c>, symmetric or not allowed (RFC 9901 §7.3 5.b).</summary>
    public const string KeyBindingAlgorithmNotAllowed = "sd_jwt.kb.alg_not_allowed";

    /// <summary>The KB-JWT signature does not verify with <c>cnf.jwk</c> (RFC 9901 §7.3 5.c).</summary>
    public const string KeyBindingSignatureInvalid = "sd_jwt.kb.signature_invalid";

    /// <summary>The KB-JWT <c>aud</c> is not this verifier (RFC 9901 §7.3 5.f).</summary>
    public const string KeyBindingAudienceMismatch = "sd_jwt.kb.aud_mismatch";

    /// <summary>The KB-JWT <c>nonce</c> is not this transaction's (RFC 9901 §7.3 5.f).</summary>
    public const string KeyBindingNonceMismatch = "sd_jwt.kb.nonce_mismatch";

    /// <summary>The KB-JWT <c>iat</c> is outside the acceptable window (RFC 9901 §7.3 5.e).</summary>
    public const string KeyBindingIatOutOfWindow = "sd_jwt.kb.iat_out_of_window";

    /// <summary>The KB-JWT <c>sd_hash</c> does not match the presented SD-JWT (RFC 9901 §4.3.1, §7.3 5.g).</summary>
    public const string KeyBindingSdHashMismatch = "sd_jwt.kb.sd_hash_mismatch";
}
