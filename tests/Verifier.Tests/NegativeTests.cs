using System.Net;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Tests;

/// <summary>Every way a response can be wrong is rejected, recorded, and never reported as verified (OpenID4VP 1.0 §8.6, §14.1).</summary>
public sealed class NegativeTests
{
    [Fact]
    public async Task Presentation_bound_to_another_nonce_is_rejected_OID4VP_14_1_2()
    {
        var status = await RunAsync(new WalletBehaviour { Nonce = "another-nonce" });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(SdJwtErrorCodes.KeyBindingNonceMismatch);
        status["credentials"]!.AsObject().Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://verifier.example")]
    [InlineData("x509_san_dns:verifier.example")]
    [InlineData("x509_hash:Uvo3HtuIxuhC92rShpgqcT3YXwrqRxWEviRiA0OZszk")]
    public async Task Presentation_for_another_audience_is_rejected_OID4VP_B_3_6(string audience)
    {
        var status = await RunAsync(new WalletBehaviour { Audience = audience });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(SdJwtErrorCodes.KeyBindingAudienceMismatch);
    }

    [Fact]
    public async Task Replayed_response_is_refused_and_the_first_result_stands_OID4VP_8_2()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var wallet = EndToEndTests.Wallet(app);
        var first = await wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var replay = await wallet.PostAsync(first.Request, new Dictionary<string, string>(first.Form));

        first.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        replay.Body!["error"]!.GetValue<string>().Should().Be("invalid_request");
        (await Api.StatusAsync(api, Id(created)))["status"]!.GetValue<string>().Should().Be("verified");
        (await Events(api, created)).Should().Contain("response_rejected");
    }

    [Fact]
    public async Task Tampered_JWE_is_refused_and_leaves_the_transaction_open_OID4VP_8_3()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var wallet = EndToEndTests.Wallet(app);
        var request = await wallet.FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var tampered = await wallet.RespondAsync(request, new WalletBehaviour { TamperForm = f => new() { ["response"] = FlipCiphertext(f["response"]) } });

