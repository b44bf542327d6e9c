using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.OpenId4Vci;

/// <summary>The <c>jwt</c> key proof (OpenID4VCI 1.0 Appendix F.1): the spec example, round trips, and every check negatively.</summary>
public sealed class KeyProofValidatorTests
{
    private const string Issuer = "https://pid.example.no";
    private const string Nonce = "c-nonce-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly SigningKey _holder = SigningKey.Generate();
    private readonly List<string> _consumed = [];

    private ValueTask<bool> Consume(string nonce, CancellationToken cancellationToken)
    {
        _consumed.Add(nonce);
        return ValueTask.FromResult(nonce == Nonce);
    }

    private static KeyProofValidator Validator(string issuer = Issuer, long? now = null, JwsAlgorithmPolicy? policy = null) => new(new KeyProofValidatorOptions
    {
        CredentialIssuer = issuer,
        TimeProvider = now is { } seconds ? new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(seconds)) : new FakeTimeProvider(Now),
        AlgorithmPolicy = policy ?? JwsAlgorithmPolicy.Default,
    });

    [Fact]
    public async Task Appendix_F1_example_proof_verifies_with_its_jwk_OID4VCI_F_1()
    {
        var vector = Vectors.Load("oid4vci", "appendix-F1-jwt-proof.json");
        var proof = vector["proofs"]!["jwt"]![0]!.GetValue<string>();
        var expected = vector["expected_payload"]!;
        var validator = Validator(expected["aud"]!.GetValue<string>(), expected["iat"]!.GetValue<long>());

        var result = await validator.ValidateAsync([proof], (n, _) => ValueTask.FromResult(n == expected["nonce"]!.GetValue<string>()));

        result.Errors.Should().BeEmpty();
        result.HolderKeys.Should().ContainSingle().Which.ComputeThumbprintBase64Url().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Created_batch_of_proofs_yields_each_holder_key_in_order_and_consumes_the_nonce_once_OID4VCI_8_2()
    {
        SigningKey[] keys = [SigningKey.Generate(), SigningKey.Generate(), SigningKey.Generate()];
        var proofs = keys.Select(k => KeyProof.Create(k, Issuer, Now, Nonce)).ToList();

        var result = await Validator().ValidateAsync(proofs, Consume);

        result.Errors.Should().BeEmpty();
        result.HolderKeys.Select(k => k.ComputeThumbprintBase64Url()).Should().Equal(keys.Select(k => k.PublicJwk.ComputeThumbprintBase64Url()));
        _consumed.Should().Equal(Nonce);
        CompactJws.TryParse(proofs[0], JoseLimits.Default, out var jws, out _).Should().BeTrue();
        jws!.Type.Should().Be("openid4vci-proof+jwt");
        jws.Payload.TryGetProperty("iss", out _).Should().BeFalse("an anonymous pre-authorized flow omits iss (Appendix F.1)");
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "not-a-jwt", OpenId4VciErrorCodes.ProofMalformed },
        { "typ-jwt", OpenId4VciErrorCodes.ProofTypeInvalid },
        { "typ-missing", OpenId4VciErrorCodes.ProofTypeInvalid },
        { "alg-none", OpenId4VciErrorCodes.ProofAlgorithmNotAllowed },
        { "alg-hs256", OpenId4VciErrorCodes.ProofAlgorithmNotAllowed },
        { "no-key-reference", OpenId4VciErrorCodes.ProofKeyReferenceInvalid },
        { "jwk-and-kid", OpenId4VciErrorCodes.ProofKeyReferenceInvalid },
        { "kid-only", OpenId4VciErrorCodes.ProofKeyReferenceUnsupported },
        { "x5c-only", OpenId4VciErrorCodes.ProofKeyReferenceUnsupported },
        { "jwk-not-ec", OpenId4VciErrorCodes.ProofJwkInvalid },
        { "jwk-private", OpenId4VciErrorCodes.ProofJwkPrivate },
        { "jwk-other-curve", OpenId4VciErrorCodes.ProofJwkInvalid },
        { "signed-by-other-key", OpenId4VciErrorCodes.ProofSignatureInvalid },
        { "aud-missing", OpenId4VciErrorCodes.ProofAudienceInvalid },
        { "aud-other-issuer", OpenId4VciErrorCodes.ProofAudienceInvalid },
        { "iat-missing", OpenId4VciErrorCodes.ProofIatMissing },
        { "iat-too-old", OpenId4VciErrorCodes.ProofIatTooOld },
        { "iat-in-future", OpenId4VciErrorCodes.ProofIatInFuture },
        { "iss-other-client", OpenId4VciErrorCodes.ProofIssuerMismatch },
        { "nonce-missing", OpenId4VciErrorCodes.ProofNonceMissing },
        { "nonce-unknown", OpenId4VciErrorCodes.ProofNonceInvalid },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_failed_check_is_reported_with_its_code_and_wire_error_OID4VCI_F_1_and_8_3_1_2(string scenario, string expectedCode)
    {
        var header = new JsonObject { ["typ"] = KeyProof.Type, ["alg"] = "ES256", ["jwk"] = _holder.PublicJwk.ToJsonObject() };
        var payload = new JsonObject { ["aud"] = Issuer, ["iat"] = Now.ToUnixTimeSeconds(), ["nonce"] = Nonce };
        var signer = _holder;
        string? clientId = null;
        string? raw = null;
        switch (scenario)
        {
            case "not-a-jwt": raw = "eyJhbGciOiJFUzI1NiJ9"; break;
            case "typ-jwt": header["typ"] = "JWT"; break;
            case "typ-missing": header.Remove("typ"); break;
            case "alg-none": header["alg"] = "none"; break;
            case "alg-hs256": header["alg"] = "HS256"; break;
            case "no-key-reference": header.Remove("jwk"); break;
            case "jwk-and-kid": header["kid"] = "k1"; break;
            case "kid-only": header.Remove("jwk"); header["kid"] = "did:example:123#1"; break;
            case "x5c-only": header.Remove("jwk"); header["x5c"] = new JsonArray("MIIB"); break;
            case "jwk-not-ec": header["jwk"] = new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }; break;
            case "jwk-private": header["jwk"] = TestJwt.PrivateJwk(_holder); break;
            case "jwk-other-curve": header["jwk"] = SigningKey.Generate(JwsAlgorithm.ES384).PublicJwk.ToJsonObject(); break;
            case "signed-by-other-key": signer = SigningKey.Generate(); break;
            case "aud-missing": payload.Remove("aud"); break;
            case "aud-other-issuer": payload["aud"] = "https://evil.example"; break;
            case "iat-missing": payload.Remove("iat"); break;
            case "iat-too-old": payload["iat"] = Now.AddMinutes(-6).ToUnixTimeSeconds(); break;
            case "iat-in-future": payload["iat"] = Now.AddMinutes(2).ToUnixTimeSeconds(); break;
            case "iss-other-client": payload["iss"] = "other-client"; clientId = "wallet-client"; break;
            case "nonce-missing": payload.Remove("nonce"); break;
            case "nonce-unknown": payload["nonce"] = "stale"; break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        var proof = raw ?? TestJwt.Sign(header, payload, signer);

        var result = await Validator().ValidateAsync([proof], Consume, clientId);

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Contain(expectedCode);
        result.HolderKeys.Should().BeEmpty();
        result.WireError.Should().Be(expectedCode == OpenId4VciErrorCodes.ProofNonceInvalid ? OpenId4VciErrors.InvalidNonce : OpenId4VciErrors.InvalidProof);
        if (expectedCode != OpenId4VciErrorCodes.ProofNonceInvalid)
        {
            _consumed.Should().BeEmpty("a request that fails another check does not burn the Wallet's c_nonce");
        }
    }

    [Fact]
    public async Task Proof_algorithm_outside_proof_signing_alg_values_supported_is_rejected_OID4VCI_F_1()
    {
        var proof = KeyProof.Create(SigningKey.Generate(JwsAlgorithm.ES384), Issuer, Now, Nonce);

        var result = await Validator(policy: new JwsAlgorithmPolicy([JwsAlgorithm.ES256])).ValidateAsync([proof], Consume);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.ProofAlgorithmNotAllowed);
    }

    [Fact]
    public async Task Proofs_with_different_nonces_are_rejected()
    {
        var proofs = new[] { KeyProof.Create(SigningKey.Generate(), Issuer, Now, Nonce), KeyProof.Create(SigningKey.Generate(), Issuer, Now, "other") };

        var result = await Validator().ValidateAsync(proofs, Consume);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.ProofNonceInconsistent);
        result.WireError.Should().Be(OpenId4VciErrors.InvalidProof);
    }

    [Fact]
    public async Task Batch_reusing_one_key_is_rejected_so_credentials_stay_unlinkable()
    {
        var proofs = new[] { KeyProof.Create(_holder, Issuer, Now, Nonce), KeyProof.Create(_holder, Issuer, Now, Nonce) };

        var result = await Validator().ValidateAsync(proofs, Consume);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.ProofDuplicateKey);
    }

    [Fact]
    public async Task Request_without_proofs_is_invalid_proof_OID4VCI_8_3_1_2()
    {
        var result = await Validator().ValidateAsync([], Consume);

        result.Errors.Select(e => e.Code).Should().Equal(OpenId4VciErrorCodes.ProofsMissing);
        result.WireError.Should().Be(OpenId4VciErrors.InvalidProof);
    }

    [Fact]
    public async Task Matching_iss_is_accepted_when_a_client_is_authenticated_OID4VCI_F_1()
    {
        var result = await Validator().ValidateAsync([KeyProof.Create(_holder, Issuer, Now, Nonce, "wallet-client")], Consume, "wallet-client");

        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Proof_keys_are_released_after_the_check_and_the_result_keeps_usable_holder_keys_OID4VCI_F_1()
    {
        var proof = KeyProof.Create(_holder, Issuer, Now, Nonce);

        var first = await Validator().ValidateAsync([proof], Consume);
        var second = await Validator().ValidateAsync([proof], (_, _) => ValueTask.FromResult(true));

        first.Errors.Should().BeEmpty();
        second.Errors.Should().BeEmpty();
        var key = first.HolderKeys.Should().ContainSingle().Subject;
        key.HoldsImportedKey.Should().BeFalse("the proof's key is freed when the check ends, not by the finalizer");
        key.HasSameKey(_holder.PublicJwk).Should().BeTrue();
        key.ComputeThumbprintBase64Url().Should().Be(_holder.PublicJwk.ComputeThumbprintBase64Url());
    }
}
