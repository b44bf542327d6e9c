using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Client;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Trust;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Tests;

/// <summary>Signed Credential Issuer Metadata, OpenID4VCI 1.0 §12.2.3 (checklist §5.10 item 41) and HAIP 1.0 §4.1 (item 14).</summary>
public sealed class SignedMetadataTests : IssuerTestBase
{
    [Fact]
    public async Task Signed_metadata_is_a_typed_jwt_with_x5c_to_the_root_and_sub_iat_12_2_3()
    {
        var document = await DocumentAsync();

        CompactJws.TryParse(document["signed_metadata"]!.GetValue<string>(), out var jws, out _).Should().BeTrue();
        jws!.Type.Should().Be("openidvci-issuer-metadata+jwt");
        jws.Algorithm.Should().Be("ES256");
        jws.Payload.GetProperty("sub").GetString().Should().Be(IssuerFactory.IssuerUrl);
        jws.Payload.GetProperty("iat").GetInt64().Should().Be(Clock.GetUtcNow().ToUnixTimeSeconds());
        SignedIssuerMetadata.TryVerify(jws.Raw, IssuerFactory.IssuerUrl, IssuerTrust(), Clock.GetUtcNow(), out _, out var error).Should().BeTrue(error?.ToString());
    }

    [Fact]
    public async Task Signed_values_equal_the_unsigned_metadata_12_2_3()
    {
        var document = await DocumentAsync();

        SignedIssuerMetadata.TryVerify(document["signed_metadata"]!.GetValue<string>(), IssuerFactory.IssuerUrl, IssuerTrust(), Clock.GetUtcNow(), out var signed, out _).Should().BeTrue();
        document.Remove("signed_metadata");
        JsonNode.DeepEquals(signed, document).Should().BeTrue($"signed {signed!.ToJsonString()} vs unsigned {document.ToJsonString()}");
    }

    [Fact]
    public async Task Tampered_payload_fails_the_signature_check()
    {
        var jwt = (await DocumentAsync())["signed_metadata"]!.GetValue<string>();

        var error = Verify(Tamper(jwt)!);

        error!.Code.Should().Be(OpenId4VciErrorCodes.SignedMetadataSignatureInvalid);
    }

    [Fact]
    public async Task Signer_outside_the_wallets_anchors_is_untrusted_haip_4_1()
    {
        var jwt = (await DocumentAsync())["signed_metadata"]!.GetValue<string>();
        using var otherRoot = DevelopmentCertificates.CreateRootCa(Clock.GetUtcNow().AddMinutes(-5), "Some other root");

        var error = Verify(jwt, new X509ChainValidator(TrustAnchorStore.FromCertificates([otherRoot])));

        error!.Code.Should().Be(OpenId4VciErrorCodes.SignedMetadataUntrusted);
    }

    [Fact]
    public async Task Metadata_fetched_for_another_identifier_is_a_sub_mismatch_12_2_3()
    {
        var jwt = (await DocumentAsync())["signed_metadata"]!.GetValue<string>();

        var error = Verify(jwt, expectedIssuer: "https://other.example");

        error!.Code.Should().Be(OpenId4VciErrorCodes.SignedMetadataSubjectMismatch);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("openidvci-issuer-metadata")]
    public void Other_typ_is_refused_12_2_3(string type)
    {
        var payload = new JsonObject { ["sub"] = IssuerFactory.IssuerUrl, ["iat"] = Clock.GetUtcNow().ToUnixTimeSeconds(), ["credential_issuer"] = IssuerFactory.IssuerUrl };
        var jwt = JwsWriter.Sign(Signer(), type, payload.ToJsonString(), includeCertificateChain: true);

        Verify(jwt)!.Code.Should().Be(OpenId4VciErrorCodes.SignedMetadataMalformed);
    }

    [Fact]
    public void Passed_exp_is_refused_12_2_3()
    {
        var payload = new JsonObject { ["sub"] = IssuerFactory.IssuerUrl, ["iat"] = Clock.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds(), ["exp"] = Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds() };
        var jwt = JwsWriter.Sign(Signer(), SignedIssuerMetadata.JwtType, payload.ToJsonString(), includeCertificateChain: true);

        Verify(jwt)!.Code.Should().Be(OpenId4VciErrorCodes.SignedMetadataExpired);
    }

