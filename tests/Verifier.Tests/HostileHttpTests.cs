using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Tests.Hostile;
using Xunit.Abstractions;

namespace Wallet.Verifier.Tests;

/// <summary>
/// The hostile HTTP suite over every endpoint of the Verifier (issue 10): each request of <see cref="HostileRequests"/>
/// gets a 4xx with the error body its endpoint owes — OAuth error JSON at the wallet endpoints (OpenID4VP 1.0 §5.10,
/// §8.2, RFC 6749 §5.2), RFC 9457 problems at the relying-party API and the page's API, the HTML error page for the
/// page itself — never a 5xx, and the Verifier still answers a valid request afterwards.
/// </summary>
public sealed class HostileHttpTests(ITestOutputHelper output) : IDisposable
{
    private const string StatisticsKey = "statistics-key-of-the-hostile-suite";

    private static readonly KeyValuePair<string, string>[] ApiKey = [new("X-Api-Key", VerifierApp.ApiKey)];

    private static readonly KeyValuePair<string, string>[] StatisticsApiKey = [new("X-API-Key", StatisticsKey)];

    private readonly VerifierApp _app = new(settings: new()
    {
        ["Verifier:Statistics:ApiKeys:0:Name"] = "hostile",
        ["Verifier:Statistics:ApiKeys:0:Sha256"] = VerifierApp.Sha256Hex(StatisticsKey),
    });

    public static TheoryData<string> EndpointNames => ["request GET", "request POST", "response direct_post", "response direct_post.jwt", "api create", "api status", "api events", "age-checks create", "age-checks read", "api statistics", "api statistics csv", "page create", "page status", "page qr"];

    public void Dispose() => _app.Dispose();

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public Task Every_hostile_request_gets_a_4xx_with_its_error_body_and_the_verifier_keeps_answering(string name) =>
        RunAsync(name);

