using System.Text.Json.Nodes;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Trust;

namespace Wallet.Issuer.Tests;

/// <summary>Discovery documents (OpenID4VCI 1.0 §12.2, RFC 8414, HAIP 1.0 §4.1).</summary>
public sealed class MetadataTests : IssuerTestBase
{
    [Fact]
    public async Task Issuer_metadata_offers_pid_in_both_formats_with_scopes_nonce_endpoint_batch_and_display_HAIP_4_1()
    {
        var json = await Http.GetStringAsync("/.well-known/openid-credential-issuer");
        CredentialIssuerMetadata.TryParse(json, IssuerFactory.IssuerUrl, OpenId4VciLimits.Default, out var metadata, out var error).Should().BeTrue(error?.ToString());

        metadata!.NonceEndpoint.Should().Be(new Uri(IssuerFactory.IssuerUrl + "/nonce"));
        metadata.CredentialEndpoint.Should().Be(new Uri(IssuerFactory.IssuerUrl + "/credential"));
        metadata.BatchSize.Should().Be(5);
        metadata.Display.Select(d => d.Locale).Should().Equal("en", "nb");
        var sdJwt = metadata.CredentialConfigurations[SdJwtConfiguration];
        sdJwt.Format.Should().Be("dc+sd-jwt");
        sdJwt.Vct.Should().Be("urn:eudi:pid:1");
        sdJwt.CryptographicBindingMethods.Should().Equal("jwk");
        var mdoc = metadata.CredentialConfigurations[MdocConfiguration];
        mdoc.Format.Should().Be("mso_mdoc");
        mdoc.Doctype.Should().Be("eu.europa.ec.eudi.pid.1");
        mdoc.CryptographicBindingMethods.Should().Equal("cose_key");
        JsonNode.Parse(json)!["credential_configurations_supported"]![MdocConfiguration]!["credential_signing_alg_values_supported"]!.ToJsonString().Should().Be("[-7]");
        foreach (var configuration in metadata.CredentialConfigurations.Values)
        {
            configuration.Scope.Should().NotBeNullOrEmpty("HAIP 1.0 §4.1: every configuration has a scope");
            configuration.ProofSigningAlgorithms.Should().NotBeEmpty();
            configuration.Display.Select(d => d.Locale).Should().Equal("en", "nb");
            configuration.Claims.Should().Contain(c => c.Display.Any(d => d.Locale == "nb"));
        }

        json.Should().Contain("\"dc+sd-jwt\"", "the document is written without needless escapes");
    }

    [Fact]
    public async Task Authorization_server_metadata_lists_the_token_endpoint_dpop_algorithms_and_s256_RFC8414()
    {
        var metadata = JsonNode.Parse(await Http.GetStringAsync("/.well-known/oauth-authorization-server"))!;

        metadata["issuer"]!.GetValue<string>().Should().Be(IssuerFactory.IssuerUrl);
        metadata["token_endpoint"]!.GetValue<string>().Should().Be(IssuerFactory.IssuerUrl + "/token");
        metadata["dpop_signing_alg_values_supported"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain("ES256");
        metadata["code_challenge_methods_supported"]!.ToJsonString().Should().Be("""["S256"]""");
        metadata["grant_types_supported"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("authorization_code", PreAuthorizedCodeGrant.GrantType, "refresh_token");
        metadata["pushed_authorization_request_endpoint"]!.GetValue<string>().Should().Be(IssuerFactory.IssuerUrl + "/par");
        metadata["require_pushed_authorization_requests"]!.GetValue<bool>().Should().BeTrue();
        metadata["authorization_response_iss_parameter_supported"]!.GetValue<bool>().Should().BeTrue();
        metadata["pre-authorized_grant_anonymous_access_supported"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Jwt_vc_issuer_metadata_and_jwks_publish_the_signing_keys_with_their_chain_to_the_iaca()
    {
        var jwtVcIssuer = JsonNode.Parse(await Http.GetStringAsync("/.well-known/jwt-vc-issuer"))!;
        var jwks = JsonNode.Parse(await Http.GetStringAsync("/jwks"))!;

        jwtVcIssuer["issuer"]!.GetValue<string>().Should().Be(IssuerFactory.IssuerUrl);
        jwtVcIssuer["jwks"]!.ToJsonString().Should().Be(jwks.ToJsonString());
        var validator = new CredentialVerification(Factory, Http).ChainValidator;
        foreach (var key in jwks["keys"]!.AsArray())
        {
            key!["d"].Should().BeNull();
            var chain = key["x5c"]!.AsArray().Select(c => System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c!.GetValue<string>()))).ToList();
            validator.Validate(chain, CertificateUsage.SdJwtVcIssuer, Clock).IsValid.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Status_list_token_is_served_publicly_as_statuslist_jwt_after_first_issuance_TokenStatusList_8_1()
    {
        (await Http.GetAsync("/status-lists/1")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        var wallet = await AuthorizedWalletAsync(configurations: [SdJwtConfiguration]);
        await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, Keys(1)));

        var response = await Http.GetAsync("/status-lists/1");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/statuslist+jwt");
    }
}
