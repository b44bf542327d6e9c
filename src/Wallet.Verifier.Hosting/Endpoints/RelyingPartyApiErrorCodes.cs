namespace Wallet.Verifier.Endpoints;

/// <summary>Error codes of the relying-party API's request bodies (<c>POST /api/presentations</c>, the demo page's create call), beside the <c>dcql.*</c> codes of the query.</summary>
public static class RelyingPartyApiErrorCodes
{
    /// <summary>The body is not a well-formed JSON object without duplicate members (RFC 8259 §4, RFC 7493 §2.3).</summary>
    public const string InvalidJson = "api.invalid_json";

    /// <summary>A required member, such as <c>dcql_query</c>, is missing.</summary>
    public const string MissingMember = "api.missing_member";

    /// <summary>A member has a value the API does not accept (<c>response_mode</c>, <c>request_uri_method</c>, <c>redirect_uri</c>, <c>client_id_prefix</c>, <c>minimum_level_of_assurance</c>, a preset).</summary>
    public const string InvalidMember = "api.invalid_member";
}
