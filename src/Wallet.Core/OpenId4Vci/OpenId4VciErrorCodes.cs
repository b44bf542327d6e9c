namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// Stable error codes of OpenID4VCI 1.0 parsing and validation: Credential Offers (§4), Credential Requests (§8.2),
/// key proofs (Appendix F.1) and Credential Issuer Metadata (§12.2). Each maps to a wire error of §8.3.1.2 through the
/// result that reports it.
/// </summary>
public static class OpenId4VciErrorCodes
{
    /// <summary>The offer is not a JSON object, too large or too deep (§4.1.1).</summary>
    public const string OfferMalformed = "oid4vci.offer.malformed";

    /// <summary><c>credential_issuer</c> is missing or not an https URL without query and fragment (§4.1.1, §12.2.1).</summary>
    public const string OfferIssuerInvalid = "oid4vci.offer.issuer_invalid";

    /// <summary><c>credential_configuration_ids</c> is missing, empty, not unique strings, or too long (§4.1.1).</summary>
    public const string OfferConfigurationIdsInvalid = "oid4vci.offer.configuration_ids_invalid";

    /// <summary>A grant object is malformed: <c>pre-authorized_code</c> missing, <c>tx_code</c> invalid, wrong types (§4.1.1).</summary>
    public const string OfferGrantInvalid = "oid4vci.offer.grant_invalid";

    /// <summary>The offer link carries neither or both of <c>credential_offer</c> and <c>credential_offer_uri</c>, or is not a URI (§4.1).</summary>
    public const string OfferLinkInvalid = "oid4vci.offer.link_invalid";

    /// <summary><c>credential_offer_uri</c> is not an https URL (§4.1.3).</summary>
    public const string OfferUriInvalid = "oid4vci.offer.uri_invalid";

    /// <summary>The Credential Request body is not a JSON object, too large or too deep (§8.2).</summary>
    public const string RequestMalformed = "oid4vci.request.malformed";

    /// <summary>Both <c>credential_identifier</c> and <c>credential_configuration_id</c> are present (§8.2).</summary>
    public const string RequestIdentifierConflict = "oid4vci.request.identifier_conflict";

    /// <summary>Neither <c>credential_identifier</c> nor <c>credential_configuration_id</c> is present (§8.2).</summary>
    public const string RequestIdentifierMissing = "oid4vci.request.identifier_missing";

    /// <summary>The Deferred Credential Request body is not a JSON object, too large or too deep, or <c>transaction_id</c> is not a string (§9.1).</summary>
    public const string DeferredRequestMalformed = "oid4vci.deferred.malformed";

    /// <summary>The Deferred Credential Request carries no <c>transaction_id</c> (§9.1).</summary>
    public const string DeferredTransactionIdMissing = "oid4vci.deferred.transaction_id_missing";

    /// <summary><c>credential_response_encryption</c> was requested, which this issuer does not offer (§8.2, §10).</summary>
    public const string RequestEncryptionUnsupported = "oid4vci.request.encryption_unsupported";

    /// <summary>
    /// The <c>proofs</c> parameter is malformed: not an object, not exactly one proof type, not a non-empty array of
    /// strings, or the removed singular <c>proof</c> parameter was used (§8.2).
    /// </summary>
    public const string ProofsInvalid = "oid4vci.request.proofs_invalid";

    /// <summary>The proof type is not one this issuer supports (only <c>jwt</c> is, Appendix F.1).</summary>
    public const string ProofTypeUnsupported = "oid4vci.request.proof_type_unsupported";

    /// <summary>More proofs than the batch size allows (§12.2.4 <c>batch_credential_issuance</c>).</summary>
    public const string TooManyProofs = "oid4vci.request.too_many_proofs";

    /// <summary>Proofs are required by the credential configuration but none were sent (§8.2).</summary>
    public const string ProofsMissing = "oid4vci.request.proofs_missing";

    /// <summary>The key proof is not a well-formed compact JWS (Appendix F.1).</summary>
    public const string ProofMalformed = "oid4vci.proof.malformed";

    /// <summary>The key proof's <c>typ</c> is not <c>openid4vci-proof+jwt</c> (Appendix F.1).</summary>
    public const string ProofTypeInvalid = "oid4vci.proof.typ_invalid";

    /// <summary>The key proof's <c>alg</c> is <c>none</c>, symmetric, or not in <c>proof_signing_alg_values_supported</c> (Appendix F.1).</summary>
    public const string ProofAlgorithmNotAllowed = "oid4vci.proof.alg_not_allowed";

    /// <summary>The key proof names its key in none, or in more than one, of <c>kid</c>, <c>jwk</c>, <c>x5c</c> (Appendix F.1).</summary>
    public const string ProofKeyReferenceInvalid = "oid4vci.proof.key_reference_invalid";

    /// <summary>The key proof uses <c>kid</c> or <c>x5c</c>, which this issuer cannot resolve; only <c>jwk</c> is supported.</summary>
    public const string ProofKeyReferenceUnsupported = "oid4vci.proof.key_reference_unsupported";

