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

    /// <summary><c>credential_response_encryption</c> asks for an <c>alg</c>, <c>enc</c> or <c>zip</c> this issuer does not offer in its metadata (§8.2, §10, §12.2.4).</summary>
    public const string RequestEncryptionUnsupported = "oid4vci.request.encryption_unsupported";

    /// <summary><c>credential_response_encryption</c> is not an object with a public <c>jwk</c> carrying <c>alg</c> and a string <c>enc</c> (§8.2, §10).</summary>
    public const string RequestEncryptionInvalid = "oid4vci.request.encryption_invalid";

    /// <summary><c>credential_response_encryption</c> came in a request that was not itself encrypted, so it could have been substituted (§8.2).</summary>
    public const string RequestEncryptionUnprotected = "oid4vci.request.encryption_unprotected";

    /// <summary>The issuer requires an encrypted Credential Request (<c>credential_request_encryption.encryption_required</c>) and the request is plain JSON (§10, §12.2.4).</summary>
    public const string RequestEncryptionRequired = "oid4vci.request.encryption_required";

    /// <summary>The issuer requires encrypted responses (<c>credential_response_encryption.encryption_required</c>) and the request carries no <c>credential_response_encryption</c> (§8.3.1.2, §12.2.4).</summary>
    public const string ResponseEncryptionRequired = "oid4vci.request.response_encryption_required";

    /// <summary>The encrypted request names a <c>kid</c> that is not one of the issuer's published request encryption keys, or none (§10, §12.2.4).</summary>
    public const string RequestEncryptionKeyUnknown = "oid4vci.request.encryption_key_unknown";

    /// <summary>The encrypted request's plaintext is not UTF-8 JSON (§10: the content is the JSON request).</summary>
    public const string RequestEncryptedContentInvalid = "oid4vci.request.encrypted_content_invalid";

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

    /// <summary>The configuration requires a key attestation (<c>key_attestations_required</c>, §12.2.4) and the proof carries none (Appendix F.1, F.3).</summary>
    public const string KeyAttestationMissing = "oid4vci.proof.key_attestation_missing";

    /// <summary>The key attestation is not a JWT, or lacks or mistypes <c>iat</c>, <c>attested_keys</c> or another claim (Appendix D.1).</summary>
    public const string KeyAttestationMalformed = "oid4vci.proof.key_attestation_malformed";

    /// <summary>The key attestation's <c>typ</c> is not <c>key-attestation+jwt</c> (Appendix D.1).</summary>
    public const string KeyAttestationTypeInvalid = "oid4vci.proof.key_attestation_typ_invalid";

    /// <summary>The key attestation's <c>alg</c> is <c>none</c>, symmetric, or not in <c>proof_signing_alg_values_supported</c> (Appendix D.1, F.1, F.3).</summary>
    public const string KeyAttestationAlgorithmNotAllowed = "oid4vci.proof.key_attestation_alg_not_allowed";

    /// <summary>The key attestation has no <c>x5c</c>, its leaf is self-signed, or the chain does not lead to a wallet-provider trust anchor (HAIP 1.0 §4.5.1).</summary>
    public const string KeyAttestationUntrusted = "oid4vci.proof.key_attestation_untrusted";

    /// <summary>The key attestation's signature does not verify with the key of its <c>x5c</c> leaf (Appendix D.1).</summary>
    public const string KeyAttestationSignatureInvalid = "oid4vci.proof.key_attestation_signature_invalid";

    /// <summary>The key attestation has expired, or its <c>iat</c> is in the future (Appendix D.1).</summary>
    public const string KeyAttestationExpired = "oid4vci.proof.key_attestation_expired";

    /// <summary>The key attestation in a <c>jwt</c> proof has no <c>exp</c>, which Appendix D.1 requires there.</summary>
    public const string KeyAttestationExpiryMissing = "oid4vci.proof.key_attestation_exp_missing";

    /// <summary>The key attestation's <c>nonce</c> is missing or is not the <c>c_nonce</c> of the request (Appendix F.1, F.3).</summary>
    public const string KeyAttestationNonceMismatch = "oid4vci.proof.key_attestation_nonce_mismatch";

    /// <summary>The key attestation states no <c>key_storage</c> value the configuration accepts (§12.2.4, Appendix D.2).</summary>
    public const string KeyAttestationKeyStorageInsufficient = "oid4vci.proof.key_attestation_key_storage_insufficient";

    /// <summary>The key attestation states no <c>user_authentication</c> value the configuration accepts (§12.2.4, Appendix D.2).</summary>
    public const string KeyAttestationUserAuthenticationInsufficient = "oid4vci.proof.key_attestation_user_authentication_insufficient";

    /// <summary>The key attestation's <c>status</c> is revoked, suspended or otherwise not valid (Appendix D.1, draft-ietf-oauth-status-list).</summary>
    public const string KeyAttestationRevoked = "oid4vci.proof.key_attestation_revoked";

    /// <summary>The key attestation has a <c>status</c> that could not be checked; the issuer fails closed (Appendix D.1).</summary>
    public const string KeyAttestationStatusUnchecked = "oid4vci.proof.key_attestation_status_unchecked";

    /// <summary>The <c>jwt</c> proof is not signed by one of the keys of its key attestation (Appendix D.1, F.1).</summary>
    public const string ProofKeyNotAttested = "oid4vci.proof.key_not_attested";

    /// <summary>The key attestations attest more keys than one request may bind credentials to (<c>batch_size</c>, §12.2.4).</summary>
    public const string KeyAttestationTooManyKeys = "oid4vci.proof.key_attestation_too_many_keys";

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
