using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Trust;

namespace Wallet.Issuer.Tests;

/// <summary>Wallet Attestation client authentication at the token endpoint (HAIP 1.0 §4.4.1, ABCA -10), the default.</summary>
public sealed class WalletAttestationTests : IssuerTestBase
{
    private const string ClientId = "https://wallet.example/app";
    private static readonly X509Certificate2 ProviderRoot = DevelopmentCertificates.CreateRootCa(DateTimeOffset.UtcNow.AddDays(-2), "Test Wallet Provider Root", pathLength: 0);
    private static readonly SigningKey Provider = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(ProviderRoot, DateTimeOffset.UtcNow.AddDays(-1), "Test Wallet Provider"));

    public WalletAttestationTests()
        : base(new Dictionary<string, string?>
        {
            ["Issuer:RequireWalletAttestation"] = "true",
            ["Issuer:WalletProviderTrustAnchors:0"] = AnchorFile(),
        })
    {
    }

    private static string AnchorFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "issuer-tests", "wallet-provider-root.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, DevelopmentCertificates.ExportCertificatePem(ProviderRoot));
        return path;
    }

    private async Task<TestWallet> WalletAsync(SigningKey? provider = null)
    {
        var created = await CreateOfferAsync(new { personId = "kari-nordmann", credentialConfigurationIds = new[] { SdJwtConfiguration } });
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        var instance = SigningKey.Generate();
        wallet.Attestation = (ClientAttestation.Create(provider ?? Provider, ClientId, instance.PublicJwk, Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(1)), instance);
        return wallet;
    }

    [Fact]
    public async Task Attested_wallet_gets_a_token_and_its_proofs_may_name_the_client_HAIP_4_4_1()
    {
        var wallet = await WalletAsync();
        wallet.ClientId = ClientId;

        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        var nonce = await wallet.FetchCNonceAsync();
        var holder = SigningKey.Generate();
        var body = new JsonObject { ["credential_configuration_id"] = SdJwtConfiguration, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(KeyProof.Create(holder, IssuerFactory.IssuerUrl, Clock.GetUtcNow(), nonce, ClientId)) } };

        var credentials = await TestWallet.CredentialsAsync(await wallet.SendCredentialRequestAsync(body.ToJsonString()));

        (await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credentials.Single(), holder)).Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Proof_naming_another_client_is_invalid_proof_OID4VCI_F_1()
    {
        var wallet = await WalletAsync();
        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        var nonce = await wallet.FetchCNonceAsync();
        var body = new JsonObject { ["credential_configuration_id"] = SdJwtConfiguration, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(KeyProof.Create(SigningKey.Generate(), IssuerFactory.IssuerUrl, Clock.GetUtcNow(), nonce, "other-client")) } };

        var response = await wallet.SendCredentialRequestAsync(body.ToJsonString());

        (await TestWallet.ErrorAsync(response)).Should().Be(OpenId4VciErrors.InvalidProof);
    }

    [Fact]
    public async Task Token_request_without_attestation_is_invalid_client_HAIP_4_4_1()
    {
        var wallet = await WalletAsync();
        wallet.Attestation = null;

        var response = await wallet.RequestTokenAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TestWallet.ErrorAsync(response)).Should().Be(OAuthErrors.InvalidClient);
    }

    [Fact]
    public async Task Attestation_from_an_untrusted_wallet_provider_is_invalid_client_and_keeps_the_code_HAIP_4_4_1()
    {
        using var otherRoot = DevelopmentCertificates.CreateRootCa(Clock.GetUtcNow().AddDays(-1), "Unknown Provider Root", pathLength: 0);
        var wallet = await WalletAsync(DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(otherRoot, Clock.GetUtcNow().AddDays(-1), "Unknown Provider")));

        var response = await wallet.RequestTokenAsync();

        (await TestWallet.ErrorAsync(response)).Should().Be(OAuthErrors.InvalidClient);
        var trusted = await WalletAsync();
        trusted.AdoptOfferOf(wallet);
        (await trusted.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK, "client authentication runs before the code is redeemed");
    }

    [Fact]
    public async Task Pushed_request_needs_the_same_wallet_attestation_as_the_token_endpoint_HAIP_4_3()
    {
        var form = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = ClientId,
            ["redirect_uri"] = "https://wallet.example/cb",
            ["code_challenge"] = Pkce.ComputeChallenge(Pkce.CreateVerifier()),
            ["code_challenge_method"] = "S256",
            ["scope"] = SdJwtConfiguration,
        };
        var anonymous = await Http.PostAsync("/par", new FormUrlEncodedContent(form));
        var instance = SigningKey.Generate();
        using var attested = new HttpRequestMessage(HttpMethod.Post, "/par") { Content = new FormUrlEncodedContent(form) };
        attested.Headers.Add(ClientAttestation.HeaderName, ClientAttestation.Create(Provider, ClientId, instance.PublicJwk, Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(1)));
        attested.Headers.Add(ClientAttestation.PopHeaderName, ClientAttestation.CreatePop(instance, IssuerFactory.IssuerUrl, Clock.GetUtcNow()));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TestWallet.ErrorAsync(anonymous)).Should().Be(OAuthErrors.InvalidClient);
        (await Http.SendAsync(attested)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Client_id_other_than_the_attestation_subject_is_invalid_client_ABCA_7_5()
    {
        var wallet = await WalletAsync();
        wallet.ClientId = "someone-else";

        (await TestWallet.ErrorAsync(await wallet.RequestTokenAsync())).Should().Be(OAuthErrors.InvalidClient);
    }

    [Fact]
    public async Task Authorization_server_metadata_announces_attestation_and_no_anonymous_access_ABCA_7_6()
    {
        var metadata = JsonNode.Parse(await Http.GetStringAsync("/.well-known/oauth-authorization-server"))!;

        metadata["pre-authorized_grant_anonymous_access_supported"]!.GetValue<bool>().Should().BeFalse();
        metadata["token_endpoint_auth_methods_supported"]!.ToJsonString().Should().Be("""["attest_jwt_client_auth"]""");
        metadata["client_attestation_pop_signing_alg_values_supported"]!.AsArray().Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("/par", 0)]
    [InlineData("/par", 1)]
    [InlineData("/token", 0)]
    [InlineData("/token", 1)]
    public async Task Attestation_whose_decoded_json_holds_invalid_utf8_is_invalid_client_HAIP_4_4_1(string path, int jwt)
    {
        // Issue 10, defect 2: the attestation's x5c / the PoP's jti used to throw in GetString().
        var hostile = Wallet.Tests.Hostile.HostileRequests.InvalidUtf8Jwts[jwt].Jwt;
        var form = path == "/par"
            ? new Dictionary<string, string> { ["response_type"] = "code", ["client_id"] = ClientId, ["redirect_uri"] = "https://wallet.example/cb", ["code_challenge"] = Pkce.ComputeChallenge(Pkce.CreateVerifier()), ["code_challenge_method"] = "S256", ["scope"] = SdJwtConfiguration }
            : new Dictionary<string, string> { ["grant_type"] = PreAuthorizedCodeGrant.GrantType, ["pre-authorized_code"] = "unknown", ["client_id"] = ClientId };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation(ClientAttestation.HeaderName, hostile);
        request.Headers.TryAddWithoutValidation(ClientAttestation.PopHeaderName, hostile);

        var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
        (await TestWallet.ErrorAsync(response)).Should().Be(OAuthErrors.InvalidClient);
    }
}
