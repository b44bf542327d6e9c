namespace Wallet.Core.OAuth;

/// <summary>
/// Stable error codes of the OAuth building blocks: DPoP proofs (RFC 9449) and PKCE (RFC 7636). Each maps to an OAuth
/// error on the wire through <see cref="DpopValidationResult.WireError"/> or the caller.
/// </summary>
public static class OAuthErrorCodes
{
    /// <summary>No <c>DPoP</c> header was sent where one is required (RFC 9449 §4.3 check 1).</summary>
    public const string DpopMissing = "dpop.missing";

    /// <summary>More than one <c>DPoP</c> header was sent (RFC 9449 §4.3 check 1).</summary>
    public const string DpopMultipleHeaders = "dpop.multiple_headers";

    /// <summary>The <c>DPoP</c> header is not one well-formed compact JWS (RFC 9449 §4.3 check 2).</summary>
    public const string DpopMalformed = "dpop.malformed";

    /// <summary>The <c>typ</c> header is not <c>dpop+jwt</c> (RFC 9449 §4.3 check 4).</summary>
    public const string DpopTypeInvalid = "dpop.typ_invalid";

    /// <summary>The <c>alg</c> is <c>none</c>, symmetric or not on the allow-list (RFC 9449 §4.3 check 5).</summary>
    public const string DpopAlgorithmNotAllowed = "dpop.alg_not_allowed";

    /// <summary>The <c>jwk</c> header is missing or not a valid public key of a supported curve (RFC 9449 §4.3 check 7).</summary>
    public const string DpopJwkInvalid = "dpop.jwk_invalid";

    /// <summary>The <c>jwk</c> header carries private key material (RFC 9449 §4.3 check 7).</summary>
    public const string DpopJwkPrivate = "dpop.jwk_private";

    /// <summary>The key's curve does not belong to the <c>alg</c>.</summary>
    public const string DpopKeyAlgorithmMismatch = "dpop.key_alg_mismatch";

    /// <summary>The signature does not verify with the <c>jwk</c> (RFC 9449 §4.3 check 6).</summary>
    public const string DpopSignatureInvalid = "dpop.signature_invalid";

    /// <summary>A required claim (<c>jti</c>, <c>htm</c>, <c>htu</c>, <c>iat</c>) is missing or of the wrong type (RFC 9449 §4.3 check 3).</summary>
    public const string DpopClaimMissing = "dpop.claim_missing";

    /// <summary><c>htm</c> differs from the request method (RFC 9449 §4.3 check 8).</summary>
    public const string DpopHtmMismatch = "dpop.htm_mismatch";

    /// <summary><c>htu</c> differs from the request URI, ignoring query and fragment (RFC 9449 §4.3 check 9).</summary>
    public const string DpopHtuMismatch = "dpop.htu_mismatch";

    /// <summary><c>iat</c> is older than the accepted window (RFC 9449 §4.3 check 11).</summary>
    public const string DpopIatTooOld = "dpop.iat_too_old";

    /// <summary><c>iat</c> lies further in the future than the clock skew allows (RFC 9449 §4.3 check 11).</summary>
    public const string DpopIatInFuture = "dpop.iat_in_future";

    /// <summary>The server requires a nonce and the proof has none (RFC 9449 §8). Maps to <c>use_dpop_nonce</c>.</summary>
    public const string DpopNonceMissing = "dpop.nonce_missing";

    /// <summary>The proof's <c>nonce</c> is not one the server currently accepts (RFC 9449 §4.3 check 10). Maps to <c>use_dpop_nonce</c>.</summary>
    public const string DpopNonceInvalid = "dpop.nonce_invalid";

    /// <summary>An access token is presented but the proof has no <c>ath</c> (RFC 9449 §4.3 check 12, §7).</summary>
    public const string DpopAthMissing = "dpop.ath_missing";

    /// <summary><c>ath</c> is not the hash of the presented access token (RFC 9449 §4.3 check 12).</summary>
    public const string DpopAthMismatch = "dpop.ath_mismatch";

    /// <summary>The proof key is not the key the access token is bound to (<c>cnf.jkt</c>, RFC 9449 §4.3 check 12, §6).</summary>
    public const string DpopKeyMismatch = "dpop.key_mismatch";

    /// <summary>A proof with the same <c>jti</c> from the same key was seen before (RFC 9449 §11.1).</summary>
    public const string DpopReplayed = "dpop.replayed";

    /// <summary>The <c>code_verifier</c> is not 43–128 characters of the unreserved set (RFC 7636 §4.1).</summary>
    public const string PkceVerifierInvalid = "pkce.verifier_invalid";

    /// <summary>The <c>code_challenge</c> is not a base64url SHA-256 value (RFC 7636 §4.2).</summary>
    public const string PkceChallengeInvalid = "pkce.challenge_invalid";

    /// <summary>The <c>code_challenge_method</c> is missing or not <c>S256</c> (RFC 7636 §4.3; HAIP 1.0 §4).</summary>
    public const string PkceMethodNotSupported = "pkce.method_not_supported";

    /// <summary>The <c>code_verifier</c> does not hash to the stored <c>code_challenge</c> (RFC 7636 §4.6).</summary>
    public const string PkceMismatch = "pkce.mismatch";

    /// <summary>No <c>OAuth-Client-Attestation</c> header, or more than one (ABCA -10 §4, §7.1).</summary>
    public const string AttestationMissing = "client_attestation.missing";

    /// <summary>The Client Attestation is not one well-formed compact JWS (ABCA -10 §7.1).</summary>
    public const string AttestationMalformed = "client_attestation.malformed";

