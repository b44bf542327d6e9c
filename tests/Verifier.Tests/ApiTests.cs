using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Tests;

/// <summary>The relying-party API: authentication, isolation between relying parties, problem details, OpenAPI, purging, start-up validation.</summary>
public sealed class ApiTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task Api_without_a_valid_key_answers_401_problem(string? apiKey)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient(apiKey);

        var response = await api.PostAsJsonAsync("/api/presentations", Api.Body());

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Relying_party_sees_only_its_own_transactions()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        using var other = app.ApiClient(VerifierApp.OtherApiKey);
        var created = await Api.CreateAsync(api, Api.Body());

        (await other.GetAsync($"/api/presentations/{created["transactionId"]}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/presentations/{created["transactionId"]}/events")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.GetAsync($"/api/presentations/{created["transactionId"]}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"dcql_query":{"credentials":[]}}""", "dcql.empty_array")]
    [InlineData("""{"dcql_query":{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{}}]}}""", "dcql.missing_member")]
    [InlineData("""{}""", "api.missing_member")]
    [InlineData("""{"dcql_query":{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]},"response_mode":"fragment"}""", "api.invalid_member")]
    [InlineData("""{"dcql_query":{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]},"request_uri_method":"GET"}""", "api.invalid_member")]
    [InlineData("""{"dcql_query":{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]},"redirect_uri":"http://rp.example/"}""", "api.invalid_member")]
    [InlineData("""{"dcql_query":{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]},"redirect_uri":"https://rp.example/#f"}""", "api.invalid_member")]
    [InlineData("""{"dcql_query":{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]},"client_id_prefix":"redirect_uri"}""", "api.invalid_member")]
    [InlineData("""{"dcql_query":{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]},"client_id_prefix":"X509_HASH"}""", "api.invalid_member")]
    [InlineData("""[1]""", "api.invalid_json")]
    [InlineData("""{"dcql_query":1,"dcql_query":2}""", "api.invalid_json")]
    public async Task Invalid_presentation_request_answers_400_problem_with_every_error_RFC9457(string body, string code)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();

        var response = await api.PostAsync("/api/presentations", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["status"]!.GetValue<int>().Should().Be(400);
        problem["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).Should().Contain(code);
    }

    [Fact]
    public async Task Created_presentation_has_the_documented_shape()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();

        var response = await api.PostAsJsonAsync("/api/presentations", Api.Body());
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.Headers.Location!.OriginalString.Should().Be($"/api/presentations/{created["transactionId"]}");
        created["requestUri"]!.GetValue<string>().Should().StartWith("https://verifier.example/oid4vp/request/");
        created["requestUri"]!.GetValue<string>().Should().NotContain(created["transactionId"]!.GetValue<string>(), "the wallet never learns the relying party's handle (OpenID4VP 1.0 §14.3.3)");
        created["expiresAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(app.Clock.GetUtcNow().AddMinutes(5), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_relying_party_api()
    {
        using var app = new VerifierApp();

        var document = await app.WalletClient().GetStringAsync("/openapi/v1.json");

        document.Should().Contain("/api/presentations").And.Contain("/api/presentations/{transactionId}").And.Contain("/oid4vp/response/{requestId}");
    }

    [Fact]
    public async Task Expired_transactions_are_purged_after_the_retention()
    {
        // The host's purger runs on the fake clock too: with a day's retention it leaves the purge to this test.
        using var app = new VerifierApp(settings: new() { ["Verifier:ResultRetention"] = "1.00:00:00" });
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var store = app.Services.GetRequiredService<ITransactionStore>();

        (await store.PurgeAsync(app.Clock.GetUtcNow(), default)).Should().Be(0);
        app.Clock.Advance(TimeSpan.FromHours(2));
        (await store.PurgeAsync(app.Clock.GetUtcNow() - TimeSpan.FromHours(1), default)).Should().Be(1);

        (await api.GetAsync($"/api/presentations/{created["transactionId"]}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nonce_is_consumed_once()
    {
        using var app = new VerifierApp();
        var nonces = app.Services.GetRequiredService<INonceStore>();
        var now = app.Clock.GetUtcNow();
        await nonces.AddAsync("n-1", now.AddMinutes(1), default);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => nonces.TryConsumeAsync("n-1", now, default).AsTask()));

        results.Count(r => r).Should().Be(1);
        (await nonces.TryConsumeAsync("unknown", now, default)).Should().BeFalse();
    }

    [Theory]
    [InlineData("Verifier:PublicBaseUrl", "http://verifier.example", "Verifier:PublicBaseUrl")]
    [InlineData("Verifier:ClientIdPrefix", "redirect_uri", "Verifier:ClientIdPrefix")]
    [InlineData("Verifier:TrustAnchors:0", "/nonexistent/ca.pem", "Verifier:TrustAnchors:0")]
    [InlineData("Verifier:TrustAnchors:0", "/tmp/ca.pem|extreme", "Verifier:TrustAnchors:0")]
    [InlineData("Verifier:RelyingParties:0:ApiKeySha256", "abc", "Verifier:RelyingParties:0:ApiKeySha256")]
    [InlineData("Verifier:RelyingParties:0:Id", "demo-page/abc", "Verifier:RelyingParties:0:Id")]
    [InlineData("Verifier:DemoPage:RelyingPartyId", "rp1", "Verifier:DemoPage:RelyingPartyId")]
    [InlineData("Verifier:DemoPage:MaxTransactionsPerMinute", "0", "Verifier:DemoPage:MaxTransactionsPerMinute")]
    [InlineData("Verifier:LiveResults:MaxStreamsPerRelyingParty", "0", "Verifier:LiveResults:MaxStreamsPerRelyingParty")]
    [InlineData("Verifier:RelyingParties:0:Webhook:Url", "ftp://rp.example/hook", "Verifier:RelyingParties:0:Webhook:Url")]
    [InlineData("Verifier:RelyingParties:0:Webhook:MaxAttempts", "0", "Verifier:RelyingParties:0:Webhook:MaxAttempts")]
    [InlineData("Verifier:LiveResults:StorePollInterval", "00:00:00.01", "Verifier:LiveResults:StorePollInterval")]
    [InlineData("Verifier:LiveResults:HeartbeatInterval", "00:10:00", "Verifier:LiveResults:HeartbeatInterval")]
    public void Misconfiguration_fails_start_up_naming_the_setting(string key, string value, string named)
    {
        // The registration of AddVerifier, resolved the way the host does at start (ValidateOnStart uses the same validator).
        var settings = new Dictionary<string, string?>
        {
            ["Verifier:PublicBaseUrl"] = VerifierApp.PublicBaseUrl,
            ["Verifier:TrustAnchors:0"] = TestCredentials.RootPemPath,
            ["Verifier:RelyingParties:0:Id"] = "rp1",
            ["Verifier:RelyingParties:0:ApiKeySha256"] = VerifierApp.Sha256Hex(VerifierApp.ApiKey),
            ["Verifier:DemoPage:Enabled"] = "true",
            [key] = value,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddVerifier(configuration.GetSection("Verifier")).Services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<Wallet.Verifier.Options.VerifierOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }

    [Fact]
    public void Valid_configuration_passes_validation()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Verifier:PublicBaseUrl"] = VerifierApp.PublicBaseUrl,
            ["Verifier:TrustAnchors:0"] = $"{TestCredentials.RootPemPath}|substantial",
            ["Verifier:RelyingParties:0:Id"] = "rp1",
            ["Verifier:RelyingParties:0:ApiKeySha256"] = VerifierApp.Sha256Hex(VerifierApp.ApiKey),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddVerifier(configuration.GetSection("Verifier")).Services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<Wallet.Verifier.Options.VerifierOptions>>().Value;

        options.ClientIdPrefix.Should().Be("x509_hash");
        options.TrustAnchors.Should().ContainSingle();
    }

    [Fact]
    public void Development_request_signing_certificate_is_generated_once_into_the_data_folder()
    {
        using var app = new VerifierApp();
        var root = app.RequestSigningRoot;
        var files = Directory.GetFiles(app.DataDirectory).Select(Path.GetFileName).ToArray();

        files.Should().Contain(["dev-request-signing-root.pem", "dev-request-signing.pem", "dev-request-signing.key.pem"]);
        using var again = new VerifierApp(dataDirectory: app.DataDirectory);
        again.RequestSigningRoot.Thumbprint.Should().Be(root.Thumbprint);
    }
}
