namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// Error codes of the OpenID4VP 1.0 protocol layer (as profiled by HAIP 1.0 §5): client identifiers, signed
/// request objects, <c>request_uri</c> POST parameters, authorization responses and the <c>vp_token</c> container.
/// Credential-level failures keep the codes of their own area (<c>sd_jwt.*</c>, <c>mdoc.*</c>, <c>dcql.*</c>,
/// <c>trust.*</c>, <c>jwe.*</c>).
/// </summary>
public static class OpenId4VpErrorCodes
{
    /// <summary>The <c>client_id</c> is empty, too long, or its original identifier is not valid for its prefix (§5.9.3).</summary>
    public const string ClientIdInvalid = "openid4vp.client_id.invalid";

    /// <summary>The <c>client_id</c> uses a Client Identifier Prefix this implementation does not accept (§5.9.1); only <c>x509_san_dns</c> and <c>x509_hash</c> are.</summary>
    public const string ClientIdUnsupportedPrefix = "openid4vp.client_id.unsupported_prefix";

    /// <summary>The <c>client_id</c> of the Request Object differs from the one of the authorization request URI (§5.10.1).</summary>
    public const string ClientIdMismatch = "openid4vp.client_id.mismatch";

    /// <summary>The signing certificate does not carry the <c>client_id</c>: no matching dNSName SAN (<c>x509_san_dns</c>) or another SHA-256 hash (<c>x509_hash</c>) (§5.9.3).</summary>
    public const string ClientIdNotBound = "openid4vp.client_id.not_bound";

    /// <summary>With <c>x509_san_dns</c>, the host of <c>response_uri</c> differs from the DNS name of the <c>client_id</c> (§5.9.3).</summary>
    public const string ResponseUriNotBound = "openid4vp.client_id.response_uri_not_bound";

    /// <summary>The Request Object exceeds the size limit.</summary>
    public const string RequestTooLarge = "openid4vp.request.too_large";

    /// <summary>The Request Object is not a compact JWS with JSON header and payload.</summary>
    public const string RequestMalformed = "openid4vp.request.malformed";

    /// <summary>The Request Object's <c>typ</c> is not <c>oauth-authz-req+jwt</c> (§5).</summary>
    public const string RequestTypeMismatch = "openid4vp.request.typ_mismatch";

    /// <summary>The Request Object's <c>alg</c> is not on the allow-list.</summary>
    public const string RequestAlgorithmNotAllowed = "openid4vp.request.alg_not_allowed";

    /// <summary>The Request Object has no usable <c>x5c</c> header, required by the x509 prefixes (§5.9.3).</summary>
    public const string RequestCertificateMissing = "openid4vp.request.x5c_missing";

    /// <summary>The <c>x5c</c> chain does not validate to a trusted anchor for a verifier request signer, or breaks the HAIP x5c rule; the <c>trust.*</c> errors follow.</summary>
    public const string RequestUntrusted = "openid4vp.request.untrusted";

    /// <summary>The Request Object's signature does not verify with the leaf certificate of <c>x5c</c>.</summary>
    public const string RequestSignatureInvalid = "openid4vp.request.signature_invalid";

    /// <summary>A REQUIRED request parameter is missing (§5.1, §5.2).</summary>
    public const string RequestParameterMissing = "openid4vp.request.missing_parameter";

    /// <summary>A request parameter has the wrong type or an invalid value.</summary>
    public const string RequestParameterInvalid = "openid4vp.request.invalid_parameter";

    /// <summary><c>response_type</c> is not <c>vp_token</c> (HAIP 1.0 §5).</summary>
    public const string ResponseTypeUnsupported = "openid4vp.request.response_type_unsupported";

    /// <summary><c>response_mode</c> is not <c>direct_post</c> or <c>direct_post.jwt</c>.</summary>
    public const string ResponseModeUnsupported = "openid4vp.request.response_mode_unsupported";

    /// <summary><c>response_uri</c> is missing or not an absolute https URI (§8.2); or <c>redirect_uri</c> is present with a direct_post mode.</summary>
    public const string ResponseUriInvalid = "openid4vp.request.response_uri_invalid";

    /// <summary><c>nonce</c> is missing or uses characters outside <c>[A-Za-z0-9._~-]</c> (§5.2).</summary>
    public const string NonceInvalid = "openid4vp.request.nonce_invalid";

    /// <summary><c>state</c> uses characters outside <c>[A-Za-z0-9._~-]</c> (§5.2).</summary>
    public const string StateInvalid = "openid4vp.request.state_invalid";

    /// <summary><c>dcql_query</c> is missing or not a valid DCQL query; the <c>dcql.*</c> errors follow (§5.1).</summary>
    public const string DcqlQueryInvalid = "openid4vp.request.dcql_query_invalid";

    /// <summary><c>client_metadata</c> is invalid: no usable ECDH-ES P-256 key with a unique <c>kid</c> for an encrypted response mode, or an unknown <c>enc</c> (§5.1, §8.3).</summary>
    public const string ClientMetadataInvalid = "openid4vp.request.client_metadata_invalid";

    /// <summary>The Request Object does not echo the <c>wallet_nonce</c> the Wallet sent (§5.10.1).</summary>
    public const string WalletNonceMismatch = "openid4vp.request.wallet_nonce_mismatch";

    /// <summary>The Request Object's <c>exp</c> has passed.</summary>
    public const string RequestExpired = "openid4vp.request.expired";

    /// <summary>The request carries <c>transaction_data</c>, which this Wallet does not support, so it must refuse it (§5).</summary>
    public const string TransactionDataUnsupported = "openid4vp.request.transaction_data_unsupported";

    /// <summary>A <c>request_uri</c> POST body parameter (<c>wallet_metadata</c>, <c>wallet_nonce</c>) is invalid (§5.10).</summary>
    public const string WalletParameterInvalid = "openid4vp.request_uri.invalid_parameter";

    /// <summary>The authorization response body exceeds the size limit.</summary>
    public const string ResponseTooLarge = "openid4vp.response.too_large";

    /// <summary>The authorization response is malformed: not a JSON object, a parameter of the wrong type, or neither <c>vp_token</c> nor <c>error</c>.</summary>
    public const string ResponseMalformed = "openid4vp.response.malformed";

    /// <summary>An encrypted response mode was requested but the response is not a JWE, or its JWE does not decrypt; the <c>jwe.*</c> error follows (§8.3).</summary>
    public const string ResponseNotEncrypted = "openid4vp.response.not_encrypted";

    /// <summary>The <c>vp_token</c> is not an object keyed by Credential Query ids whose values are non-empty arrays of presentations (§8.1).</summary>
    public const string VpTokenMalformed = "openid4vp.response.vp_token_malformed";

    /// <summary>The <c>vp_token</c> exceeds a count limit.</summary>
    public const string VpTokenTooLarge = "openid4vp.response.vp_token_too_large";
}
