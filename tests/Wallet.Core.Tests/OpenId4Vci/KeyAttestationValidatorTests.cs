using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.OpenId4Vci;

/// <summary>
/// Key attestations (OpenID4VCI 1.0 Appendix D.1, D.2) in the <c>key_attestation</c> header of <c>jwt</c> proofs
/// (Appendix F.1) and as the <c>attestation</c> proof type (Appendix F.3), profiled by HAIP 1.0 §4.5.1: every check
/// negatively, with its code.
/// </summary>
public sealed class KeyAttestationValidatorTests
{
    private const string Issuer = "https://pid.example.no";
    private const string Nonce = "c-nonce-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly X509Certificate2 ProviderRoot = DevelopmentCertificates.CreateRootCa(Now.AddDays(-2), "Test Wallet Provider Root", pathLength: 0);
    private static readonly SigningKey Provider = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(ProviderRoot, Now.AddDays(-1), "Test Wallet Provider"));
    private static readonly string[] High = [AttackPotentialResistance.Iso18045High];
    private static readonly KeyAttestationRequirement HighRequired = new() { KeyStorage = High, UserAuthentication = High };

    private readonly SigningKey _holder = SigningKey.Generate();
    private readonly List<string> _consumed = [];

    private ValueTask<bool> Consume(string nonce, CancellationToken cancellationToken)
    {
        _consumed.Add(nonce);
        return ValueTask.FromResult(nonce == Nonce);
    }

    private static KeyAttestationValidator AttestationValidator(ITokenStatusChecker? status = null, JwsAlgorithmPolicy? policy = null) => new(new KeyAttestationValidatorOptions
    {
        TrustValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([ProviderRoot], name: "wallet provider")),
        StatusChecker = status,
        TimeProvider = new FakeTimeProvider(Now),
        AlgorithmPolicy = policy ?? JwsAlgorithmPolicy.Default,
    });

    private static KeyProofValidator ProofValidator(KeyAttestationRequirement? required = null, ITokenStatusChecker? status = null, int maxKeys = 10) => new(new KeyProofValidatorOptions
    {
        CredentialIssuer = Issuer,
        TimeProvider = new FakeTimeProvider(Now),
        KeyAttestations = AttestationValidator(status),
        KeyAttestationsRequired = required,
        MaxHolderKeys = maxKeys,
    });

    private static string Attest(IReadOnlyList<PublicJwk> keys, string? nonce = Nonce, SigningKey? signer = null, DateTimeOffset? expiresAt = null, string[]? keyStorage = null, string[]? userAuthentication = null, StatusListReference? status = null, bool noExpiry = false) =>
        KeyAttestation.Create(signer ?? Provider, keys, Now, noExpiry ? null : expiresAt ?? Now.AddHours(1), nonce, keyStorage ?? High, userAuthentication ?? High, status);

    private static string Sign(JsonObject header, JsonObject payload, SigningKey? signer = null)
    {
        static string B64(string json) => Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(json));
        var input = $"{B64(header.ToJsonString())}.{B64(payload.ToJsonString())}";
        var signature = (signer ?? Provider).Key.SignData(Encoding.ASCII.GetBytes(input), System.Security.Cryptography.HashAlgorithmName.SHA256);
        return $"{input}.{Base64UrlStrict.Encode(signature)}";
    }

    private static JsonObject Header(string typ = KeyAttestation.Type, string alg = "ES256") => new()
    {
        ["typ"] = typ,
        ["alg"] = alg,
        ["x5c"] = new JsonArray(Provider.CertificateChain.Select(c => (JsonNode)Convert.ToBase64String(c.RawData)).ToArray()),
    };

    private Task<KeyAttestationValidationResult> ValidateAsync(string attestation, KeyAttestationRequirement? required = null, string? nonce = Nonce, bool requireExpiry = true, ITokenStatusChecker? status = null) =>
        AttestationValidator(status).ValidateAsync(attestation, new KeyAttestationExpectations { Requirement = required, Nonce = nonce, RequireExpiry = requireExpiry }).AsTask();

    [Fact]
    public async Task Spec_example_claims_are_read_as_stated_OID4VCI_D_1()
    {
        // The payload of the Appendix D.1 example, verbatim (its times moved to now, since the example's exp has passed).
        var payload = JsonNode.Parse("""
            {
              "iss": "<identifier of the issuer of this key attestation>",
              "iat": 1516247022,
              "exp": 1541493724,
              "key_storage": [ "iso_18045_moderate" ],
              "user_authentication": [ "iso_18045_moderate" ],
              "attested_keys": [
                {
                  "kty": "EC",
                  "crv": "P-256",
                  "x": "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc",
                  "y": "ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ"
                }
              ]
            }
            """)!.AsObject();
        payload["iat"] = Now.ToUnixTimeSeconds();
        payload["exp"] = Now.AddHours(1).ToUnixTimeSeconds();

        var result = await ValidateAsync(Sign(Header(), payload), new KeyAttestationRequirement { KeyStorage = ["iso_18045_moderate"] }, nonce: null, requireExpiry: true, status: null);

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(OpenId4VciErrorCodes.KeyAttestationNonceMismatch, "the example has no nonce, which an issuer with a Nonce Endpoint requires (F.1)");
        var relaxed = await AttestationValidator().ValidateAsync(Sign(Header(), payload), new KeyAttestationExpectations { RequireNonce = false });
        relaxed.Errors.Should().BeEmpty();
        relaxed.Attestation!.KeyStorage.Should().Equal("iso_18045_moderate");
        relaxed.Attestation.UserAuthentication.Should().Equal("iso_18045_moderate");
        Base64UrlStrict.Encode(relaxed.Attestation.AttestedKeys.Single().X.Span).Should().Be("TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc");
        Base64UrlStrict.Encode(relaxed.Attestation.AttestedKeys.Single().Y.Span).Should().Be("ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ");
    }

    [Fact]
    public async Task Created_attestation_is_typed_carries_x5c_without_the_anchor_and_verifies_OID4VCI_D_1_HAIP_4_5_1()
    {
        var attestation = Attest([_holder.PublicJwk]);

        var result = await ValidateAsync(attestation, HighRequired);

        result.Errors.Should().BeEmpty();
        CompactJws.TryParse(attestation, out var jws, out _).Should().BeTrue();
        jws!.Type.Should().Be("key-attestation+jwt");
        jws.Header.GetProperty("x5c").GetArrayLength().Should().Be(1, "the trust anchor's certificate is not in x5c (HAIP 1.0 Sec. 4.5.1)");
        result.Attestation!.AttestedKeys.Single().HasSameKey(_holder.PublicJwk).Should().BeTrue();
        result.Attestation.ExpiresAt.Should().Be(Now.AddHours(1));
        result.Attestation.Nonce.Should().Be(Nonce);
    }

    [Fact]
    public async Task Attestation_signed_by_another_key_than_its_x5c_leaf_is_rejected_OID4VCI_D_1()
    {
        var other = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(ProviderRoot, Now.AddDays(-1), "Test Wallet Provider"));
        var payload = JsonNode.Parse(CompactJwsPayload(Attest([_holder.PublicJwk])))!.AsObject();

        var result = await ValidateAsync(Sign(Header(), payload, signer: other));

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationSignatureInvalid);
    }

    [Fact]
    public async Task Attestation_from_a_provider_outside_the_trust_anchors_is_untrusted_HAIP_4_5_1()
    {
        var otherRoot = DevelopmentCertificates.CreateRootCa(Now.AddDays(-2), "Other Wallet Provider Root", pathLength: 0);
        var stranger = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(otherRoot, Now.AddDays(-1), "Other Wallet Provider"));

        var result = await ValidateAsync(Attest([_holder.PublicJwk], signer: stranger));

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationUntrusted);
    }

    [Fact]
    public async Task Attestation_signed_by_a_self_signed_certificate_is_untrusted_HAIP_4_5_1()
    {
        var selfSigned = DevelopmentCertificates.ToSigningKey(ProviderRoot);

        var result = await ValidateAsync(Attest([_holder.PublicJwk], signer: selfSigned));

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationUntrusted);
    }

    [Fact]
    public async Task Attestation_without_x5c_is_untrusted_HAIP_4_5_1()
    {
        var header = Header();
        header.Remove("x5c");
        var payload = JsonNode.Parse(CompactJwsPayload(Attest([_holder.PublicJwk])))!.AsObject();

        var result = await ValidateAsync(Sign(header, payload));

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationUntrusted);
    }

    [Fact]
    public async Task Expired_attestation_is_rejected_OID4VCI_D_1()
    {
        var result = await ValidateAsync(Attest([_holder.PublicJwk], expiresAt: Now.AddMinutes(-5)));

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationExpired);
    }

    [Fact]
    public async Task Attestation_in_a_jwt_proof_without_exp_is_rejected_OID4VCI_D_1()
    {
        var attestation = Attest([_holder.PublicJwk], noExpiry: true);

        (await ValidateAsync(attestation)).Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationExpiryMissing);
        (await ValidateAsync(attestation, requireExpiry: false)).Errors.Should().BeEmpty("exp is optional for the attestation proof type");
    }

    [Theory]
    [InlineData("other-nonce")]
    [InlineData(null)]
    public async Task Attestation_whose_nonce_is_not_the_c_nonce_is_rejected_OID4VCI_F_1(string? nonce)
    {
        var result = await ValidateAsync(Attest([_holder.PublicJwk], nonce: nonce));

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationNonceMismatch);
    }

    [Fact]
    public async Task Attestation_below_the_required_key_storage_is_rejected_OID4VCI_D_2()
    {
        var result = await ValidateAsync(Attest([_holder.PublicJwk], keyStorage: [AttackPotentialResistance.Iso18045Moderate]), HighRequired);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationKeyStorageInsufficient);
    }

    [Fact]
    public async Task Attestation_below_the_required_user_authentication_is_rejected_OID4VCI_D_2()
    {
        var result = await ValidateAsync(Attest([_holder.PublicJwk], userAuthentication: [AttackPotentialResistance.Iso18045Basic]), HighRequired);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationUserAuthenticationInsufficient);
    }

    [Fact]
    public async Task Attestation_without_levels_fails_both_required_levels_OID4VCI_12_2_4()
    {
        var attestation = KeyAttestation.Create(Provider, [_holder.PublicJwk], Now, Now.AddHours(1), Nonce);

        var result = await ValidateAsync(attestation, HighRequired);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationKeyStorageInsufficient, OpenId4VciErrorCodes.KeyAttestationUserAuthenticationInsufficient);
    }

    [Theory]
    [InlineData(TokenStatus.Invalid)]
    [InlineData(TokenStatus.Suspended)]
    public async Task Revoked_or_suspended_attestation_is_rejected_OID4VCI_D_1(TokenStatus status)
    {
        var reference = new StatusListReference(7, new Uri("https://wallet-provider.example/status/1"));
        var checker = new FixedStatusChecker(TokenStatusCheckResult.Checked((byte)status));

        var result = await ValidateAsync(Attest([_holder.PublicJwk], status: reference), status: checker);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationRevoked);
        checker.Checked.Should().Equal(reference);
    }

    [Fact]
    public async Task Attestation_with_a_valid_status_is_accepted_and_one_whose_status_cannot_be_read_is_refused_OID4VCI_D_1()
    {
        var attestation = Attest([_holder.PublicJwk], status: new StatusListReference(7, new Uri("https://wallet-provider.example/status/1")));

        (await ValidateAsync(attestation, status: new FixedStatusChecker(TokenStatusCheckResult.Checked((byte)TokenStatus.Valid)))).Errors.Should().BeEmpty();
        (await ValidateAsync(attestation, status: new FixedStatusChecker(TokenStatusCheckResult.Failed([new("status.fetch_failed", "unreachable")])))).Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationStatusUnchecked);
        (await ValidateAsync(attestation, status: null)).Errors.Select(e => e.Code).Should().Equal(new[] { OpenId4VciErrorCodes.KeyAttestationStatusUnchecked }, "without a checker the issuer fails closed");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    public async Task Attestation_with_alg_none_or_a_MAC_is_rejected_OID4VCI_D_1(string alg)
    {
        var payload = JsonNode.Parse(CompactJwsPayload(Attest([_holder.PublicJwk])))!.AsObject();

        var result = await ValidateAsync(Sign(Header(alg: alg), payload));

        result.Errors.Select(e => e.Code).Should().Contain(OpenId4VciErrorCodes.KeyAttestationAlgorithmNotAllowed);
    }

    [Fact]
    public async Task Attestation_with_another_typ_is_rejected_OID4VCI_D_1()
    {
        var payload = JsonNode.Parse(CompactJwsPayload(Attest([_holder.PublicJwk])))!.AsObject();

        var result = await ValidateAsync(Sign(Header(typ: "jwt"), payload));

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationTypeInvalid);
    }

    [Theory]
    [InlineData("attested_keys", "[]")]
    [InlineData("attested_keys", "\"not-an-array\"")]
    [InlineData("iat", "\"yesterday\"")]
    [InlineData("key_storage", "[]")]
    [InlineData("nonce", "42")]
    public async Task Attestation_with_malformed_claims_is_rejected_OID4VCI_D_1(string claim, string json)
    {
        var payload = JsonNode.Parse(CompactJwsPayload(Attest([_holder.PublicJwk])))!.AsObject();
        payload[claim] = JsonNode.Parse(json);

        var result = await ValidateAsync(Sign(Header(), payload), nonce: null);

        result.Errors.Select(e => e.Code).Should().Contain(OpenId4VciErrorCodes.KeyAttestationMalformed);
    }

    [Fact]
    public async Task Attested_key_with_a_private_member_is_rejected_OID4VCI_D_1()
    {
        var payload = JsonNode.Parse(CompactJwsPayload(Attest([_holder.PublicJwk])))!.AsObject();
        payload["attested_keys"]![0]!["d"] = "c2VjcmV0";

        var result = await ValidateAsync(Sign(Header(), payload));

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationMalformed);
    }

    [Fact]
    public async Task Jwt_proof_with_key_attestation_yields_every_attested_key_in_order_OID4VCI_F_1()
    {
        SigningKey[] keys = [_holder, SigningKey.Generate(), SigningKey.Generate()];
        var proof = KeyProof.CreateWithKeyAttestation(_holder, Issuer, Now, Nonce, null, Attest([.. keys.Select(k => k.PublicJwk)]));

        var result = await ProofValidator(HighRequired).ValidateAsync([proof], Consume);

        result.Errors.Should().BeEmpty();
        result.HolderKeys.Select(k => k.ComputeThumbprintBase64Url()).Should().Equal(keys.Select(k => k.PublicJwk.ComputeThumbprintBase64Url()));
        result.KeyAttestations.Should().ContainSingle();
        _consumed.Should().Equal(Nonce);
    }

    [Fact]
    public async Task Jwt_proof_signed_by_a_key_that_is_not_attested_is_rejected_OID4VCI_D_1_F_1()
    {
        var proof = KeyProof.CreateWithKeyAttestation(_holder, Issuer, Now, Nonce, null, Attest([SigningKey.Generate().PublicJwk]));

        var result = await ProofValidator(HighRequired).ValidateAsync([proof], Consume);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.ProofKeyNotAttested);
        result.WireError.Should().Be(OpenId4VciErrors.InvalidProof);
        _consumed.Should().BeEmpty("a refused request does not burn the c_nonce");
    }

    [Fact]
    public async Task Jwt_proof_without_key_attestation_is_rejected_when_the_configuration_requires_one_OID4VCI_12_2_4()
    {
        var result = await ProofValidator(HighRequired).ValidateAsync([KeyProof.Create(_holder, Issuer, Now, Nonce)], Consume);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationMissing);
        (await ProofValidator().ValidateAsync([KeyProof.Create(_holder, Issuer, Now, Nonce)], Consume)).Errors.Should().BeEmpty("without key_attestations_required a plain proof is enough");
    }

    [Fact]
    public async Task Key_attestation_header_whose_nonce_differs_from_the_proof_nonce_is_rejected_OID4VCI_F_1()
    {
        var proof = KeyProof.CreateWithKeyAttestation(_holder, Issuer, Now, Nonce, null, Attest([_holder.PublicJwk], nonce: "stale-nonce"));

        var result = await ProofValidator(HighRequired).ValidateAsync([proof], Consume);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationNonceMismatch);
    }

    [Fact]
    public async Task Attestation_proof_type_binds_every_attested_key_and_consumes_its_nonce_OID4VCI_F_3()
    {
        PublicJwk[] keys = [SigningKey.Generate().PublicJwk, SigningKey.Generate().PublicJwk];

        var result = await ProofValidator(HighRequired).ValidateAttestationAsync(Attest(keys, noExpiry: true), Consume);

        result.Errors.Should().BeEmpty();
        result.HolderKeys.Should().HaveCount(2);
        _consumed.Should().Equal(Nonce);
    }

    [Fact]
    public async Task Attestation_proof_type_needs_the_c_nonce_in_the_attestation_OID4VCI_F_3()
    {
        (await ProofValidator(HighRequired).ValidateAttestationAsync(Attest([_holder.PublicJwk], nonce: null), Consume)).Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationNonceMismatch);
        var unknown = await ProofValidator(HighRequired).ValidateAttestationAsync(Attest([_holder.PublicJwk], nonce: "unknown"), Consume);
        unknown.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.ProofNonceInvalid);
        unknown.WireError.Should().Be(OpenId4VciErrors.InvalidNonce);
    }

    [Fact]
    public async Task Attestation_of_more_keys_than_the_batch_size_is_rejected_OID4VCI_12_2_4()
    {
        PublicJwk[] keys = [.. Enumerable.Range(0, 3).Select(_ => SigningKey.Generate().PublicJwk)];

        var result = await ProofValidator(HighRequired, maxKeys: 2).ValidateAttestationAsync(Attest(keys), Consume);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationTooManyKeys);
        _consumed.Should().BeEmpty();
    }

    [Fact]
    public async Task Revoked_attestation_in_a_jwt_proof_is_invalid_proof_OID4VCI_D_1()
    {
        var proof = KeyProof.CreateWithKeyAttestation(_holder, Issuer, Now, Nonce, null, Attest([_holder.PublicJwk], status: new StatusListReference(1, new Uri("https://wallet-provider.example/status/1"))));

        var result = await ProofValidator(HighRequired, new FixedStatusChecker(TokenStatusCheckResult.Checked((byte)TokenStatus.Invalid))).ValidateAsync([proof], Consume);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.KeyAttestationRevoked);
        result.WireError.Should().Be(OpenId4VciErrors.InvalidProof);
    }

    [Fact]
    public void Attestation_proof_type_carries_exactly_one_attestation_OID4VCI_8_2_F_3()
    {
        var one = Encoding.UTF8.GetBytes(new JsonObject { ["credential_configuration_id"] = "pid", ["proofs"] = new JsonObject { ["attestation"] = new JsonArray(Attest([_holder.PublicJwk])) } }.ToJsonString());
        var two = Encoding.UTF8.GetBytes("""{"credential_configuration_id":"pid","proofs":{"attestation":["a.b.c","d.e.f"]}}""");

        CredentialRequest.TryParse(one, out var request, out _).Should().BeTrue();
        request!.AttestationProof.Should().NotBeNull();
        request.JwtProofs.Should().BeEmpty();
        CredentialRequest.TryParse(two, out _, out var error).Should().BeFalse();
        error!.Code.Should().Be(OpenId4VciErrorCodes.ProofsInvalid);
    }

    [Fact]
    public void Metadata_announces_key_attestations_required_for_both_proof_types_OID4VCI_12_2_4()
    {
        var configuration = new CredentialConfiguration
        {
            Format = CredentialFormats.DcSdJwt,
            CryptographicBindingMethods = ["jwk"],
            ProofSigningAlgorithms = [JwsAlgorithm.ES256],
            KeyAttestationsRequired = HighRequired,
            SupportsAttestationProof = true,
        };

        var json = configuration.ToJsonObject()["proof_types_supported"]!;

        JsonNode.DeepEquals(json, JsonNode.Parse("""
            {
              "jwt": { "proof_signing_alg_values_supported": ["ES256"], "key_attestations_required": { "key_storage": ["iso_18045_high"], "user_authentication": ["iso_18045_high"] } },
              "attestation": { "proof_signing_alg_values_supported": ["ES256"], "key_attestations_required": { "key_storage": ["iso_18045_high"], "user_authentication": ["iso_18045_high"] } }
            }
            """)).Should().BeTrue(json.ToJsonString());
    }

    private static string CompactJwsPayload(string jwt)
    {
        Base64UrlStrict.TryDecode(jwt.Split('.')[1], out var bytes).Should().BeTrue();
        return Encoding.UTF8.GetString(bytes);
    }

    private sealed class FixedStatusChecker(TokenStatusCheckResult result) : ITokenStatusChecker
    {
        public List<StatusListReference> Checked { get; } = [];

        public ValueTask<TokenStatusCheckResult> CheckAsync(StatusListReference reference, CancellationToken cancellationToken = default)
        {
            Checked.Add(reference);
            return ValueTask.FromResult(result);
        }
    }
}