    /// <summary>The Client Attestation's <c>typ</c> is not <c>oauth-client-attestation+jwt</c> (ABCA -10 §4).</summary>
    public const string AttestationTypeInvalid = "client_attestation.typ_invalid";

    /// <summary>The Client Attestation's <c>alg</c> is not acceptable (ABCA -10 §7.1).</summary>
    public const string AttestationAlgorithmNotAllowed = "client_attestation.alg_not_allowed";

    /// <summary>The Client Attestation has no usable <c>x5c</c> chain (HAIP 1.0 §4.4.1).</summary>
    public const string AttestationX5cInvalid = "client_attestation.x5c_invalid";

    /// <summary>The <c>x5c</c> chain does not lead to a configured wallet-provider trust anchor, or the leaf is self-signed (HAIP 1.0 §4.4.1).</summary>
    public const string AttestationUntrusted = "client_attestation.untrusted";

    /// <summary>The Client Attestation's signature does not verify with the <c>x5c</c> leaf key (ABCA -10 §7.1).</summary>
    public const string AttestationSignatureInvalid = "client_attestation.signature_invalid";

    /// <summary>A required claim (<c>sub</c>, <c>exp</c>, <c>cnf.jwk</c>) is missing or malformed (ABCA -10 §4).</summary>
    public const string AttestationClaimMissing = "client_attestation.claim_missing";

    /// <summary><c>cnf.jwk</c> carries private key material (ABCA -10 §7.1).</summary>
    public const string AttestationCnfPrivate = "client_attestation.cnf_private";

    /// <summary>The Client Attestation has expired, or its <c>iat</c> lies in the future (ABCA -10 §7.1).</summary>
    public const string AttestationExpired = "client_attestation.expired";

    /// <summary>The request's <c>client_id</c> differs from the attestation's <c>sub</c> (ABCA -10 §7.5, HAIP 1.0 §4.4.1).</summary>
    public const string AttestationClientIdMismatch = "client_attestation.client_id_mismatch";

    /// <summary>No <c>OAuth-Client-Attestation-PoP</c> header, or more than one (ABCA -10 §5.1, §7.2).</summary>
    public const string AttestationPopMissing = "client_attestation.pop_missing";

    /// <summary>The PoP is not one well-formed compact JWS, or lacks <c>jti</c> / <c>iat</c> (ABCA -10 §5.1).</summary>
    public const string AttestationPopMalformed = "client_attestation.pop_malformed";

    /// <summary>The PoP's <c>typ</c> is not <c>oauth-client-attestation-pop+jwt</c> (ABCA -10 §5.1).</summary>
    public const string AttestationPopTypeInvalid = "client_attestation.pop_typ_invalid";

    /// <summary>The PoP's <c>alg</c> is not acceptable or does not match the <c>cnf</c> key (ABCA -10 §7.2).</summary>
    public const string AttestationPopAlgorithmNotAllowed = "client_attestation.pop_alg_not_allowed";

    /// <summary>The PoP's signature does not verify with the attestation's <c>cnf</c> key (ABCA -10 §7.2).</summary>
    public const string AttestationPopSignatureInvalid = "client_attestation.pop_signature_invalid";

    /// <summary>The PoP's <c>aud</c> is not this authorization server's issuer identifier (ABCA -10 §5.1, §7.2).</summary>
    public const string AttestationPopAudienceInvalid = "client_attestation.pop_aud_invalid";

    /// <summary>The PoP's <c>iat</c> is outside the accepted window (ABCA -10 §7.2).</summary>
    public const string AttestationPopStale = "client_attestation.pop_stale";

    /// <summary>A required authorization request parameter is missing (RFC 6749 §4.1.1, RFC 9126 §2.1).</summary>
    public const string AuthorizationRequestParameterMissing = "authorization_request.parameter_missing";

    /// <summary>An authorization request parameter is repeated (RFC 6749 §3.1).</summary>
    public const string AuthorizationRequestParameterRepeated = "authorization_request.parameter_repeated";

    /// <summary><c>response_type</c> is not <c>code</c> (RFC 6749 §4.1.1).</summary>
    public const string AuthorizationRequestResponseTypeUnsupported = "authorization_request.response_type_unsupported";

    /// <summary><c>redirect_uri</c> breaks a rule of <see cref="RedirectUriPolicy"/>: not absolute, with fragment (RFC 6749 §3.1.2), http off loopback (RFC 8252 §7.3), a scheme that is neither https, reverse-DNS private-use (RFC 8252 §7.1) nor allowed.</summary>
    public const string AuthorizationRequestRedirectUriInvalid = "authorization_request.redirect_uri_invalid";

    /// <summary>A pushed request carries <c>request_uri</c> (RFC 9126 §2.1).</summary>
    public const string AuthorizationRequestRequestUriNotAllowed = "authorization_request.request_uri_not_allowed";

    /// <summary><c>authorization_details</c> is not a JSON array of <c>openid_credential</c> objects with <c>credential_configuration_id</c> (OpenID4VCI 1.0 §5.1.1, RFC 9396).</summary>
    public const string AuthorizationRequestDetailsInvalid = "authorization_request.authorization_details_invalid";

    /// <summary>The <c>claims</c> of an <c>openid_credential</c> authorization details entry is not a non-empty array of claims description objects with a valid <c>path</c> and optional boolean <c>mandatory</c>, or is too large (OpenID4VCI 1.0 §5.1.1, Appendix B.1).</summary>
    public const string AuthorizationRequestDetailsClaimsInvalid = "authorization_request.authorization_details_claims_invalid";

    /// <summary>Neither <c>scope</c> nor <c>authorization_details</c> requests a credential (OpenID4VCI 1.0 §5.1).</summary>
    public const string AuthorizationRequestNothingRequested = "authorization_request.nothing_requested";
}
