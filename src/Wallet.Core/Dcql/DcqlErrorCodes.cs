namespace Wallet.Core.Dcql;

/// <summary>
/// Error codes of the Digital Credentials Query Language (OpenID4VP 1.0 §6): parsing a query, matching it against
/// held credentials, and checking that verified presentations satisfy it.
/// </summary>
public static class DcqlErrorCodes
{
    /// <summary>The query is not well-formed JSON, or contains an object with the same member twice.</summary>
    public const string InvalidJson = "dcql.invalid_json";

    /// <summary>The query exceeds <see cref="DcqlLimits.MaxQueryBytes"/>.</summary>
    public const string QueryTooLarge = "dcql.query_too_large";

    /// <summary>The query nests JSON deeper than <see cref="DcqlLimits.MaxDepth"/>.</summary>
    public const string QueryTooDeep = "dcql.query_too_deep";

    /// <summary><c>credentials</c> has more entries than <see cref="DcqlLimits.MaxCredentials"/>.</summary>
    public const string TooManyCredentials = "dcql.too_many_credentials";

    /// <summary>A Credential Query's <c>claims</c> has more entries than <see cref="DcqlLimits.MaxClaims"/>.</summary>
    public const string TooManyClaims = "dcql.too_many_claims";

    /// <summary>A claims path pointer has more components than <see cref="DcqlLimits.MaxPathLength"/>.</summary>
    public const string PathTooLong = "dcql.path_too_long";

    /// <summary>Another array of the query has more entries than <see cref="DcqlLimits.MaxArrayItems"/>.</summary>
    public const string TooManyItems = "dcql.too_many_items";

    /// <summary>A REQUIRED member is absent (OpenID4VP 1.0 §6, §6.1, §6.1.1, §6.2, §6.3, B.2.3, B.3.5).</summary>
    public const string MissingMember = "dcql.missing_member";

    /// <summary>A member has the wrong JSON type (e.g. <c>multiple</c> is not a boolean) or is an empty string.</summary>
    public const string InvalidType = "dcql.invalid_type";

    /// <summary>An array that must be non-empty is empty (OpenID4VP 1.0 §6, §6.1, §6.1.1, §6.2, §6.3).</summary>
    public const string EmptyArray = "dcql.empty_array";

    /// <summary>A Credential Query or Claims Query <c>id</c> is empty or uses characters other than ASCII letters, digits, <c>_</c> and <c>-</c> (OpenID4VP 1.0 §6.1, §6.3).</summary>
    public const string InvalidId = "dcql.invalid_id";

    /// <summary>Two Credential Queries share an <c>id</c> (OpenID4VP 1.0 §6.1).</summary>
    public const string DuplicateCredentialId = "dcql.duplicate_credential_id";

    /// <summary>Two Claims Queries of one Credential Query share an <c>id</c> (OpenID4VP 1.0 §6.3).</summary>
    public const string DuplicateClaimId = "dcql.duplicate_claim_id";

    /// <summary>Two Claims Queries of one Credential Query point to the same claim (OpenID4VP 1.0 §6.1).</summary>
    public const string DuplicateClaimPath = "dcql.duplicate_claim_path";

    /// <summary><c>claim_sets</c> is present but a Claims Query has no <c>id</c> (OpenID4VP 1.0 §6.3).</summary>
    public const string ClaimIdRequired = "dcql.claim_id_required";

    /// <summary><c>claim_sets</c> is present without <c>claims</c> (OpenID4VP 1.0 §6.4.1).</summary>
    public const string ClaimSetsWithoutClaims = "dcql.claim_sets_without_claims";

    /// <summary>A <c>claim_sets</c> option names a claim id that no Claims Query of the Credential Query has (OpenID4VP 1.0 §6.1).</summary>
    public const string UnknownClaimId = "dcql.unknown_claim_id";

    /// <summary>A <c>credential_sets</c> option names an id that no Credential Query has (OpenID4VP 1.0 §6.2).</summary>
    public const string UnknownCredentialId = "dcql.unknown_credential_id";

    /// <summary>A <c>values</c> entry is not a string, an integer or a boolean (OpenID4VP 1.0 §6.3).</summary>
    public const string InvalidClaimValue = "dcql.invalid_claim_value";

    /// <summary><c>path</c> is not a valid claims path pointer (OpenID4VP 1.0 §7).</summary>
    public const string InvalidPath = "dcql.invalid_path";

    /// <summary>An <c>mso_mdoc</c> claims path pointer is not exactly [namespace, data element identifier] (OpenID4VP 1.0 §7.2).</summary>
    public const string InvalidMdocPath = "dcql.invalid_mdoc_path";

    /// <summary>A Credential Query that must be answered has no presentation (OpenID4VP 1.0 §6.4.2) or no matching held credential.</summary>
    public const string CredentialMissing = "dcql.credential_missing";

    /// <summary>No option of a required Credential Set Query is satisfied (OpenID4VP 1.0 §6.4.2).</summary>
    public const string CredentialSetUnsatisfied = "dcql.credential_set_unsatisfied";

    /// <summary>A requested claim is absent from the credential (OpenID4VP 1.0 §6.4.1, §7).</summary>
    public const string ClaimMissing = "dcql.claim_missing";

    /// <summary>A claim is present but equals none of its Claims Query <c>values</c> (OpenID4VP 1.0 §6.4.1).</summary>
    public const string ClaimValueMismatch = "dcql.claim_value_mismatch";

    /// <summary>No option of the Credential Query's <c>claim_sets</c> is satisfied by the credential (OpenID4VP 1.0 §6.4.1).</summary>
    public const string ClaimSetUnsatisfied = "dcql.claim_set_unsatisfied";

    /// <summary>More than one presentation answers a Credential Query without <c>multiple: true</c> (OpenID4VP 1.0 §6.1, §8.1).</summary>
    public const string MultipleNotAllowed = "dcql.multiple_not_allowed";

    /// <summary>The credential's format differs from the Credential Query's <c>format</c> (OpenID4VP 1.0 §6.1).</summary>
    public const string FormatMismatch = "dcql.format_mismatch";

    /// <summary>The SD-JWT VC type is not one of <c>meta.vct_values</c> (OpenID4VP 1.0 B.3.5).</summary>
    public const string VctMismatch = "dcql.vct_mismatch";

    /// <summary>The mdoc doctype differs from <c>meta.doctype_value</c> (OpenID4VP 1.0 B.2.3).</summary>
    public const string DoctypeMismatch = "dcql.doctype_mismatch";

    /// <summary>The <c>meta</c> of a format this library does not type carries constraints it cannot evaluate; fails closed.</summary>
    public const string MetaNotEvaluable = "dcql.meta_not_evaluable";

    /// <summary>The credential matches none of the Credential Query's <c>trusted_authorities</c> (OpenID4VP 1.0 §6.1.1).</summary>
    public const string TrustedAuthorityMismatch = "dcql.trusted_authority_mismatch";

    /// <summary>The Credential Query requires cryptographic holder binding and the credential or presentation has none (OpenID4VP 1.0 §6.1, B.3).</summary>
    public const string HolderBindingMissing = "dcql.holder_binding_missing";

    /// <summary>A presentation is keyed by an id that is no Credential Query of the request (OpenID4VP 1.0 §8.1).</summary>
    public const string UnexpectedCredential = "dcql.unexpected_credential";
}
