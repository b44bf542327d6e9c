using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;

namespace Wallet.Verifier.Tests;

/// <summary>Full cycles over HTTP: relying party → wallet (Wallet.Core holder side) → verifier → relying party (OpenID4VP 1.0, HAIP 1.0 §5).</summary>
public sealed class EndToEndTests
{
    [Theory]
    [InlineData(ClientIdPrefixes.X509Hash, ResponseModes.DirectPostJwt, RequestUriMethods.Get)]
    [InlineData(ClientIdPrefixes.X509Hash, ResponseModes.DirectPostJwt, RequestUriMethods.Post)]
    [InlineData(ClientIdPrefixes.X509Hash, ResponseModes.DirectPost, RequestUriMethods.Get)]
    [InlineData(ClientIdPrefixes.X509Hash, ResponseModes.DirectPost, RequestUriMethods.Post)]
    [InlineData(ClientIdPrefixes.X509SanDns, ResponseModes.DirectPostJwt, RequestUriMethods.Get)]
    [InlineData(ClientIdPrefixes.X509SanDns, ResponseModes.DirectPostJwt, RequestUriMethods.Post)]
    [InlineData(ClientIdPrefixes.X509SanDns, ResponseModes.DirectPost, RequestUriMethods.Get)]
    [InlineData(ClientIdPrefixes.X509SanDns, ResponseModes.DirectPost, RequestUriMethods.Post)]
    public async Task Pid_presentation_is_verified_and_only_disclosed_claims_are_returned_OID4VP_8_6(string prefix, string responseMode, string method)
    {
        using var app = new VerifierApp(prefix);
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(responseMode, method));
        var uri = created["authorizationRequestUri"]!.GetValue<string>();
        uri.Should().StartWith($"openid4vp://?client_id={prefix}%3A");
        (uri.Contains("request_uri_method=post", StringComparison.Ordinal)).Should().Be(method == RequestUriMethods.Post);
        var wallet = Wallet(app);

        var run = await wallet.RespondAsync(uri);

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        run.Request.ClientId.Prefix.Should().Be(prefix);
        run.Form.ContainsKey("response").Should().Be(responseMode == ResponseModes.DirectPostJwt);
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        var pid = status["credentials"]!["pid"]!.AsArray().Single()!;
        pid["format"]!.GetValue<string>().Should().Be("dc+sd-jwt");
        pid["issuer"]!.GetValue<string>().Should().Be("https://pid.example.gov");
        pid["levelOfAssurance"]!.GetValue<string>().Should().Be("high");
        pid["status"]!.GetValue<string>().Should().Be("valid");
        pid["holderBinding"]!.GetValue<bool>().Should().BeTrue();
        pid["claims"]!["given_name"]!.GetValue<string>().Should().Be(TestCredentials.GivenName);
        pid["claims"]!["family_name"]!.GetValue<string>().Should().Be("Nordmann");
        pid["claims"]!["birthdate"].Should().BeNull("birth date was not asked for, so it was not disclosed");
        pid["claims"]!["cnf"].Should().BeNull();
        status["errors"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData(ClientIdPrefixes.X509Hash, ClientIdPrefixes.X509SanDns)]
    [InlineData(ClientIdPrefixes.X509SanDns, ClientIdPrefixes.X509Hash)]
    public async Task Client_id_prefix_is_chosen_per_transaction_OID4VP_5_9_3(string deploymentDefault, string chosen)
    {
        using var app = new VerifierApp(deploymentDefault);
        using var api = app.ApiClient();
        var body = Api.Body();
        body["client_id_prefix"] = chosen;
        var created = await Api.CreateAsync(api, body);
        var byDefault = await Api.CreateAsync(api, Api.Body());

        var run = await Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        created["authorizationRequestUri"]!.GetValue<string>().Should().StartWith($"openid4vp://?client_id={chosen}%3A");
        byDefault["authorizationRequestUri"]!.GetValue<string>().Should().StartWith($"openid4vp://?client_id={deploymentDefault}%3A");
        run.Request.ClientId.Prefix.Should().Be(chosen, "the Request Object carries the transaction's client_id, bound to the same certificate");
        run.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        (await Wallet(app).RespondAsync(byDefault["authorizationRequestUri"]!.GetValue<string>())).Request.ClientId.Prefix.Should().Be(deploymentDefault);
    }

