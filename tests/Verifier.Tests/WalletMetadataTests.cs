using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.OpenId4Vp;
using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Tests;

/// <summary>
/// request_uri_method=post honours wallet_metadata (OpenID4VP 1.0 §5.10, §10.1): the Request Object's signing alg and the
/// response's alg/enc are chosen from what the Wallet supports; when nothing fits the fetch is an HTTP error (§5.10.2) and
/// the transaction is left as it was.
/// </summary>
public sealed class WalletMetadataTests
{
    private const string SdJwt = "\"dc+sd-jwt\":{\"sd-jwt_alg_values\":[\"ES256\"],\"kb-jwt_alg_values\":[\"ES256\"]}";

    [Fact]
    public async Task Response_enc_is_narrowed_to_the_wallets_authorization_encryption_enc_values_and_the_presentation_verifies_5_10()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(requestUriMethod: "post"));
        var wallet = EndToEndTests.Wallet(app);

        var request = await wallet.FetchRequestAsync(
            created["authorizationRequestUri"]!.GetValue<string>(),
            $$"""{"vp_formats_supported":{{{SdJwt}}},"request_object_signing_alg_values_supported":["ES256"],"authorization_encryption_alg_values_supported":["ECDH-ES"],"authorization_encryption_enc_values_supported":["A128GCM"]}""");

        request.ClientMetadata.EncryptedResponseEncValuesSupported.Select(e => e.Name).Should().Equal("A128GCM");
        (await wallet.RespondAsync(request)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>()))["status"]!.GetValue<string>().Should().Be("verified");
    }

    [Fact]
    public async Task Without_encryption_preferences_both_HAIP_enc_values_are_offered_5_10()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(requestUriMethod: "post"));

        var request = await EndToEndTests.Wallet(app).FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>(), "{\"vp_formats_supported\":{" + SdJwt + "}}");

        request.ClientMetadata.EncryptedResponseEncValuesSupported.Select(e => e.Name).Should().BeEquivalentTo("A128GCM", "A256GCM");
    }

    [Theory]
    [InlineData("direct_post.jwt", $$"""{"vp_formats_supported":{{{SdJwt}}},"request_object_signing_alg_values_supported":["PS256","EdDSA"]}""", "invalid_request", "request_object_signing_alg_values_supported")]
    [InlineData("direct_post.jwt", $$"""{"vp_formats_supported":{{{SdJwt}}},"authorization_encryption_alg_values_supported":["ECDH-ES+A128KW"]}""", "invalid_request", "authorization_encryption_alg_values_supported")]
    [InlineData("direct_post.jwt", $$"""{"vp_formats_supported":{{{SdJwt}}},"authorization_encryption_enc_values_supported":["A128CBC-HS256"]}""", "invalid_request", "authorization_encryption_enc_values_supported")]
    [InlineData("direct_post.jwt", """{"vp_formats_supported":{"mso_mdoc":{}}}""", "vp_formats_not_supported", "vp_formats_supported")]
    [InlineData("direct_post.jwt", """{"vp_formats_supported":{"dc+sd-jwt":{"sd-jwt_alg_values":["ES256"],"kb-jwt_alg_values":["EdDSA"]}}}""", "vp_formats_not_supported", "vp_formats_supported")]
    [InlineData("direct_post", """{"vp_formats_supported":{"dc+sd-jwt":{"sd-jwt_alg_values":["ES384"]}}}""", "vp_formats_not_supported", "vp_formats_supported")]
    [InlineData("direct_post.jwt", """{"client_id_prefixes_supported":["x509_hash"]}""", "invalid_request", "vp_formats_supported")]
    [InlineData("direct_post.jwt", $$"""{"vp_formats_supported":{{{SdJwt}}},"request_object_signing_alg_values_supported":"ES256"}""", "invalid_request", "request_object_signing_alg_values_supported")]
    public async Task Wallet_metadata_nothing_fits_is_an_error_and_leaves_the_transaction_unfetched_5_10_2(string responseMode, string walletMetadata, string error, string named)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(responseMode: responseMode, requestUriMethod: "post"));
        var id = created["transactionId"]!.GetValue<string>();

        using var response = await PostRequestUriAsync(app, created["authorizationRequestUri"]!.GetValue<string>(), walletMetadata);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["error"]!.GetValue<string>().Should().Be(error);
        body["error_description"]!.GetValue<string>().Should().Contain(named);
        (await app.Services.GetRequiredService<ITransactionStore>().FindAsync(id, CancellationToken.None))!.Status.Should().Be(TransactionStatus.Pending, "a refused fetch changes nothing");
    }

    [Fact]
    public async Task Encryption_preferences_do_not_matter_for_an_unencrypted_response_mode_5_10()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(responseMode: "direct_post", requestUriMethod: "post"));

        using var response = await PostRequestUriAsync(app, created["authorizationRequestUri"]!.GetValue<string>(), $$"""{"vp_formats_supported":{{{SdJwt}}},"authorization_encryption_enc_values_supported":["A128CBC-HS256"]}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostRequestUriAsync(VerifierApp app, string authorizationRequestUri, string walletMetadata)
    {
        AuthorizationRequestUri.TryParse(authorizationRequestUri, out var reference, out _).Should().BeTrue();
        using var http = app.WalletClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, reference!.RequestUri)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["wallet_nonce"] = "n-1", ["wallet_metadata"] = walletMetadata }),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(RequestObjectSigner.MediaType));
        return await http.SendAsync(message);
    }
}
