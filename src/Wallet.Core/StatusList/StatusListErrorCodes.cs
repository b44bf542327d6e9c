namespace Wallet.Core.StatusList;

/// <summary>
/// Error codes for Token Status List processing (draft-ietf-oauth-status-list-20): parsing a Status List,
/// verifying a Status List Token, fetching it over HTTP, and managing lists on the issuer side.
/// </summary>
public static class StatusListErrorCodes
{
    /// <summary>A Status List, Status List Token or <c>status</c> claim does not have the structure §4, §5 or §6 requires.</summary>
    public const string Malformed = "status_list.malformed";

    /// <summary><c>bits</c> is not 1, 2, 4 or 8 (§4.1).</summary>
    public const string InvalidBits = "status_list.invalid_bits";

    /// <summary>A response, token or decompressed list exceeds a configured size or entry-count limit.</summary>
    public const string TooLarge = "status_list.too_large";

    /// <summary>The token's <c>typ</c> is not <c>statuslist+jwt</c> (§5.1) or <c>application/statuslist+cwt</c> (§5.2).</summary>
    public const string TypeMismatch = "status_list.typ_mismatch";

    /// <summary>The token's signature algorithm is missing, not asymmetric, or not on the allow-list (RFC 8725 §3.1).</summary>
    public const string AlgorithmNotAllowed = "status_list.alg_not_allowed";

    /// <summary>No trusted key could be established for the token: no accepted certificate chain and no configured key (§8.3).</summary>
    public const string Untrusted = "status_list.untrusted";

    /// <summary>The token's signature does not verify with the trusted key (§5.1, §8.3).</summary>
    public const string SignatureInvalid = "status_list.signature_invalid";

    /// <summary>A claim the token must carry (<c>sub</c>, <c>iat</c>, <c>status_list</c>) is absent (§5.1, §5.2, §8.3).</summary>
    public const string MissingClaim = "status_list.missing_claim";

    /// <summary>A claim has the wrong type or an impossible value (for example a non-positive <c>ttl</c>).</summary>
    public const string InvalidClaim = "status_list.invalid_claim";

    /// <summary>The token's <c>sub</c> differs from the <c>uri</c> the Referenced Token points to (§8.3).</summary>
    public const string SubjectMismatch = "status_list.sub_mismatch";

    /// <summary>The token's <c>exp</c> has passed (§8.3).</summary>
    public const string Expired = "status_list.expired";

    /// <summary>The token's <c>iat</c> or <c>nbf</c> lies in the future beyond the allowed clock skew.</summary>
    public const string NotYetValid = "status_list.not_yet_valid";

    /// <summary>The token was issued longer ago than the configured maximum age (§8.3, <c>iat</c> freshness).</summary>
    public const string Stale = "status_list.stale";

    /// <summary>The index lies outside the Status List (§8.3: out of bounds MUST be rejected).</summary>
    public const string IndexOutOfRange = "status_list.index_out_of_range";

    /// <summary>The <c>status</c> claim or its <c>status_list</c> member is not as §6.2 / §6.3 define it.</summary>
    public const string InvalidReference = "status_list.invalid_reference";

    /// <summary>The list's <c>uri</c> does not use https (and is not an allowed loopback http address).</summary>
    public const string InsecureUri = "status_list.insecure_uri";

    /// <summary>The Status List Token could not be fetched (connection, TLS or protocol failure).</summary>
    public const string FetchFailed = "status_list.fetch_failed";

    /// <summary>Fetching the Status List Token took longer than the configured timeout.</summary>
    public const string Timeout = "status_list.timeout";

    /// <summary>The Status List endpoint answered with a non-2xx HTTP status (§8.2).</summary>
    public const string HttpStatus = "status_list.http_status";

    /// <summary>The response's Content-Type is not the requested Status List Token media type (§8.2).</summary>
    public const string ContentType = "status_list.content_type";

    /// <summary>Issuer side: every entry of the list has been allocated.</summary>
    public const string ListFull = "status_list.list_full";

    /// <summary>Issuer side: no list is stored under the given <c>uri</c>.</summary>
    public const string UnknownList = "status_list.unknown_list";

    /// <summary>Issuer side: the status of an index that was never allocated cannot be set.</summary>
    public const string IndexNotAllocated = "status_list.index_not_allocated";

    /// <summary>Issuer side: the status value does not fit the list's <c>bits</c>.</summary>
    public const string StatusOutOfRange = "status_list.status_out_of_range";

    /// <summary>Issuer side: INVALID is irreversible (§7); a revoked entry cannot change again.</summary>
    public const string Irreversible = "status_list.irreversible";

    /// <summary>Issuer side: concurrent updates kept winning; the change was not applied.</summary>
    public const string ConcurrencyConflict = "status_list.concurrency_conflict";
}