    [Fact]
    public void Missing_iat_is_refused_12_2_3()
    {
        var payload = new JsonObject { ["sub"] = IssuerFactory.IssuerUrl };
        var jwt = JwsWriter.Sign(Signer(), SignedIssuerMetadata.JwtType, payload.ToJsonString(), includeCertificateChain: true);

        Verify(jwt)!.Code.Should().Be(OpenId4VciErrorCodes.SignedMetadataMalformed);
    }

    [Fact]
    public async Task Wallet_client_with_issuer_trust_verifies_and_uses_the_signed_metadata()
    {
        var client = new OpenId4VciClient(Http, new WalletClientOptions { TimeProvider = Clock, IssuerMetadataTrust = IssuerTrust(), RequireSignedIssuerMetadata = true }, new InMemoryCredentialStore());

        var issuer = await client.LoadIssuerAsync(IssuerFactory.IssuerUrl);

        issuer.Metadata.CredentialConfigurations.Should().ContainKey(SdJwtConfiguration);
        issuer.Metadata.NotificationEndpoint.Should().NotBeNull();
    }

    [Fact]
    public async Task Wallet_client_rejects_tampered_signed_metadata()
    {
        using var http = new HttpClient(new RewritingHandler(Factory.Server.CreateHandler(), Tamper)) { BaseAddress = new Uri(IssuerFactory.IssuerUrl) };
        var client = new OpenId4VciClient(http, new WalletClientOptions { TimeProvider = Clock, IssuerMetadataTrust = IssuerTrust() }, new InMemoryCredentialStore());

        var act = () => client.LoadIssuerAsync(IssuerFactory.IssuerUrl);

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        (error.Step, error.Error).Should().Be((WalletSteps.Metadata, OpenId4VciErrorCodes.SignedMetadataSignatureInvalid));
    }

    [Fact]
    public async Task Wallet_client_that_requires_signed_metadata_refuses_metadata_without_it()
    {
        using var http = new HttpClient(new RewritingHandler(Factory.Server.CreateHandler(), _ => null)) { BaseAddress = new Uri(IssuerFactory.IssuerUrl) };
        var client = new OpenId4VciClient(http, new WalletClientOptions { TimeProvider = Clock, IssuerMetadataTrust = IssuerTrust(), RequireSignedIssuerMetadata = true }, new InMemoryCredentialStore());

        var act = () => client.LoadIssuerAsync(IssuerFactory.IssuerUrl);

        (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error.Error.Should().Be(OpenId4VciErrorCodes.SignedMetadataMalformed);
    }

    private async Task<JsonObject> DocumentAsync() => JsonNode.Parse(await Http.GetStringAsync("/.well-known/openid-credential-issuer"))!.AsObject();

    private X509ChainValidator IssuerTrust() =>
        new(TrustAnchorStore.FromCertificates([Factory.Services.GetRequiredService<IIssuerKeys>().RootCertificate]));

    private SigningKey Signer() => Factory.Services.GetRequiredService<IIssuerKeys>().CredentialSigner;

    private Core.VerificationError? Verify(string jwt, ICertificateChainValidator? trust = null, string expectedIssuer = IssuerFactory.IssuerUrl)
    {
        SignedIssuerMetadata.TryVerify(jwt, expectedIssuer, trust ?? IssuerTrust(), Clock.GetUtcNow(), out _, out var error);
        return error;
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // The payload's credential_endpoint is pointed elsewhere; header and signature stay.
    private static string? Tamper(string? jwt)
    {
        var parts = jwt!.Split('.');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/')))))!;
        payload["credential_endpoint"] = "https://attacker.example/credential";
        return $"{parts[0]}.{Base64Url(payload.ToJsonString())}.{parts[2]}";
    }

    private static string Pad(string s) => s + new string('=', (4 - (s.Length % 4)) % 4);

    /// <summary>Rewrites the signed_metadata of the issuer metadata response (null removes it).</summary>
    private sealed class RewritingHandler(HttpMessageHandler inner, Func<string?, string?> rewrite) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath != "/.well-known/openid-credential-issuer")
            {
                return response;
            }

            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            var rewritten = rewrite(document["signed_metadata"]?.GetValue<string>());
            document.Remove("signed_metadata");
            if (rewritten is not null)
            {
                document["signed_metadata"] = rewritten;
            }

            response.Content = new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json");
            return response;
        }
    }
}
