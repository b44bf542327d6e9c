using System.Net;
using System.Text;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Issuer.Tests;

/// <summary>Token endpoint rules (OpenID4VCI 1.0 §6, RFC 6749 §5.2, RFC 9449 §5, §8), each negatively.</summary>
public sealed class TokenEndpointTests : IssuerTestBase
{
    private async Task<TestWallet> WalletWithOfferAsync(bool txCode = false)
    {
        var created = await CreateOfferAsync(new { personId = "kari-nordmann", txCode });
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        TxCode = created["txCode"]?.GetValue<string>();
        OfferId = created["offerId"]!.GetValue<string>();
        return wallet;
    }

    private string? TxCode { get; set; }

    private string? OfferId { get; set; }

    private static async Task ExpectErrorAsync(HttpResponseMessage response, string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        (await TestWallet.ErrorAsync(response)).Should().Be(error, await response.Content.ReadAsStringAsync());
        response.StatusCode.Should().Be(status);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task First_request_without_dpop_nonce_gets_use_dpop_nonce_and_does_not_burn_the_code_RFC9449_8()
    {
        var wallet = await WalletWithOfferAsync();

        var first = await wallet.SendTokenRequestAsync();

        await ExpectErrorAsync(first, OAuthErrors.UseDpopNonce);
        first.Headers.GetValues(DpopProof.NonceHeaderName).Should().ContainSingle();
        (await wallet.SendTokenRequestAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reused_pre_authorized_code_is_invalid_grant_OID4VCI_6_3()
    {
        var wallet = await WalletWithOfferAsync();
        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);

        await ExpectErrorAsync(await wallet.SendTokenRequestAsync(), OAuthErrors.InvalidGrant);
    }

    [Fact]
    public async Task Unknown_pre_authorized_code_is_invalid_grant_OID4VCI_6_3()
    {
        var wallet = await WalletWithOfferAsync();
        await wallet.RequestTokenAsync(code: "not-a-code");

        await ExpectErrorAsync(await wallet.SendTokenRequestAsync(code: "not-a-code"), OAuthErrors.InvalidGrant);
    }

    [Fact]
    public async Task Expired_pre_authorized_code_is_invalid_grant_OID4VCI_4_1_1()
    {
        var wallet = await WalletWithOfferAsync();
        Clock.Advance(TimeSpan.FromMinutes(11));

        var response = await wallet.RequestTokenAsync();

        await ExpectErrorAsync(response, OAuthErrors.InvalidGrant);
    }

    [Fact]
    public async Task Missing_tx_code_is_invalid_request_and_unexpected_tx_code_is_invalid_request_OID4VCI_6_3()
    {
        var withCode = await WalletWithOfferAsync(txCode: true);
        await ExpectErrorAsync(await withCode.RequestTokenAsync(), OAuthErrors.InvalidRequest);

        var withoutCode = await WalletWithOfferAsync();
        await ExpectErrorAsync(await withoutCode.RequestTokenAsync("123456"), OAuthErrors.InvalidRequest);
    }

    [Fact]
    public async Task Wrong_tx_code_beyond_the_attempt_limit_invalidates_the_code_OID4VCI_6_3()
    {
        var wallet = await WalletWithOfferAsync(txCode: true);
        var correct = TxCode!;
        var wrong = correct == "000000" ? "111111" : "000000";

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await ExpectErrorAsync(await wallet.RequestTokenAsync(wrong), OAuthErrors.InvalidGrant);
        }

        var afterLimit = await wallet.RequestTokenAsync(correct);

        await ExpectErrorAsync(afterLimit, OAuthErrors.InvalidGrant);
        (await Http.GetAsync($"/credential-offers/{OfferId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "an invalidated offer is no longer served");
    }

    [Fact]
    public async Task Correct_tx_code_after_one_wrong_attempt_is_accepted_once_OID4VCI_6_1()
    {
        var wallet = await WalletWithOfferAsync(txCode: true);
        var wrong = TxCode == "000000" ? "111111" : "000000";
        await ExpectErrorAsync(await wallet.RequestTokenAsync(wrong), OAuthErrors.InvalidGrant);

        (await wallet.RequestTokenAsync(TxCode)).StatusCode.Should().Be(HttpStatusCode.OK);
        await ExpectErrorAsync(await wallet.RequestTokenAsync(TxCode), OAuthErrors.InvalidGrant);
    }

    [Fact]
    public async Task Replayed_dpop_proof_is_rejected_RFC9449_11_1()
    {
        var wallet = await WalletWithOfferAsync();
        await wallet.SendTokenRequestAsync();
        var proof = DpopProof.Create(wallet.DpopKey, "POST", wallet.TokenEndpoint!, Clock.GetUtcNow(), wallet.DpopNonce);
        (await wallet.SendTokenRequestAsync(dpopProof: proof)).StatusCode.Should().Be(HttpStatusCode.OK);

        await ExpectErrorAsync(await wallet.SendTokenRequestAsync(dpopProof: proof), OAuthErrors.InvalidDpopProof);
    }

    public static TheoryData<string> DpopCases => ["missing", "other-htu", "get-method", "old-iat", "not-a-jwt", "wrong-typ"];

    [Theory]
    [MemberData(nameof(DpopCases))]
    public async Task Invalid_dpop_proof_is_invalid_dpop_proof_RFC9449_4_3(string scenario)
    {
        var wallet = await WalletWithOfferAsync();
        await wallet.SendTokenRequestAsync();
        var now = Clock.GetUtcNow();
        var proof = scenario switch
        {
            "missing" => null,
            "other-htu" => DpopProof.Create(wallet.DpopKey, "POST", new Uri("https://issuer.test/credential"), now, wallet.DpopNonce),
            "get-method" => DpopProof.Create(wallet.DpopKey, "GET", wallet.TokenEndpoint!, now, wallet.DpopNonce),
            "old-iat" => DpopProof.Create(wallet.DpopKey, "POST", wallet.TokenEndpoint!, now.AddMinutes(-10), wallet.DpopNonce),
            "not-a-jwt" => "garbage",
            "wrong-typ" => KeyProof.Create(wallet.DpopKey, IssuerFactory.IssuerUrl, now, wallet.DpopNonce),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        HttpResponseMessage response;
        if (proof is null)
        {
            var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = PreAuthorizedCodeGrant.GrantType, ["pre-authorized_code"] = wallet.Offer!.PreAuthorizedCode!.PreAuthorizedCode });
            response = await Http.PostAsync(wallet.TokenEndpoint, content);
        }
        else
        {
            response = await wallet.SendTokenRequestAsync(dpopProof: proof);
        }

        await ExpectErrorAsync(response, OAuthErrors.InvalidDpopProof);
        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK, "a rejected proof does not burn the code");
    }

    [Theory]
    [InlineData("grant_type=authorization_code&code=x", OAuthErrors.InvalidRequest)]
    [InlineData("grant_type=password&username=a&password=b", OAuthErrors.UnsupportedGrantType)]
    [InlineData("grant_type=client_credentials", OAuthErrors.UnsupportedGrantType)]
    [InlineData("pre-authorized_code=x", OAuthErrors.InvalidRequest)]
    [InlineData("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&grant_type=x", OAuthErrors.InvalidRequest)]
    [InlineData("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code", OAuthErrors.InvalidRequest)]
    public async Task Malformed_token_request_gets_the_RFC6749_error(string form, string error)
    {
        var wallet = await WalletWithOfferAsync();
        await wallet.SendTokenRequestAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, wallet.TokenEndpoint) { Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded") };
        request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(wallet.DpopKey, "POST", wallet.TokenEndpoint!, Clock.GetUtcNow(), wallet.DpopNonce));

        await ExpectErrorAsync(await Http.SendAsync(request), error);
    }