    [Fact]
    public async Task Key_binding_for_the_deployment_default_client_id_is_rejected_in_a_transaction_with_another_prefix_OID4VP_B_3_6()
    {
        using var app = new VerifierApp(ClientIdPrefixes.X509Hash);
        using var api = app.ApiClient();
        var body = Api.Body();
        body["client_id_prefix"] = ClientIdPrefixes.X509SanDns;
        var created = await Api.CreateAsync(api, body);
        var wallet = Wallet(app);
        var request = await wallet.FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());
        var hashClientId = ClientId.ForX509Hash(app.Services.GetRequiredService<Signing.RequestSigningCredentials>().SigningKey.CertificateChain[0]).Value;

        await wallet.RespondAsync(request, new WalletBehaviour { Audience = hashClientId });

        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(global::Wallet.Core.SdJwt.SdJwtErrorCodes.KeyBindingAudienceMismatch);
    }

    [Fact]
    public async Task Event_log_lists_each_step_without_personal_data()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        await Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var response = await api.GetAsync($"/api/presentations/{created["transactionId"]}/events");
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var types = JsonNode.Parse(text)!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToArray();
        types.Should().ContainInOrder("created", "request_fetched", "response_received", "validation_step", "verified");
        text.Should().NotContain(TestCredentials.GivenName).And.NotContain("Nordmann");
    }

    [Fact]
    public async Task Same_device_result_is_released_only_with_the_response_code_OID4VP_14_2()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(redirectUri: "https://rp.example/done?session=1"));
        var id = created["transactionId"]!.GetValue<string>();

        var run = await Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var redirect = run.Body!["redirect_uri"]!.GetValue<string>();
        redirect.Should().StartWith("https://rp.example/done?session=1#response_code=");
        var code = redirect[(redirect.IndexOf("#response_code=", StringComparison.Ordinal) + "#response_code=".Length)..];
        code.Length.Should().BeGreaterThanOrEqualTo(43, "at least 256 bits of randomness, base64url");
        (await Api.StatusAsync(api, id))["status"]!.GetValue<string>().Should().Be("pending");
        var wrong = await Api.StatusAsync(api, id, "AAAA" + code[4..]);
        wrong["status"]!.GetValue<string>().Should().Be("pending");
        wrong["credentials"]!.AsObject().Should().BeEmpty();
        (await Api.StatusAsync(api, id, code))["status"]!.GetValue<string>().Should().Be("verified");
    }

    [Fact]
    public async Task Cross_device_response_has_no_redirect_OID4VP_8_2()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());

        var run = await Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        run.Body!.AsObject().Should().BeEmpty();
        run.Response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_verifier()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"verifier-tests-{Guid.NewGuid():N}");
        string uri;
        string id;
        using (var first = new VerifierApp(dataDirectory: dataDirectory))
        {
            using var api = first.ApiClient();
            var created = await Api.CreateAsync(api, Api.Body());
            (uri, id) = (created["authorizationRequestUri"]!.GetValue<string>(), created["transactionId"]!.GetValue<string>());
        }

        using var second = new VerifierApp(dataDirectory: dataDirectory);
        using var api2 = second.ApiClient();
        (await Api.StatusAsync(api2, id))["status"]!.GetValue<string>().Should().Be("pending");
        (await Wallet(second).RespondAsync(uri)).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Api.StatusAsync(api2, id))["status"]!.GetValue<string>().Should().Be("verified");
    }

    [Fact]
    public async Task Request_object_carries_ephemeral_key_and_both_enc_values_HAIP_5()
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var first = await Wallet(app).FetchRequestAsync((await Api.CreateAsync(api, Api.Body()))["authorizationRequestUri"]!.GetValue<string>());
        var second = await Wallet(app).FetchRequestAsync((await Api.CreateAsync(api, Api.Body()))["authorizationRequestUri"]!.GetValue<string>());

        first.ClientMetadata.EncryptedResponseEncValuesSupported.Should().Equal(JweContentEncryption.A128GCM, JweContentEncryption.A256GCM);
        first.ClientMetadata.EncryptionKey!.HasSameKey(second.ClientMetadata.EncryptionKey!).Should().BeFalse("each request has its own ephemeral key");
        first.Nonce.Should().NotBe(second.Nonce);
        first.Nonce.Length.Should().BeGreaterThanOrEqualTo(43);
        first.ResponseUri.AbsoluteUri.Should().StartWith("https://verifier.example/oid4vp/response/");
    }

    internal static TestWallet Wallet(VerifierApp app, params HeldCredential[] credentials)
    {
        var holder = SigningKey.Generate();
        return new TestWallet(app.WalletClient(), app.RequestSigningRoot, app.Clock, credentials.Length > 0 ? credentials : [TestCredentials.IssuePid(holder)]);
    }
}
