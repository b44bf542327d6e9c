namespace Wallet.Core.Mdoc;

/// <summary>
/// Stable error codes for ISO/IEC 18013-5 mdoc parsing and verification. Clause numbers refer to
/// ISO/IEC 18013-5:2021 and OpenID4VP 1.0 Appendix B.
/// </summary>
public static class MdocErrorCodes
{
    /// <summary>The input is not well-formed CBOR, has trailing bytes, or does not have the structure the CDDL requires.</summary>
    public const string Malformed = "mdoc.malformed";

    /// <summary>The input, or a container inside it, is larger than <see cref="MdocLimits"/> allows.</summary>
    public const string TooLarge = "mdoc.too_large";

    /// <summary>The input nests arrays, maps or tags deeper than <see cref="MdocLimits.MaxDepth"/>.</summary>
    public const string TooDeep = "mdoc.too_deep";

    /// <summary>A <c>version</c> member is not <c>"1.0"</c> (8.3.2.1.2.2, 9.1.2.4).</summary>
    public const string UnsupportedVersion = "mdoc.unsupported_version";

    /// <summary>The DeviceResponse <c>status</c> is not 0 (OK) (8.3.2.1.2.3).</summary>
    public const string ResponseStatus = "mdoc.response_status";

    /// <summary>The DeviceResponse carries no document.</summary>
    public const string NoDocuments = "mdoc.no_documents";

    /// <summary>The Document <c>docType</c> differs from the MSO <c>docType</c>, or from the one the verifier expects (9.3.1).</summary>
    public const string DocTypeMismatch = "mdoc.doc_type_mismatch";

    /// <summary>The IssuerAuth COSE_Sign1 is malformed or its <c>alg</c> is missing from the protected header.</summary>
    public const string IssuerAuthMalformed = "mdoc.issuer_auth.malformed";

    /// <summary>The IssuerAuth <c>alg</c> is not an allowed ECDSA algorithm, or does not fit the document signer key.</summary>
    public const string IssuerAuthAlgorithmNotAllowed = "mdoc.issuer_auth.alg_not_allowed";

    /// <summary>The IssuerAuth unprotected header has no usable <c>x5chain</c> (label 33) (9.1.2.4).</summary>
    public const string X5ChainInvalid = "mdoc.issuer_auth.x5chain_invalid";

    /// <summary>The document signer certificate chain does not validate to a trusted IACA (9.3.1, Annex B).</summary>
    public const string ChainUntrusted = "mdoc.issuer_auth.chain_untrusted";

    /// <summary>The IssuerAuth signature does not verify with the document signer certificate key (9.3.1).</summary>
    public const string IssuerSignatureInvalid = "mdoc.issuer_auth.signature_invalid";

    /// <summary>The MobileSecurityObject is malformed or lacks a required member (9.1.2.4).</summary>
    public const string MsoInvalid = "mdoc.mso.invalid";

    /// <summary>The MSO <c>digestAlgorithm</c> is not SHA-256, SHA-384 or SHA-512 (9.1.2.5).</summary>
    public const string DigestAlgorithmUnsupported = "mdoc.mso.digest_algorithm_unsupported";

    /// <summary>An IssuerSignedItem is malformed: wrong member types, or <c>random</c> shorter than 16 bytes (9.1.2.5).</summary>
    public const string ItemInvalid = "mdoc.item.invalid";

    /// <summary>The digest of a presented IssuerSignedItemBytes differs from the MSO value digest for its digestID (9.3.1).</summary>
    public const string DigestMismatch = "mdoc.digest_mismatch";

    /// <summary>A presented element's namespace or digestID has no value digest in the MSO (9.3.1).</summary>
    public const string DigestMissing = "mdoc.digest_missing";

    /// <summary>The same element identifier or digestID is presented twice in one namespace.</summary>
    public const string DuplicateElement = "mdoc.duplicate_element";

    /// <summary>The MSO <c>validFrom</c> is later than now plus the allowed clock skew (9.3.1).</summary>
    public const string NotYetValid = "mdoc.validity.not_yet_valid";

    /// <summary>The MSO <c>validUntil</c> is earlier than now minus the allowed clock skew (9.3.1).</summary>
    public const string Expired = "mdoc.validity.expired";

    /// <summary>The MSO <c>signed</c> time lies outside the document signer certificate validity (9.3.1).</summary>
    public const string SignedOutsideCertificateValidity = "mdoc.validity.signed_outside_certificate";

    /// <summary>The MSO <c>validityInfo</c> is inconsistent: <c>validUntil</c> before <c>validFrom</c>, or <c>validFrom</c> before <c>signed</c>.</summary>
    public const string ValidityInconsistent = "mdoc.validity.inconsistent";

    /// <summary>The Document has no DeviceSigned structure, or its DeviceAuth holds neither deviceSignature nor deviceMac (9.1.3).</summary>
    public const string DeviceAuthMissing = "mdoc.device_auth.missing";

    /// <summary>The deviceSignature or deviceMac COSE structure is malformed, or its payload is not detached (9.1.3.4).</summary>
    public const string DeviceAuthMalformed = "mdoc.device_auth.malformed";

    /// <summary>The device authentication <c>alg</c> is not allowed or does not match the MSO device key (9.1.3.5, 9.1.3.6).</summary>
    public const string DeviceAuthAlgorithmNotAllowed = "mdoc.device_auth.alg_not_allowed";

    /// <summary>The deviceSignature does not verify over DeviceAuthenticationBytes with the MSO device key (9.1.3.6).</summary>
    public const string DeviceSignatureInvalid = "mdoc.device_auth.signature_invalid";

    /// <summary>The deviceMac does not verify over DeviceAuthenticationBytes with the derived EMacKey (9.1.3.5).</summary>
    public const string DeviceMacInvalid = "mdoc.device_auth.mac_invalid";

    /// <summary>The document authenticates with deviceMac but no reader ephemeral key is configured to derive EMacKey.</summary>
    public const string ReaderKeyMissing = "mdoc.device_auth.reader_key_missing";

    /// <summary>The MSO <c>deviceKeyInfo.deviceKey</c> is not a supported EC2 COSE_Key on a point of its curve.</summary>
    public const string DeviceKeyInvalid = "mdoc.device_key_invalid";

    /// <summary>The MSO <c>status</c> is not a valid Token Status List reference (draft-ietf-oauth-status-list §6.3).</summary>
    public const string StatusInvalid = "mdoc.status_invalid";

    /// <summary>The status list marks the mdoc as revoked (status 0x01, INVALID).</summary>
    public const string StatusRevoked = "mdoc.status_revoked";

    /// <summary>The status list marks the mdoc as suspended (status 0x02).</summary>
    public const string StatusSuspended = "mdoc.status_suspended";

    /// <summary>The status list holds an application-specific, non-VALID status for the mdoc.</summary>
    public const string StatusNotValid = "mdoc.status_not_valid";

    /// <summary>The status could not be established (list unavailable or unverifiable); fail closed.</summary>
    public const string StatusUnchecked = "mdoc.status_unchecked";
}
