namespace Wallet.Core.SdJwtVc;

/// <summary>Stable error codes of SD-JWT VC verification (draft-ietf-oauth-sd-jwt-vc-18), beyond those of SD-JWT.</summary>
public static class SdJwtVcErrorCodes
{
    /// <summary>The <c>vct</c> claim is missing or not a string (§2.2.2.1).</summary>
    public const string VctMissing = "sd_jwt_vc.vct_missing";

    /// <summary>The <c>vct</c> is not one the verifier accepts.</summary>
    public const string VctNotAccepted = "sd_jwt_vc.vct_not_accepted";

    /// <summary>The <c>iss</c> claim is missing or not a string.</summary>
    public const string IssuerMissing = "sd_jwt_vc.iss_missing";

    /// <summary>A claim that must never be selectively disclosable was disclosed through a Disclosure (§2.2.2.3).</summary>
    public const string ClaimMustNotBeDisclosable = "sd_jwt_vc.claim_must_not_be_disclosable";

    /// <summary>The <c>status</c> claim is present but not a valid <c>status_list</c> reference (§2.2.2.3, Token Status List §6.2).</summary>
    public const string StatusMalformed = "sd_jwt_vc.status_malformed";

    /// <summary>The Status List says the credential is revoked (status INVALID).</summary>
    public const string Revoked = "sd_jwt_vc.revoked";

    /// <summary>The Status List says the credential is suspended.</summary>
    public const string Suspended = "sd_jwt_vc.suspended";

    /// <summary>The Status List has an application-specific non-valid status for the credential.</summary>
    public const string StatusNotValid = "sd_jwt_vc.status_not_valid";

    /// <summary>The credential's status could not be established (fail closed).</summary>
    public const string StatusUnchecked = "sd_jwt_vc.status_unchecked";

    /// <summary>The level of assurance of the Issuer's trust anchor is below the verifier's minimum.</summary>
    public const string LevelOfAssuranceTooLow = "sd_jwt_vc.loa_too_low";

    /// <summary>The Issuer-signed JWT has no <c>x5c</c> header and no other key source is configured (§2.5).</summary>
    public const string NoKeySource = "sd_jwt_vc.no_key_source";

    /// <summary>JWT VC Issuer Metadata could not be fetched or is invalid (§3).</summary>
    public const string IssuerMetadataInvalid = "sd_jwt_vc.issuer_metadata_invalid";

    /// <summary>No key in the Issuer's JWKS matches the JWT's <c>kid</c> (§3.5).</summary>
    public const string IssuerKeyNotFound = "sd_jwt_vc.issuer_key_not_found";

    /// <summary>The cryptographic holder binding (<c>cnf</c>) is missing where it is required (HAIP 1.0 §6.1).</summary>
    public const string HolderBindingMissing = "sd_jwt_vc.holder_binding_missing";
}