    /// <summary>The <c>jwk</c> is not a valid public key of a supported curve, or does not match the <c>alg</c>.</summary>
    public const string ProofJwkInvalid = "oid4vci.proof.jwk_invalid";

    /// <summary>The <c>jwk</c> carries private key material (Appendix F.1: a public key).</summary>
    public const string ProofJwkPrivate = "oid4vci.proof.jwk_private";

    /// <summary>The key proof's signature does not verify with its <c>jwk</c> (Appendix F.1).</summary>
    public const string ProofSignatureInvalid = "oid4vci.proof.signature_invalid";

    /// <summary>The key proof's <c>aud</c> is missing or not the Credential Issuer Identifier (Appendix F.1).</summary>
    public const string ProofAudienceInvalid = "oid4vci.proof.aud_invalid";

    /// <summary>The key proof's <c>iat</c> is missing or not a number (Appendix F.1).</summary>
    public const string ProofIatMissing = "oid4vci.proof.iat_missing";

    /// <summary>The key proof's <c>iat</c> is older than the accepted window.</summary>
    public const string ProofIatTooOld = "oid4vci.proof.iat_too_old";

    /// <summary>The key proof's <c>iat</c> lies further in the future than the clock skew allows.</summary>
    public const string ProofIatInFuture = "oid4vci.proof.iat_in_future";

    /// <summary>The key proof's <c>iss</c> differs from the authenticated <c>client_id</c> (Appendix F.1).</summary>
    public const string ProofIssuerMismatch = "oid4vci.proof.iss_mismatch";

    /// <summary>The issuer has a Nonce Endpoint and the key proof carries no <c>nonce</c> (Appendix F.1; wire <c>invalid_proof</c>).</summary>
    public const string ProofNonceMissing = "oid4vci.proof.nonce_missing";

    /// <summary>The proofs of one request carry different nonces.</summary>
    public const string ProofNonceInconsistent = "oid4vci.proof.nonce_inconsistent";

    /// <summary>The <c>nonce</c> is not a <c>c_nonce</c> this issuer issued, or it was used or expired (§8.3.1.2 <c>invalid_nonce</c>).</summary>
    public const string ProofNonceInvalid = "oid4vci.proof.nonce_invalid";

    /// <summary>Two proofs of one batch are made with the same key: every credential gets its own key (unlinkability).</summary>
    public const string ProofDuplicateKey = "oid4vci.proof.duplicate_key";

    /// <summary>The metadata document is not a JSON object or lacks a required member (§12.2.4).</summary>
    public const string MetadataMalformed = "oid4vci.metadata.malformed";

    /// <summary>The metadata's <c>credential_issuer</c> differs from the identifier it was fetched for (§12.2.4).</summary>
    public const string MetadataIssuerMismatch = "oid4vci.metadata.issuer_mismatch";

    /// <summary>A claims description repeats a path or contradicts another (Appendix B.3: processing MUST abort).</summary>
    public const string MetadataClaimsConflict = "oid4vci.metadata.claims_conflict";

    /// <summary>The Notification Request is not a JSON object within the limits, or repeats a member (§11.1).</summary>
    public const string NotificationMalformed = "oid4vci.notification.malformed";

    /// <summary>The Notification Request has no non-empty string <c>notification_id</c> (§11.1).</summary>
    public const string NotificationIdMissing = "oid4vci.notification.id_missing";

    /// <summary>The Notification Request's <c>event</c> is missing or not one of the defined events, compared case-sensitively (§11.1).</summary>
    public const string NotificationEventInvalid = "oid4vci.notification.event_invalid";

    /// <summary>The <c>event_description</c> is not a string of the characters %x20-21 / %x23-5B / %x5D-7E (§11.1).</summary>
    public const string NotificationDescriptionInvalid = "oid4vci.notification.description_invalid";

    /// <summary><c>signed_metadata</c> is not a compact JWS of type <c>openidvci-issuer-metadata+jwt</c> with an asymmetric algorithm, <c>iat</c> and valid claims (§12.2.3).</summary>
    public const string SignedMetadataMalformed = "oid4vci.signed_metadata.malformed";

    /// <summary><c>signed_metadata</c> has no <c>x5c</c>, or its chain does not lead to a trusted anchor (§12.2.3, HAIP 1.0 §4.1).</summary>
    public const string SignedMetadataUntrusted = "oid4vci.signed_metadata.untrusted";

    /// <summary>The signature of <c>signed_metadata</c> does not verify with the <c>x5c</c> leaf's key (§12.2.3).</summary>
    public const string SignedMetadataSignatureInvalid = "oid4vci.signed_metadata.signature_invalid";

    /// <summary>The <c>sub</c> of <c>signed_metadata</c> is not the Credential Issuer Identifier (§12.2.3).</summary>
    public const string SignedMetadataSubjectMismatch = "oid4vci.signed_metadata.sub_mismatch";

    /// <summary>The <c>exp</c> of <c>signed_metadata</c> has passed (§12.2.3).</summary>
    public const string SignedMetadataExpired = "oid4vci.signed_metadata.expired";
}
