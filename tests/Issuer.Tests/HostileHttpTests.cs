using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Tests.Hostile;
using Xunit.Abstractions;

namespace Wallet.Issuer.Tests;

/// <summary>
/// The hostile HTTP suite over every endpoint of the Issuer (issue 10): each request of <see cref="HostileRequests"/>
/// gets a 4xx with the error body its endpoint owes — OAuth error JSON at the protocol endpoints (RFC 6749 §5.2,
/// RFC 9449 §7.1, OpenID4VCI 1.0 §8.3.1.2), RFC 9457 problems at the agency API, the HTML error page at the browser
/// pages — never a 5xx, and the Issuer still answers a valid request afterwards.
/// </summary>
public sealed class HostileHttpTests(ITestOutputHelper output) : IssuerTestBase(new Dictionary<string, string?>
{
    ["Issuer:EnableDevelopmentLogin"] = "true",
    ["Issuer:Statistics:ApiKeys:0:Name"] = "hostile",
    ["Issuer:Statistics:ApiKeys:0:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(StatisticsKey))),
})
{
    private const string StatisticsKey = "statistics-key-of-the-hostile-suite";

    private static readonly KeyValuePair<string, string>[] ApiKey = [new("X-API-Key", IssuerFactory.ApiKey)];

    private static readonly KeyValuePair<string, string>[] StatisticsApiKey = [new("X-API-Key", StatisticsKey)];

    /// <summary>Every endpoint mapped by <c>PidIssuerEndpointRouteBuilderExtensions.MapPidIssuer</c> and <c>Program</c>.</summary>
    public static readonly IReadOnlyDictionary<string, (HostileEndpoint Endpoint, bool NeedsApiKey)> Endpoints = new Dictionary<string, (HostileEndpoint, bool)>
    {
        ["token"] = (new("POST", "/token", ErrorBody.OAuth, "grant_type", "pre-authorized_code", "tx_code", "code", "code_verifier", "redirect_uri", "client_id") { ValidBody = "grant_type=urn:ietf:params:oauth:grant-type:pre-authorized_code&pre-authorized_code=unknown" }, false),
        ["credential"] = (new("POST", "/credential", ErrorBody.OAuth, "credential_configuration_id", "credential_identifier", "proofs") { Json = true, ValidBody = """{"credential_configuration_id":"eu.europa.ec.eudi.pid_vc_sd_jwt"}""" }, false),
        ["par"] = (new("POST", "/par", ErrorBody.OAuth, "response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method", "scope", "authorization_details", "state", "issuer_state") { ValidBody = "response_type=code&client_id=w" }, false),
        ["authorize"] = (new("GET", "/authorize", ErrorBody.Page, "client_id", "request_uri"), false),
        ["authorize/login"] = (new("POST", "/authorize/login", ErrorBody.Page, "request_uri", "person_id") { ValidBody = "person_id=kari-nordmann&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aunknown" }, false),
        ["authorize/upstream/complete"] = (new("GET", "/authorize/upstream/complete", ErrorBody.Page, "state", "code"), false),
        ["api/offers"] = (new("POST", "/api/offers", ErrorBody.Problem, "credentialConfigurationIds", "personId", "claims", "txCode", "authorizationCode") { Json = true, ValidBody = """{"personId":"nobody"}""" }, true),
        ["api/credentials/revoke"] = (new("POST", "/api/credentials/unknown/revoke", ErrorBody.Problem), true),
        ["api/credentials/suspend"] = (new("POST", "/api/credentials/unknown/suspend", ErrorBody.Problem), true),
        ["api/credentials/unsuspend"] = (new("POST", "/api/credentials/unknown/unsuspend", ErrorBody.Problem), true),
        ["api/persons/credentials"] = (new("GET", "/api/persons/nobody/credentials", ErrorBody.Problem), true),
        ["api/audit"] = (new("GET", "/api/audit", ErrorBody.Problem, "from", "to", "action", "credentialId", "after", "limit") { ValuesMayBeAccepted = true }, true),
        ["api/statistics"] = (new("GET", "/api/statistics", ErrorBody.Problem, "from", "to") { ValuesMayBeAccepted = true }, true),
        ["api/statistics.csv"] = (new("GET", "/api/statistics.csv", ErrorBody.Problem, "from", "to") { ValuesMayBeAccepted = true }, true),
        ["credential-offers"] = (new("GET", "/credential-offers/unknown", ErrorBody.Problem), false),
        ["offers page"] = (new("GET", "/offers/unknown", ErrorBody.Page), false),
        ["status-lists"] = (new("GET", "/status-lists/unknown", ErrorBody.Problem), false),
        ["api/representations"] = (new("POST", "/api/representations", ErrorBody.Problem, "nature", "representativePersonId", "representedPersonId", "legalName", "legalPersonIdentifier", "fullPowers", "eServices", "effectiveFrom", "effectiveUntil") { Json = true, ValidBody = """{"nature":"power_of_attorney"}""" }, true),
        ["api/representations/get"] = (new("GET", "/api/representations/unknown", ErrorBody.Problem), true),
        ["api/representations/offers"] = (new("POST", "/api/representations/unknown/offers", ErrorBody.Problem, "credentialConfigurationIds", "txCode") { Json = true, ValidBody = "{}" }, true),
        ["api/representations/revoke"] = (new("POST", "/api/representations/unknown/revoke", ErrorBody.Problem), true),
        ["deferred_credential"] = (new("POST", "/deferred_credential", ErrorBody.OAuth, "transaction_id", "credential_response_encryption") { Json = true, ValidBody = """{"transaction_id":"unknown"}""" }, false),
        ["notification"] = (new("POST", "/notification", ErrorBody.OAuth, "notification_id", "event", "event_description") { Json = true, ValidBody = """{"notification_id":"unknown","event":"credential_accepted"}""" }, false),
        ["api/deferred-issuances"] = (new("GET", "/api/deferred-issuances", ErrorBody.Problem), true),
        ["api/deferred-issuances/complete"] = (new("POST", "/api/deferred-issuances/unknown/complete", ErrorBody.Problem), true),
        ["api/deferred-issuances/refuse"] = (new("POST", "/api/deferred-issuances/unknown/refuse", ErrorBody.Problem), true),
        ["api/persons/grants"] = (new("GET", "/api/persons/nobody/grants", ErrorBody.Problem), true),
        ["api/representations/withdrawal"] = (new("POST", "/api/representations/unknown/withdrawal", ErrorBody.Problem, "withdrawalCode") { Json = true, ValidBody = """{"withdrawalCode":"x"}""" }, false),
    };

    /// <summary>Endpoints that take no input (the nonce endpoint answers any POST): they may serve anything but a 5xx.</summary>
    public static readonly IReadOnlyList<string> Documents =
        ["/.well-known/openid-credential-issuer", "/.well-known/oauth-authorization-server", "/.well-known/jwt-vc-issuer", "/jwks", "/health", "POST /nonce"];

    public static TheoryData<string> EndpointNames => [.. Endpoints.Keys];

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public Task Every_hostile_request_gets_a_4xx_with_its_error_body_and_the_issuer_keeps_answering(string name) =>
        RunAsync(name);

    private async Task RunAsync(string name)
    {
        var (endpoint, needsApiKey) = Endpoints[name];
        var credentials = name.StartsWith("api/statistics", StringComparison.Ordinal) ? StatisticsApiKey : needsApiKey ? ApiKey : null;
        var (sent, failures) = await HostileRun.SendAsync(Http, endpoint, credentials);
        output.WriteLine($"{endpoint}: {sent} hostile requests, {failures.Count} wrong answers");
        failures.ForEach(output.WriteLine);
        failures.Should().BeEmpty();
        (await Http.GetAsync("/.well-known/openid-credential-issuer")).StatusCode.Should().Be(HttpStatusCode.OK, "the Issuer keeps answering valid requests");
    }

    [Theory]
    [MemberData(nameof(DocumentPaths))]
    public async Task Documents_never_answer_hostile_requests_with_a_5xx(string path)
    {
        var sent = 0;
        var endpoint = path.StartsWith("POST ", StringComparison.Ordinal) ? new HostileEndpoint("POST", path[5..], ErrorBody.OAuth) : new HostileEndpoint("GET", path, ErrorBody.Problem);
        foreach (var request in HostileRequests.For(endpoint).Where(r => !r.Name.StartsWith("wrong method", StringComparison.Ordinal)))
        {
            sent++;
            using var message = request.ToMessage();
            using var response = await Http.SendAsync(message);
            ((int)response.StatusCode).Should().BeLessThan(500, request.ToString());
        }

        output.WriteLine($"{endpoint}: {sent} hostile requests");
    }

    public static TheoryData<string> DocumentPaths => [.. Documents];

    [Theory]
    [InlineData("/api/statistics")]
    [InlineData("/api/statistics.csv")]
    [InlineData("/statistics")]
    public async Task Statistics_with_a_bad_period_are_a_coded_problem_RFC9457(string path)
    {
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
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
            using var response = await Http.SendAsync(request);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, query);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", query);
            (await response.Content.ReadAsStringAsync()).Should().Contain("\"code\":\"statistics.invalid_period\"", query);
        }
    }

    [Theory]
    [InlineData("from=2026-11-31T00:00:00Z")]
    [InlineData("to=yesterday")]
    [InlineData("from=2026-11-30&from=2026-11-29")]
    [InlineData("limit=0")]
    [InlineData("limit=99999999999")]
    [InlineData("after=-1")]
    [InlineData("action=%FF%FE")]
    [InlineData("credentialId=%FF%FE")]
    [InlineData("credentialId=%C0%AF")]
    [InlineData("credentialId=a%20b")]
    public async Task Audit_with_a_bad_filter_is_a_validation_problem_RFC9457(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/audit?{query}");
        request.Headers.Add("X-API-Key", IssuerFactory.ApiKey);
        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"errors\"");
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xB0, 0x80 })]
    [InlineData(new byte[] { 0x5C, 0x75, 0x64, 0x63, 0x30, 0x30 })]
    public async Task Authorized_credential_request_with_invalid_utf8_in_the_configuration_id_is_invalid_credential_request_OID4VCI_8_3_1_2(byte[] inside)
    {
        var wallet = await AuthorizedWalletAsync();

        var response = await SendCredentialBytesAsync(wallet, [.. "{\"credential_configuration_id\":\""u8, .. inside, .. "\"}"u8]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestWallet.ErrorAsync(response)).Should().Be("invalid_credential_request");
        (await response.Content.ReadAsStringAsync()).Should().Contain("json.invalid_utf8");
    }

    [Fact]
    public async Task Authorized_credential_request_with_invalid_utf8_in_the_key_proof_is_invalid_proof_OID4VCI_8_3_1_2()
    {
        var wallet = await AuthorizedWalletAsync();
        var body = $"{{\"credential_configuration_id\":\"{SdJwtConfiguration}\",\"proofs\":{{\"jwt\":[\"{HostileRequests.InvalidUtf8Jwts[0].Jwt}\"]}}}}";

        var response = await wallet.SendCredentialRequestAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestWallet.ErrorAsync(response)).Should().Be("invalid_proof");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Authorized_credential_request_with_invalid_utf8_in_the_dpop_proof_is_invalid_dpop_proof_RFC9449_7_1(int jwt)
    {
        var wallet = await AuthorizedWalletAsync();

        var response = await wallet.SendCredentialRequestAsync($"{{\"credential_configuration_id\":\"{SdJwtConfiguration}\"}}", dpopProof: HostileRequests.InvalidUtf8Jwts[jwt].Jwt);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TestWallet.ErrorAsync(response)).Should().Be(OAuthErrors.InvalidDpopProof);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Token_request_with_invalid_utf8_in_the_dpop_proof_is_invalid_dpop_proof_RFC9449_5(int jwt)
    {
        var offer = await CreateOfferAsync(new { personId = "kari-nordmann" });
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());

        var response = await wallet.SendTokenRequestAsync(dpopProof: HostileRequests.InvalidUtf8Jwts[jwt].Jwt);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestWallet.ErrorAsync(response)).Should().Be(OAuthErrors.InvalidDpopProof);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30 })]
    public async Task Agency_offer_with_invalid_utf8_in_inline_claims_is_a_problem_RFC9457(byte[] inside)
    {
        using var api = Factory.CreateApiClient();
        using var content = new ByteArrayContent([.. "{\"claims\":{\"given_name\":\""u8, .. inside, .. "\",\"family_name\":\"X\",\"birthdate\":\"2000-01-01\"}}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await api.PostAsync("/api/offers", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private async Task<HttpResponseMessage> SendCredentialBytesAsync(TestWallet wallet, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, wallet.Metadata!.CredentialEndpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {wallet.AccessToken}");
        request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(wallet.DpopKey, "POST", wallet.Metadata.CredentialEndpoint, Clock.GetUtcNow(), wallet.DpopNonce, wallet.AccessToken));
        return await Http.SendAsync(request);
    }
}