        tampered.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Api.StatusAsync(api, Id(created)))["status"]!.GetValue<string>().Should().Be("pending");
        (await Events(api, created, detail: true)).Should().Contain(e => e.Contains(JweErrorCodes.DecryptionFailed, StringComparison.Ordinal));
        (await wallet.RespondAsync(request)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Api.StatusAsync(api, Id(created)))["status"]!.GetValue<string>().Should().Be("verified");
    }

    [Fact]
    public async Task Unencrypted_vp_token_in_direct_post_jwt_is_refused_OID4VP_8_3_1()
    {
        var (run, status) = await RunRawAsync(new WalletBehaviour { TamperForm = _ => new() { ["vp_token"] = """{"pid":["x"]}""", ["state"] = "s" } });

        run.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        status["status"]!.GetValue<string>().Should().Be("pending");
    }

    [Fact]
    public async Task Credential_from_an_untrusted_issuer_is_rejected_HAIP_6_1_1()
    {
        var holder = SigningKey.Generate();
        var status = await RunAsync(null, TestCredentials.IssuePid(holder, trusted: false));

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain("trust.untrusted_root");
    }

    [Fact]
    public async Task Revoked_credential_is_rejected_TokenStatusList_8_3()
    {
        var holder = SigningKey.Generate();
        var status = await RunAsync(null, TestCredentials.IssuePid(holder, revoked: true));

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(SdJwtVcErrorCodes.Revoked);
    }

    [Fact]
    public async Task Presentation_that_does_not_satisfy_the_DCQL_query_is_rejected_OID4VP_14_9()
    {
        var status = await RunAsync(new WalletBehaviour { Disclose = [ClaimPath.Of("given_name")] });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(c => c.StartsWith("dcql.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Presentation_for_an_id_that_is_no_credential_query_is_rejected_OID4VP_8_1()
    {
        var status = await RunAsync(new WalletBehaviour
        {
            ReplaceVpToken = (_, token) => VpToken.Create(new Dictionary<string, IReadOnlyList<string>> { ["pid"] = token.Presentations["pid"], ["extra"] = token.Presentations["pid"] }),
        });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(Wallet.Core.Dcql.DcqlErrorCodes.UnexpectedCredential);
    }

    [Fact]
    public async Task Response_with_another_state_is_rejected_OID4VP_5_3()
    {
        var status = await RunAsync(new WalletBehaviour { TamperForm = f => new(f) { ["state"] = "other-state" } }, responseMode: ResponseModes.DirectPost);

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Equal(VerifierErrorCodes.StateMismatch);
    }

    [Fact]
    public async Task Wallet_error_response_is_recorded_as_rejected_OID4VP_8_5()
    {
        var status = await RunAsync(new WalletBehaviour { Error = "access_denied" });

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Equal(VerifierErrorCodes.WalletError);
    }

    [Fact]
    public async Task Response_to_an_expired_transaction_is_refused_and_reported_expired()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var wallet = EndToEndTests.Wallet(app);
        var request = await wallet.FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var run = await wallet.RespondAsync(request);

        run.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        run.Body!["error_description"]!.GetValue<string>().Should().Contain("expired");
        (await Api.StatusAsync(api, Id(created)))["status"]!.GetValue<string>().Should().Be("expired");
        (await app.WalletClient().GetAsync(request.ResponseUri.AbsoluteUri.Replace("/response/", "/request/", StringComparison.Ordinal))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("[\"eyJ...\"]")]
    [InlineData("{\"pid\":\"eyJ...\"}")]
    [InlineData("{\"pid\":[]}")]
    [InlineData("not json")]
    [InlineData("{\"pid\":[\"not-an-sd-jwt\"]}")]
    public async Task Malformed_vp_token_is_not_verified_OID4VP_8_1(string vpToken)
    {
        var (run, status) = await RunRawAsync(new WalletBehaviour { TamperForm = f => new(f) { ["vp_token"] = vpToken } }, ResponseModes.DirectPost);

        status["status"]!.GetValue<string>().Should().NotBe("verified");
        if (run.Response.StatusCode == HttpStatusCode.OK)
        {
            status["status"]!.GetValue<string>().Should().Be("rejected");
            Api.ErrorCodes(status).Should().Contain(c => c.StartsWith("sd_jwt", StringComparison.Ordinal));
        }
        else
        {
            run.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            status["status"]!.GetValue<string>().Should().Be("pending");
        }
    }

    [Fact]
    public async Task Oversized_response_body_is_refused_with_413()
    {
        var (run, status) = await RunRawAsync(new WalletBehaviour { TamperForm = f => new(f) { ["padding"] = new string('a', 300 * 1024) } });

        run.Response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        status["status"]!.GetValue<string>().Should().Be("pending");
    }

    [Fact]
    public async Task Request_uri_fetched_with_the_other_method_is_refused_OID4VP_5_10()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(requestUriMethod: RequestUriMethods.Post));

        var response = await app.WalletClient().GetAsync(created["requestUri"]!.GetValue<string>());

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Be("invalid_request_uri_method");
    }

    private static async Task<JsonNode> RunAsync(WalletBehaviour? behaviour, HeldCredential? credential = null, string responseMode = ResponseModes.DirectPostJwt)
    {
        var (run, status) = await RunRawAsync(behaviour, responseMode, credential);
        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        return status;
    }

    private static async Task<(WalletRun Run, JsonNode Status)> RunRawAsync(WalletBehaviour? behaviour, string responseMode = ResponseModes.DirectPostJwt, HeldCredential? credential = null)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(responseMode));
        var wallet = credential is null ? EndToEndTests.Wallet(app) : EndToEndTests.Wallet(app, credential);
        var run = await wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>(), behaviour);
        return (run, await Api.StatusAsync(api, Id(created)));
    }

    private static string Id(JsonNode created) => created["transactionId"]!.GetValue<string>();

    private static async Task<string[]> Events(HttpClient api, JsonNode created, bool detail = false)
    {
        var events = JsonNode.Parse(await api.GetStringAsync($"/api/presentations/{Id(created)}/events"))!.AsArray();
        return events.Select(e => detail ? $"{e!["type"]}: {e["detail"]}" : e!["type"]!.GetValue<string>()).ToArray();
    }

    private static string FlipCiphertext(string jwe)
    {
        var parts = jwe.Split('.');
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(parts[3]);
        bytes[0] ^= 0x01;
        parts[3] = System.Buffers.Text.Base64Url.EncodeToString(bytes);
        return string.Join('.', parts);
    }
}
