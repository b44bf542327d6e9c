using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Core.Tests.OpenId4Vci;

/// <summary>Credential Issuer Metadata (OpenID4VCI 1.0 §12.2.4).</summary>
public sealed class CredentialIssuerMetadataTests
{
    private static string Vector(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "oid4vci", name));

    [Fact]
    public void Spec_metadata_parses_with_nonce_endpoint_batch_size_and_sd_jwt_configuration_OID4VCI_12_2_4()
    {
        CredentialIssuerMetadata.TryParse(Vector("credential_issuer_metadata_sd_jwt_long.json"), "https://credential-issuer.example.com", OpenId4VciLimits.Default, out var metadata, out var error).Should().BeTrue(error?.ToString());

        metadata!.CredentialEndpoint.Should().Be(new Uri("https://credential-issuer.example.com/credential"));
        metadata.NonceEndpoint.Should().Be(new Uri("https://credential-issuer.example.com/nonce"));
        metadata.BatchSize.Should().Be(10);
        metadata.AuthorizationServers.Should().Equal("https://server.example.com");
        metadata.Display.Select(d => d.Locale).Should().Equal("en-US", "fr-FR");
        var configuration = metadata.CredentialConfigurations["SD_JWT_VC_example_in_OpenID4VCI"];
        configuration.Format.Should().Be(CredentialFormats.DcSdJwt);
        configuration.Vct.Should().NotBeNullOrEmpty();
        configuration.RequiresKeyBinding.Should().BeTrue();
        configuration.ProofSigningAlgorithms.Should().Contain(JwsAlgorithm.ES256);
        configuration.KeyAttestationsRequired.Should().BeEquivalentTo(new KeyAttestationRequirement { KeyStorage = ["iso_18045_moderate"], UserAuthentication = ["iso_18045_moderate"] }, "the spec example requires moderate key storage and user authentication (Sec. 12.2.4)");
        configuration.SupportsAttestationProof.Should().BeFalse();
        configuration.Claims.Should().NotBeEmpty();

        // The example's encryption parameters (its jwks in the pre-errata bare-array form), with kid "ac" and enc A128GCM.
        metadata.RequestEncryption!.Keys.Should().ContainSingle().Which.KeyId.Should().Be("ac");
        metadata.RequestEncryption.ContentEncryptions.Should().Equal(JweContentEncryption.A128GCM);
        metadata.RequestEncryption.EncryptionRequired.Should().BeTrue();
        metadata.ResponseEncryption!.Algorithms.Should().Equal("ECDH-ES");
        metadata.ResponseEncryption.EncryptionRequired.Should().BeTrue();
    }

    [Fact]
    public void Metadata_fetched_for_another_identifier_must_not_be_used_OID4VCI_12_2_4()
    {
        CredentialIssuerMetadata.TryParse(Vector("credential_issuer_metadata_sd_jwt_long.json"), "https://credential-issuer.example.com/", OpenId4VciLimits.Default, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(OpenId4VciErrorCodes.MetadataIssuerMismatch);
    }

    [Fact]
    public void Built_metadata_round_trips_with_mdoc_cose_algorithm_ids_OID4VCI_A_2()
    {
        var metadata = new CredentialIssuerMetadata
        {
            CredentialIssuer = "https://pid.example.no",
            CredentialEndpoint = new Uri("https://pid.example.no/credential"),
            NonceEndpoint = new Uri("https://pid.example.no/nonce"),
            BatchSize = 5,
            Display = [new CredentialDisplay { Name = "PID Issuer", Locale = "en" }, new CredentialDisplay { Name = "PID-utsteder", Locale = "nb" }],
            CredentialConfigurations = new Dictionary<string, CredentialConfiguration>
            {
                ["pid_mdoc"] = new()
                {
                    Format = CredentialFormats.MsoMdoc,
                    Doctype = "eu.europa.ec.eudi.pid.1",
                    Scope = "pid_mdoc",
                    CredentialSigningAlgorithms = [JwsAlgorithm.ES256],
                    CryptographicBindingMethods = ["cose_key"],
                    ProofSigningAlgorithms = [JwsAlgorithm.ES256],
                    Claims = [new ClaimDescription(ClaimPath.Of("eu.europa.ec.eudi.pid.1", "family_name"), true, [new ClaimDisplay("Family name", "en"), new ClaimDisplay("Etternavn", "nb")])],
                },
            },
        };

        var json = metadata.ToJsonObject();
        json["credential_configurations_supported"]!["pid_mdoc"]!["credential_signing_alg_values_supported"]!.ToJsonString().Should().Be("[-7]");
        CredentialIssuerMetadata.TryParse(json.ToJsonString(), "https://pid.example.no", OpenId4VciLimits.Default, out var parsed, out var error).Should().BeTrue(error?.ToString());

        var configuration = parsed!.CredentialConfigurations["pid_mdoc"];
        configuration.CredentialSigningAlgorithms.Should().Equal(JwsAlgorithm.ES256);
        configuration.Scope.Should().Be("pid_mdoc");
        configuration.Claims.Single().Display.Should().Equal(new ClaimDisplay("Family name", "en"), new ClaimDisplay("Etternavn", "nb"));
        parsed.BatchSize.Should().Be(5);
    }

    [Theory]
    [InlineData("""{"credential_endpoint":"https://i.example/c","credential_configurations_supported":{}}""", OpenId4VciErrorCodes.MetadataMalformed)]
    [InlineData("""{"credential_issuer":"https://i.example","credential_configurations_supported":{}}""", OpenId4VciErrorCodes.MetadataMalformed)]
    [InlineData("""{"credential_issuer":"https://i.example","credential_endpoint":"http://i.example/c","credential_configurations_supported":{}}""", OpenId4VciErrorCodes.MetadataMalformed)]
    [InlineData("""{"credential_issuer":"https://i.example","credential_endpoint":"https://i.example/c"}""", OpenId4VciErrorCodes.MetadataMalformed)]
    [InlineData("""{"credential_issuer":"https://i.example","credential_endpoint":"https://i.example/c","batch_credential_issuance":{"batch_size":1},"credential_configurations_supported":{}}""", OpenId4VciErrorCodes.MetadataMalformed)]
    [InlineData("""{"credential_issuer":"https://i.example","credential_endpoint":"https://i.example/c","credential_configurations_supported":{"x":{}}}""", OpenId4VciErrorCodes.MetadataMalformed)]
    [InlineData("""{"credential_issuer":"https://i.example","credential_endpoint":"https://i.example/c","credential_configurations_supported":{"x":{"format":"dc+sd-jwt","credential_metadata":{"claims":[{"path":["a"]},{"path":["a"]}]}}}}""", OpenId4VciErrorCodes.MetadataClaimsConflict)]
    public void Malformed_metadata_is_rejected_OID4VCI_12_2_4_and_B_3(string json, string code)
    {
        CredentialIssuerMetadata.TryParse(json, "https://i.example", OpenId4VciLimits.Default, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(code);
    }
}
