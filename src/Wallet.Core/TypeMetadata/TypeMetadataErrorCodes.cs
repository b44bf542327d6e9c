namespace Wallet.Core.TypeMetadata;

/// <summary>
/// Stable error codes of SD-JWT VC Type Metadata processing (draft-ietf-oauth-sd-jwt-vc-18 §4 and §5). Claim metadata
/// failures name the claim path in their message.
/// </summary>
public static class TypeMetadataErrorCodes
{
    /// <summary>The Type Metadata could not be retrieved (network, HTTP status, media type, size, no source for the type) and policy requires it (§4.7).</summary>
    public const string Unavailable = "type_metadata.unavailable";

    /// <summary>The document is not a Type Metadata JSON object, or its <c>display</c> or <c>claims</c> break their structure (§4.2, §4.5, §4.6).</summary>
    public const string Malformed = "type_metadata.malformed";

    /// <summary>The document's <c>vct</c> differs from the <c>vct</c> (or <c>extends</c>) that referenced it (§4.3).</summary>
    public const string VctMismatch = "type_metadata.vct_mismatch";

    /// <summary>A <c>#integrity</c> value is not a W3C SRI integrity metadata string, or names no supported hash algorithm (§5).</summary>
    public const string IntegrityInvalid = "type_metadata.integrity_invalid";

    /// <summary>The retrieved document does not match its <c>vct#integrity</c> or <c>extends#integrity</c> (§5).</summary>
    public const string IntegrityMismatch = "type_metadata.integrity_mismatch";

    /// <summary>The <c>extends</c> chain returns to a type already in it (§4.4, §6.3 circular dependencies).</summary>
    public const string ExtendsCycle = "type_metadata.extends_cycle";

    /// <summary>The <c>extends</c> chain is longer than this consumer follows (§4.4, bounded against resource exhaustion).</summary>
    public const string ExtendsTooDeep = "type_metadata.extends_too_deep";

    /// <summary>An extending type changes an <c>sd</c> of <c>always</c>/<c>never</c>, or a <c>mandatory: true</c> to false (§4.6.5.1).</summary>
    public const string ExtendsOverrideForbidden = "type_metadata.extends_override_forbidden";

    /// <summary>Processing a claim metadata <c>path</c> met a value of the wrong JSON type (§4.6.1.2).</summary>
    public const string ClaimPathError = "type_metadata.claim_path_error";

    /// <summary>A claim with <c>sd: always</c> is in the credential without being selectively disclosable (§4.6.4).</summary>
    public const string ClaimMustBeSelectivelyDisclosable = "type_metadata.claim_must_be_selectively_disclosable";

    /// <summary>A claim with <c>sd: never</c> was selectively disclosable (§4.6.4).</summary>
    public const string ClaimMustNotBeSelectivelyDisclosable = "type_metadata.claim_must_not_be_selectively_disclosable";

    /// <summary>A claim with <c>mandatory: true</c> was demonstrably not included in the issued credential (§4.6.3).</summary>
    public const string MandatoryClaimMissing = "type_metadata.mandatory_claim_missing";
}