    private async Task RunAsync(string name)
    {
        using var api = _app.ApiClient();
        using var http = _app.WalletClient();
        var (endpoint, needsApiKey) = await EndpointAsync(name, api);
        var credentials = name.StartsWith("api statistics", StringComparison.Ordinal) ? StatisticsApiKey : needsApiKey ? ApiKey : null;
        var (sent, failures) = await HostileRun.SendAsync(http, endpoint, credentials);
        output.WriteLine($"{endpoint}: {sent} hostile requests, {failures.Count} wrong answers");
        failures.ForEach(output.WriteLine);
        failures.Should().BeEmpty();
        (await api.PostAsJsonAsync("/api/presentations", Api.Body())).StatusCode.Should().Be(HttpStatusCode.Created, "the Verifier keeps answering valid requests");
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/rp")]
    [InlineData("/rp/app.js")]
    [InlineData("/rp/app.css")]
    [InlineData("/openapi/v1.json")]
    public async Task Documents_never_answer_hostile_requests_with_a_5xx(string path)
    {
        using var http = _app.WalletClient();
        var sent = 0;
        foreach (var request in HostileRequests.For(new HostileEndpoint("GET", path, ErrorBody.Page)).Where(r => !r.Name.StartsWith("wrong method", StringComparison.Ordinal)))
        {
            sent++;
            using var message = request.ToMessage();
            using var response = await http.SendAsync(message);
            ((int)response.StatusCode).Should().BeLessThan(500, request.ToString());
        }

        output.WriteLine($"GET {path}: {sent} hostile requests");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Direct_post_whose_sd_jwt_header_holds_invalid_utf8_is_rejected_with_codes_OID4VP_8_2(int jwt)
    {
        using var api = _app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body("direct_post"));
        var request = await EndToEndTests.Wallet(_app).FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());
        var vpToken = new JsonObject { ["pid"] = new JsonArray(HostileRequests.InvalidUtf8Jwts[jwt].Jwt + "~") }.ToJsonString();

        var run = await EndToEndTests.Wallet(_app).PostAsync(request, new Dictionary<string, string> { ["vp_token"] = vpToken, ["state"] = request.State ?? string.Empty });

        ((int)run.Response.StatusCode).Should().BeLessThan(500, run.Body?.ToJsonString());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x5C, 0x75, 0x64, 0x63, 0x30, 0x30 })]
    public async Task Direct_post_jwt_whose_jwe_header_kid_holds_invalid_utf8_is_invalid_request_OID4VP_8_3(byte[] inside)
    {
        using var api = _app.ApiClient();
        var request = await EndToEndTests.Wallet(_app).FetchRequestAsync((await Api.CreateAsync(api, Api.Body()))["authorizationRequestUri"]!.GetValue<string>());
        byte[] header = [.. "{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"kid\":\""u8, .. inside, .. "\"}"u8];
        var jwe = $"{Base64Url.EncodeToString(header)}..{Base64Url.EncodeToString(new byte[12])}.{Base64Url.EncodeToString(new byte[8])}.{Base64Url.EncodeToString(new byte[16])}";

        var run = await EndToEndTests.Wallet(_app).PostAsync(request, new Dictionary<string, string> { ["response"] = jwe });

        ((int)run.Response.StatusCode).Should().Be(400, run.Body?.ToJsonString());
        HostileResponse.RegisteredErrors.Should().Contain(run.Body!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30 })]
    public async Task Relying_party_api_answers_invalid_utf8_in_the_dcql_query_with_a_coded_problem_RFC9457(byte[] inside)
    {
        using var api = _app.ApiClient();
        using var content = new ByteArrayContent([.. "{\"dcql_query\":{\"credentials\":[{\"id\":\""u8, .. inside, .. "\",\"format\":\"dc+sd-jwt\"}]}}"u8]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await api.PostAsync("/api/presentations", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("json.invalid_utf8");
    }

    [Theory]
    [InlineData("/api/statistics")]
    [InlineData("/api/statistics.csv")]
    [InlineData("/statistics")]
    public async Task Statistics_with_a_bad_period_are_a_coded_problem_RFC9457(string path)
    {
        using var http = _app.WalletClient();
        var today = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime);
        string[] queries =
        [
            "from=2026-02-30", "to=2026-13-01", "from=30.11.2026", "from=2026-11-30T00:00:00Z", "to=%FF%FE", "from=2026-01-01&from=2026-01-02",
            $"from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}", $"from={today.AddDays(-5000):yyyy-MM-dd}&to={today:yyyy-MM-dd}",
            "from=" + new string('9', 4096),
        ];
        foreach (var query in queries)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?{query}");
            request.Headers.Add("X-API-Key", StatisticsKey);
            using var response = await http.SendAsync(request);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", query);
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>().Should().Be("statistics.invalid_period", query);
        }
    }

    private async Task<(HostileEndpoint Endpoint, bool NeedsApiKey)> EndpointAsync(string name, HttpClient api)
    {
        async Task<(string TransactionId, Uri RequestUri, Uri ResponseUri)> TransactionAsync(string responseMode, string method = "get")
        {
            var created = await Api.CreateAsync(api, Api.Body(responseMode, method));
            var uri = created["authorizationRequestUri"]!.GetValue<string>();
            var request = await EndToEndTests.Wallet(_app).FetchRequestAsync(uri);
            Wallet.Core.OpenId4Vp.AuthorizationRequestUri.TryParse(uri, out var reference, out _).Should().BeTrue();
            return (created["transactionId"]!.GetValue<string>(), reference!.RequestUri, request.ResponseUri);
        }

        string checkId;
        switch (name)
        {
            case "request GET":
                return (new HostileEndpoint("GET", "/oid4vp/request/unknown", ErrorBody.OAuth), false);
            case "request POST":
                var post = await CreateOnlyAsync(api, "post");
                return (new HostileEndpoint("POST", post.PathAndQuery, ErrorBody.OAuth, "wallet_metadata", "wallet_nonce") { ValidBody = "wallet_nonce=n", ValuesMayBeAccepted = true }, false);
            case "response direct_post":
                var plain = await TransactionAsync("direct_post");
                return (new HostileEndpoint("POST", plain.ResponseUri.PathAndQuery, ErrorBody.OAuth, "vp_token", "state", "error", "error_description") { ValidBody = "vp_token=%7B%7D", ValuesMayBeAccepted = true }, false);
            case "response direct_post.jwt":
                var encrypted = await TransactionAsync("direct_post.jwt");
                return (new HostileEndpoint("POST", encrypted.ResponseUri.PathAndQuery, ErrorBody.OAuth, "response", "error", "state") { ValidBody = "response=a.b.c.d.e", ValuesMayBeAccepted = true }, false);
            case "api create":
                return (new HostileEndpoint("POST", "/api/presentations", ErrorBody.Problem, "dcql_query", "response_mode", "request_uri_method", "redirect_uri", "client_id_prefix") { Json = true, ValidBody = Api.Body().ToJsonString() }, true);
            case "api status":
                var status = await TransactionAsync("direct_post.jwt");
                return (new HostileEndpoint("GET", $"/api/presentations/{status.TransactionId}", ErrorBody.Problem), true);
            case "api events":
                var events = await TransactionAsync("direct_post.jwt");
                return (new HostileEndpoint("GET", $"/api/presentations/{events.TransactionId}/events", ErrorBody.Problem), true);
            case "age-checks create":
                return (new HostileEndpoint("POST", "/api/age-checks", ErrorBody.Problem, "age_over", "redirect_uri", "client_id_prefix") { Json = true, ValidBody = """{"age_over":18}""" }, true);
            case "age-checks read":
                // Cross-device, so response_code is not read: the query requests are ones the endpoint may ignore.
                using (var created = await api.PostAsJsonAsync("/api/age-checks", new JsonObject { ["age_over"] = 18 }))
                {
                    created.StatusCode.Should().Be(HttpStatusCode.Created);
                    checkId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["transactionId"]!.GetValue<string>();
                }

                return (new HostileEndpoint("GET", $"/api/age-checks/{checkId}", ErrorBody.Problem), true);
            case "api statistics":
                return (new HostileEndpoint("GET", "/api/statistics", ErrorBody.Problem, "from", "to") { ValuesMayBeAccepted = true }, true);
            case "api statistics csv":
                return (new HostileEndpoint("GET", "/api/statistics.csv", ErrorBody.Problem, "from", "to") { ValuesMayBeAccepted = true }, true);
            case "page create":
                return (new HostileEndpoint("POST", "/rp/presentations", ErrorBody.Problem, "preset", "formats", "response_mode") { Json = true, ValidBody = """{"preset":"age","formats":["dc+sd-jwt"]}""" }, false);
            case "page status":
                return (new HostileEndpoint("GET", "/rp/presentations/unknown", ErrorBody.Problem), false);
            default:
                return (new HostileEndpoint("GET", "/rp/presentations/unknown/qr.svg", ErrorBody.Problem), false);
        }
    }

    private static async Task<Uri> CreateOnlyAsync(HttpClient api, string method)
    {
        var created = await Api.CreateAsync(api, Api.Body(requestUriMethod: method));
        Wallet.Core.OpenId4Vp.AuthorizationRequestUri.TryParse(created["authorizationRequestUri"]!.GetValue<string>(), out var reference, out _).Should().BeTrue();
        return reference!.RequestUri;
    }

}