    [Fact]
    public async Task Json_token_request_is_invalid_request_RFC6749_4_1_3()
    {
        var response = await Http.PostAsync("/token", new StringContent("{\"grant_type\":\"x\"}", Encoding.UTF8, "application/json"));

        await ExpectErrorAsync(response, OAuthErrors.InvalidRequest);
    }
}

/// <summary>With DPoP switched off, the token is a plain bearer token.</summary>
public sealed class BearerTokenTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:RequireDpop"] = "false" })
{
    [Fact]
    public async Task Token_request_without_dpop_gets_a_bearer_token_usable_only_as_bearer_RFC6750()
    {
        var created = await CreateOfferAsync(new { personId = "kari-nordmann", credentialConfigurationIds = new[] { SdJwtConfiguration } });
        var wallet = new TestWallet(Http, Clock);
        var offer = await wallet.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = PreAuthorizedCodeGrant.GrantType, ["pre-authorized_code"] = offer.PreAuthorizedCode!.PreAuthorizedCode });

        var response = await Http.PostAsync(wallet.TokenEndpoint, form);

        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["token_type"]!.GetValue<string>().Should().Be("Bearer");
        var token = body["access_token"]!.GetValue<string>();
        var nonce = await wallet.FetchCNonceAsync();
        var request = new System.Text.Json.Nodes.JsonObject
        {
            ["credential_configuration_id"] = SdJwtConfiguration,
            ["proofs"] = new System.Text.Json.Nodes.JsonObject { ["jwt"] = new System.Text.Json.Nodes.JsonArray(KeyProof.Create(SigningKey.Generate(), IssuerFactory.IssuerUrl, Clock.GetUtcNow(), nonce)) },
        }.ToJsonString();
        (await wallet.SendCredentialRequestAsync(request, authorization: $"DPoP {token}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TestWallet.CredentialsAsync(await wallet.SendCredentialRequestAsync(request, authorization: $"Bearer {token}"))).Should().ContainSingle();
    }
}
