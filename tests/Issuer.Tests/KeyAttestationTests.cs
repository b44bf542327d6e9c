using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Client;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Key attestations at the Credential Endpoint (OpenID4VCI 1.0 Appendix D, F.1, F.3; HAIP 1.0 §4.5.1), with the PID
/// configurations requiring <c>iso_18045_high</c> key storage and user authentication: metadata, Wallet.Client end to
/// end with both proof types, and the refusals on the wire.
/// </summary>
public sealed class KeyAttestationTests : IssuerTestBase
{
    private static readonly X509Certificate2 ProviderRoot = DevelopmentCertificates.CreateRootCa(DateTimeOffset.UtcNow.AddDays(-2), "Key Attestation Test Wallet Provider Root", pathLength: 0);
    private static readonly SigningKey Provider = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(ProviderRoot, DateTimeOffset.UtcNow.AddDays(-1), "Key Attestation Test Wallet Provider"));
    private static readonly string[] High = [AttackPotentialResistance.Iso18045High];

    public KeyAttestationTests()
        : base(Settings())
    {
    }

    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?> { ["Issuer:WalletProviderTrustAnchors:0"] = AnchorFile() };
        foreach (var id in new[] { SdJwtConfiguration, MdocConfiguration })
        {
            settings[$"Issuer:CredentialConfigurations:{id}:KeyAttestationsRequired:KeyStorage:0"] = AttackPotentialResistance.Iso18045High;
            settings[$"Issuer:CredentialConfigurations:{id}:KeyAttestationsRequired:UserAuthentication:0"] = AttackPotentialResistance.Iso18045High;
        }

        return settings;
    }

    private static string AnchorFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "issuer-tests", "key-attestation-provider-root.pem");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, DevelopmentCertificates.ExportCertificatePem(ProviderRoot));
        return path;
    }

    private OpenId4VciClient Client(InMemoryCredentialStore store, bool attestationProofType = false, bool attester = true) => new(Http, new WalletClientOptions
    {
        TimeProvider = Clock,
        KeyAttester = attester ? new DevelopmentWalletProvider(Provider).AttestKeys : null,
        UseAttestationProofType = attestationProofType,
        SendNotifications = false,
    }, store);

    private async Task<(OpenId4VciClient Client, IssuanceSession Session, InMemoryCredentialStore Store)> SessionAsync(bool attestationProofType = false, bool attester = true)
    {
        var created = await CreateOfferAsync(new { personId = "kari-nordmann", credentialConfigurationIds = new[] { SdJwtConfiguration, MdocConfiguration } });
        var store = new InMemoryCredentialStore();
        var client = Client(store, attestationProofType, attester);
        var offer = await client.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        var session = await client.RedeemPreAuthorizedCodeAsync(offer, null);
        return (client, session, store);
    }

    [Fact]
    public async Task Pid_configurations_announce_key_attestations_required_for_jwt_and_attestation_proofs_OID4VCI_12_2_4()
    {
        var metadata = JsonNode.Parse(await Http.GetStringAsync("/.well-known/openid-credential-issuer"))!;

        foreach (var id in new[] { SdJwtConfiguration, MdocConfiguration })
        {
            var proofTypes = metadata["credential_configurations_supported"]![id]!["proof_types_supported"]!;
            foreach (var type in new[] { "jwt", "attestation" })
            {
                var required = proofTypes[type]!["key_attestations_required"]!;
                required["key_storage"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("iso_18045_high");
                required["user_authentication"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("iso_18045_high");
            }
        }
    }

    [Fact]
    public async Task Wallet_client_gets_a_batch_bound_to_its_attested_keys_with_a_jwt_proof_OID4VCI_F_1_HAIP_4_5_1()
    {
        var (client, session, _) = await SessionAsync();

        var credentials = await client.RequestCredentialsAsync(session, SdJwtConfiguration, count: 3);

        credentials.Should().HaveCount(3, "every attested key gets its own credential (Appendix F.1)");
        credentials.Select(c => c.HolderKey.PublicJwk.ComputeThumbprintBase64Url()).Should().OnlyHaveUniqueItems();
        var mdoc = await client.RequestCredentialsAsync(session, MdocConfiguration);
        mdoc.Should().ContainSingle();
    }

    [Fact]
    public async Task Wallet_client_gets_credentials_with_the_attestation_proof_type_OID4VCI_F_3()
    {
        var (client, session, _) = await SessionAsync(attestationProofType: true);

        var credentials = await client.RequestCredentialsAsync(session, SdJwtConfiguration, count: 2);

        credentials.Should().HaveCount(2);
        credentials.Select(c => c.HolderKey.PublicJwk.ComputeThumbprintBase64Url()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Wallet_without_a_key_attester_cannot_request_the_pid_OID4VCI_12_2_4()
    {
        var (client, session, _) = await SessionAsync(attester: false);

        var act = () => client.RequestCredentialsAsync(session, SdJwtConfiguration);

        (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error.Error.Should().Be(WalletClientErrors.KeyAttestationUnavailable);
    }

    [Fact]
    public async Task Proof_without_key_attestation_is_invalid_proof_naming_the_check_OID4VCI_F_1()
    {
        var wallet = await AuthorizedWalletAsync();

        var response = await wallet.RequestCredentialsAsync(SdJwtConfiguration, [SigningKey.Generate()]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["error"]!.GetValue<string>().Should().Be(OpenId4VciErrors.InvalidProof);
        body["error_description"]!.GetValue<string>().Should().Contain("key_attestation");
    }

    [Fact]
    public async Task Key_attestation_at_moderate_key_storage_is_invalid_proof_OID4VCI_D_2()
    {
        var wallet = await AuthorizedWalletAsync();
        var nonce = await wallet.FetchCNonceAsync();
        var holder = SigningKey.Generate();
        var attestation = KeyAttestation.Create(Provider, [holder.PublicJwk], Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(1), nonce, [AttackPotentialResistance.Iso18045Moderate], High);
        var body = new JsonObject { ["credential_configuration_id"] = SdJwtConfiguration, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(KeyProof.CreateWithKeyAttestation(holder, IssuerFactory.IssuerUrl, Clock.GetUtcNow(), nonce, null, attestation)) } };

        var response = await wallet.SendCredentialRequestAsync(body.ToJsonString());

        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        error["error"]!.GetValue<string>().Should().Be(OpenId4VciErrors.InvalidProof);
        error["error_description"]!.GetValue<string>().Should().Contain("key_storage");
    }

    [Fact]
    public async Task Key_attestation_from_an_untrusted_wallet_provider_is_invalid_proof_HAIP_4_5_1()
    {
        var wallet = await AuthorizedWalletAsync();
        var nonce = await wallet.FetchCNonceAsync();
        var otherRoot = DevelopmentCertificates.CreateRootCa(DateTimeOffset.UtcNow.AddDays(-2), "Unknown Wallet Provider Root", pathLength: 0);
        var stranger = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(otherRoot, DateTimeOffset.UtcNow.AddDays(-1), "Unknown Wallet Provider"));
        var attestation = KeyAttestation.Create(stranger, [SigningKey.Generate().PublicJwk], Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(1), nonce, High, High);
        var body = new JsonObject { ["credential_configuration_id"] = SdJwtConfiguration, ["proofs"] = new JsonObject { ["attestation"] = new JsonArray(attestation) } };

        var response = await wallet.SendCredentialRequestAsync(body.ToJsonString());

        (await TestWallet.ErrorAsync(response)).Should().Be(OpenId4VciErrors.InvalidProof);
    }

    [Fact]
    public async Task Key_attestation_of_more_keys_than_batch_size_is_invalid_proof_OID4VCI_12_2_4()
    {
        var wallet = await AuthorizedWalletAsync();
        var nonce = await wallet.FetchCNonceAsync();
        var keys = Enumerable.Range(0, 6).Select(_ => SigningKey.Generate().PublicJwk).ToList();
        var attestation = KeyAttestation.Create(Provider, keys, Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(1), nonce, High, High);
        var body = new JsonObject { ["credential_configuration_id"] = SdJwtConfiguration, ["proofs"] = new JsonObject { ["attestation"] = new JsonArray(attestation) } };

        var response = await wallet.SendCredentialRequestAsync(body.ToJsonString());

        (await TestWallet.ErrorAsync(response)).Should().Be(OpenId4VciErrors.InvalidProof, "the issuer's batch_size is 5");
    }

    [Fact]
    public async Task Attestation_proof_whose_nonce_was_not_issued_is_invalid_nonce_OID4VCI_F_3()
    {
        var wallet = await AuthorizedWalletAsync();
        var attestation = KeyAttestation.Create(Provider, [SigningKey.Generate().PublicJwk], Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(1), "never-issued", High, High);
        var body = new JsonObject { ["credential_configuration_id"] = SdJwtConfiguration, ["proofs"] = new JsonObject { ["attestation"] = new JsonArray(attestation) } };

        var response = await wallet.SendCredentialRequestAsync(body.ToJsonString());

        (await TestWallet.ErrorAsync(response)).Should().Be(OpenId4VciErrors.InvalidNonce);
    }
}
