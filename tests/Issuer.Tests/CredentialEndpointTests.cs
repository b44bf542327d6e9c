using System.Net;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Issuer.Tests;

/// <summary>Credential endpoint rules (OpenID4VCI 1.0 §8, §8.3.1, RFC 9449 §7), each negatively.</summary>
public sealed class CredentialEndpointTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:CNonceLifetime"] = "00:01:00" })
{
    private static async Task ExpectAsync(HttpResponseMessage response, string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        (await TestWallet.ErrorAsync(response)).Should().Be(error, await response.Content.ReadAsStringAsync());
        response.StatusCode.Should().Be(status);
        if (status == HttpStatusCode.Unauthorized)
        {
            response.Headers.WwwAuthenticate.ToString().Should().StartWith("DPoP error=\"" + error + "\"");
        }
    }

    private string Request(string configuration, params string[] proofs) => new JsonObject
    {
        ["credential_configuration_id"] = configuration,
        ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(proofs.Select(p => (JsonNode)p).ToArray()) },
    }.ToJsonString();

    private string Proof(string nonce, string? audience = null, SigningKey? key = null) =>
        KeyProof.Create(key ?? SigningKey.Generate(), audience ?? IssuerFactory.IssuerUrl, Clock.GetUtcNow(), nonce);

    [Fact]
    public async Task Reused_c_nonce_is_invalid_nonce_OID4VCI_8_3_1_2()
    {
        var wallet = await AuthorizedWalletAsync();
        var nonce = await wallet.FetchCNonceAsync();
        (await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1), nonce)).StatusCode.Should().Be(HttpStatusCode.OK);

        await ExpectAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1), nonce), OpenId4VciErrors.InvalidNonce);
    }

    [Fact]
    public async Task Expired_or_unknown_c_nonce_is_invalid_nonce_OID4VCI_7_8_3_1_2()
    {
        var wallet = await AuthorizedWalletAsync();
        await ExpectAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1), "never-issued"), OpenId4VciErrors.InvalidNonce);

        var nonce = await wallet.FetchCNonceAsync();
        Clock.Advance(TimeSpan.FromSeconds(61));

        await ExpectAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1), nonce), OpenId4VciErrors.InvalidNonce);
    }

    public static TheoryData<string, string> RequestCases => new()
    {
        { "not-json", OpenId4VciErrors.InvalidCredentialRequest },
        { "json-array", OpenId4VciErrors.InvalidCredentialRequest },
        { "both-identifiers", OpenId4VciErrors.InvalidCredentialRequest },
        { "no-identifier", OpenId4VciErrors.InvalidCredentialRequest },
        { "credential-identifier", OpenId4VciErrors.UnknownCredentialIdentifier },
        { "unknown-configuration", OpenId4VciErrors.UnknownCredentialConfiguration },
        { "configuration-not-in-token", OpenId4VciErrors.InvalidCredentialRequest },
        { "no-proofs", OpenId4VciErrors.InvalidProof },
        { "legacy-proof", OpenId4VciErrors.InvalidProof },
        { "proof-wrong-audience", OpenId4VciErrors.InvalidProof },
        { "proof-without-nonce", OpenId4VciErrors.InvalidProof },
        { "proof-garbage", OpenId4VciErrors.InvalidProof },
        { "too-many-proofs", OpenId4VciErrors.InvalidProof },
        { "duplicate-key", OpenId4VciErrors.InvalidProof },
        { "response-encryption", OpenId4VciErrors.InvalidEncryptionParameters },
        { "text-plain", OpenId4VciErrors.InvalidCredentialRequest },
    };

    [Theory]
    [MemberData(nameof(RequestCases))]
    public async Task Invalid_credential_request_gets_its_OID4VCI_8_3_1_2_error(string scenario, string error)
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        var nonce = await wallet.FetchCNonceAsync();
        var key = SigningKey.Generate();
        var contentType = "application/json";
        var body = scenario switch
        {
            "not-json" => "{not json",
            "json-array" => "[]",
            "both-identifiers" => $$"""{"credential_configuration_id":"{{SdJwtConfiguration}}","credential_identifier":"x"}""",
            "no-identifier" => "{}",
            "credential-identifier" => new JsonObject { ["credential_identifier"] = "pid-1", ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(Proof(nonce)) } }.ToJsonString(),
            "unknown-configuration" => Request("UniversityDegree", Proof(nonce)),
            "configuration-not-in-token" => Request(MdocConfiguration, Proof(nonce)),
            "no-proofs" => $$"""{"credential_configuration_id":"{{SdJwtConfiguration}}"}""",
            "legacy-proof" => new JsonObject { ["credential_configuration_id"] = SdJwtConfiguration, ["proof"] = new JsonObject { ["proof_type"] = "jwt", ["jwt"] = Proof(nonce) } }.ToJsonString(),
            "proof-wrong-audience" => Request(SdJwtConfiguration, Proof(nonce, "https://other.test")),
            "proof-without-nonce" => Request(SdJwtConfiguration, KeyProof.Create(key, IssuerFactory.IssuerUrl, Clock.GetUtcNow(), null)),
            "proof-garbage" => Request(SdJwtConfiguration, "a.b.c"),
            "too-many-proofs" => Request(SdJwtConfiguration, [.. Enumerable.Range(0, 6).Select(_ => Proof(nonce))]),
            "duplicate-key" => Request(SdJwtConfiguration, Proof(nonce, key: key), Proof(nonce, key: key)),
            "response-encryption" => new JsonObject { ["credential_configuration_id"] = SdJwtConfiguration, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(Proof(nonce)) }, ["credential_response_encryption"] = new JsonObject { ["enc"] = "A128GCM" } }.ToJsonString(),
            "text-plain" => Request(SdJwtConfiguration, Proof(nonce)),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
        if (scenario == "text-plain")
        {
            contentType = "text/plain";
        }

        var response = await wallet.SendCredentialRequestAsync(body, contentType: contentType);

        await ExpectAsync(response, error);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task Nonce_is_not_consumed_by_a_request_that_fails_another_check()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        var nonce = await wallet.FetchCNonceAsync();
        await ExpectAsync(await wallet.SendCredentialRequestAsync(Request(SdJwtConfiguration, Proof(nonce, "https://other.test"))), OpenId4VciErrors.InvalidProof);

        (await wallet.SendCredentialRequestAsync(Request(SdJwtConfiguration, Proof(nonce)))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string, string> AccessCases => new()
    {
        { "no-authorization", OAuthErrors.InvalidToken },
        { "unknown-token", OAuthErrors.InvalidToken },
        { "expired-token", OAuthErrors.InvalidToken },
        { "bearer-downgrade", OAuthErrors.InvalidToken },
        { "no-dpop-proof", OAuthErrors.InvalidDpopProof },
        { "dpop-other-key", OAuthErrors.InvalidDpopProof },
        { "dpop-without-ath", OAuthErrors.InvalidDpopProof },
        { "dpop-wrong-htu", OAuthErrors.InvalidDpopProof },
        { "dpop-foreign-nonce", OAuthErrors.UseDpopNonce },
    };

    [Theory]
    [MemberData(nameof(AccessCases))]
    public async Task Access_token_and_dpop_rules_are_enforced_RFC6750_3_RFC9449_7(string scenario, string error)
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        var body = Request(SdJwtConfiguration, Proof(await wallet.FetchCNonceAsync()));
        var endpoint = wallet.Metadata!.CredentialEndpoint;
        var now = Clock.GetUtcNow();
        string? authorization = null;
        string? proof = null;
        switch (scenario)
        {
            case "no-authorization": authorization = string.Empty; break;
            case "unknown-token": authorization = "DPoP unknown-token"; proof = DpopProof.Create(wallet.DpopKey, "POST", endpoint, now, wallet.DpopNonce, "unknown-token"); break;
            case "expired-token": Clock.Advance(TimeSpan.FromMinutes(6)); break;
            case "bearer-downgrade": authorization = $"Bearer {wallet.AccessToken}"; break;
            case "no-dpop-proof": proof = string.Empty; break;
            case "dpop-other-key": proof = DpopProof.Create(SigningKey.Generate(), "POST", endpoint, now, wallet.DpopNonce, wallet.AccessToken); break;
            case "dpop-without-ath": proof = DpopProof.Create(wallet.DpopKey, "POST", endpoint, now, wallet.DpopNonce); break;
            case "dpop-wrong-htu": proof = DpopProof.Create(wallet.DpopKey, "POST", new Uri("https://issuer.test/token"), now, wallet.DpopNonce, wallet.AccessToken); break;
            case "dpop-foreign-nonce": Clock.Advance(TimeSpan.FromMinutes(4)); proof = DpopProof.Create(wallet.DpopKey, "POST", endpoint, Clock.GetUtcNow(), "c3RhbGUtbm9uY2Utc3RhbGUtbm9uY2Utc3Q", wallet.AccessToken); break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        HttpResponseMessage response;
        if (proof == string.Empty || authorization == string.Empty)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            if (authorization != string.Empty)
            {
                request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {wallet.AccessToken}");
            }

            if (proof != string.Empty)
            {
                request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(wallet.DpopKey, "POST", endpoint, now, wallet.DpopNonce, wallet.AccessToken));
            }

            response = await Http.SendAsync(request);
        }
        else
        {
            response = await wallet.SendCredentialRequestAsync(body, proof, authorization);
        }

        await ExpectAsync(response, error, HttpStatusCode.Unauthorized);
        if (error == OAuthErrors.UseDpopNonce)
        {
            response.Headers.GetValues(DpopProof.NonceHeaderName).Should().ContainSingle();
        }
    }

    [Fact]
    public async Task Replayed_dpop_proof_at_the_credential_endpoint_is_rejected_RFC9449_11_1()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        var proof = DpopProof.Create(wallet.DpopKey, "POST", wallet.Metadata!.CredentialEndpoint, Clock.GetUtcNow(), wallet.DpopNonce, wallet.AccessToken);
        (await wallet.SendCredentialRequestAsync(Request(SdJwtConfiguration, Proof(await wallet.FetchCNonceAsync())), proof)).StatusCode.Should().Be(HttpStatusCode.OK);

        var replay = await wallet.SendCredentialRequestAsync(Request(SdJwtConfiguration, Proof(await wallet.FetchCNonceAsync())), proof);

        await ExpectAsync(replay, OAuthErrors.InvalidDpopProof, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Access_token_may_be_used_for_each_offered_configuration_OID4VCI_3_3_2()
    {
        var wallet = await AuthorizedWalletAsync();

        (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1)))).Should().ContainSingle();
        (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(MdocConfiguration, Keys(1)))).Should().ContainSingle();
    }
}
