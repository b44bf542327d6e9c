using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wallet.Verifier.Endpoints;

/// <summary>The body of <c>POST /api/presentations</c> (documentation shape; the handler parses the JSON itself to report every problem).</summary>
/// <param name="DcqlQuery">The DCQL query (OpenID4VP 1.0 §6).</param>
/// <param name="ResponseMode"><c>direct_post.jwt</c> (default, HAIP) or <c>direct_post</c>.</param>
/// <param name="RequestUriMethod"><c>get</c> (default) or <c>post</c>.</param>
/// <param name="RedirectUri">Same-device flow: where the wallet sends the user back, with a response code in the fragment.</param>
/// <param name="ClientIdPrefix"><c>x509_hash</c> or <c>x509_san_dns</c> for this transaction; default <c>Verifier:ClientIdPrefix</c>.</param>
/// <param name="MinimumLevelOfAssurance">
/// <c>low</c>, <c>substantial</c> or <c>high</c> (eIDAS Art. 8): the lowest level of assurance this transaction accepts. It
/// raises the relying party's configured minimum for this transaction and never lowers it; a credential below it is
/// rejected with <c>verifier.level_of_assurance_too_low</c>.
/// </param>
public sealed record CreatePresentationBody(
    [property: JsonPropertyName("dcql_query")] JsonElement DcqlQuery,
    [property: JsonPropertyName("response_mode")] string? ResponseMode,
    [property: JsonPropertyName("request_uri_method")] string? RequestUriMethod,
    [property: JsonPropertyName("redirect_uri")] string? RedirectUri,
    [property: JsonPropertyName("client_id_prefix")] string? ClientIdPrefix,
    [property: JsonPropertyName("minimum_level_of_assurance")] string? MinimumLevelOfAssurance = null)
{
    /// <summary>
    /// Transaction data to be authorized (OpenID4VP 1.0 §5.1): objects with <c>type</c> (e.g.
    /// <c>urn:wallet:transaction-data:payment:1</c>), <c>credential_ids</c> (SD-JWT VC queries requiring holder binding),
    /// optional <c>transaction_data_hashes_alg</c> and the members of the type. Sent base64url-encoded; the Verifier checks
    /// the KB-JWT's <c>transaction_data_hashes</c> (B.3.3).
    /// </summary>
    [JsonPropertyName("transaction_data")]
    public IReadOnlyList<JsonElement>? TransactionData { get; init; }
}
