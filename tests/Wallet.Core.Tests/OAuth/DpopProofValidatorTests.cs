using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.OAuth;

/// <summary>DPoP proof validation (RFC 9449 §4.3), every check negatively, and the RFC's own proofs as vectors.</summary>
public sealed class DpopProofValidatorTests
{
    private static readonly JsonNode Rfc9449 = Vectors.Load("oauth", "pkce-dpop-thumbprint.json")["rfc9449_dpop"]!;
    private static readonly Uri TokenUri = new("https://issuer.example.com/token");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private const string AccessToken = "access-token-123";
    private const string ServerNonce = "server-nonce-1";

    private readonly SigningKey _key = SigningKey.Generate();

    [Fact]
    public async Task Rfc9449_figure_2_token_request_proof_verifies_and_has_the_figure_9_thumbprint_RFC9449_4_3()
    {
        var proof = Rfc9449["figure2_token_request_proof"]!;
        var validator = new DpopProofValidator(new DpopValidatorOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1562262616)) });

        var result = await validator.ValidateAsync(new DpopValidationRequest([proof["jwt"]!.GetValue<string>()], "POST", new Uri("https://server.example.com/token")));

        result.Errors.Should().BeEmpty();
        result.Thumbprint.Should().Be(Rfc9449["jkt (Figure 9, cnf.jkt / dpop_jkt)"]!.GetValue<string>());
        result.Jti.Should().Be("-BwC3ESc6acc2lTc");
    }

    [Fact]
    public async Task Rfc9449_figure_13_resource_request_proof_verifies_with_its_access_token_and_binding_RFC9449_7_1()
    {
        var proof = Rfc9449["figure13_resource_request_proof"]!;
        var validator = new DpopProofValidator(new DpopValidatorOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1562262618)) });
        var request = new DpopValidationRequest([proof["jwt"]!.GetValue<string>()], "GET", new Uri("https://resource.example.org/protectedresource"))
        {
            AccessToken = proof["access_token"]!.GetValue<string>(),
            BoundKeyThumbprint = Rfc9449["jkt (Figure 9, cnf.jkt / dpop_jkt)"]!.GetValue<string>(),
        };

        var result = await validator.ValidateAsync(request);

        result.Errors.Should().BeEmpty();
        DpopProof.ComputeAccessTokenHash(request.AccessToken).Should().Be(proof["ath"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rfc9449_figure_13_proof_with_another_access_token_is_rejected_RFC9449_4_3_check_12()
    {
        var proof = Rfc9449["figure13_resource_request_proof"]!;
        var validator = new DpopProofValidator(new DpopValidatorOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1562262618)) });

        var result = await validator.ValidateAsync(new DpopValidationRequest([proof["jwt"]!.GetValue<string>()], "GET", new Uri("https://resource.example.org/protectedresource")) { AccessToken = "other" });

        result.Errors.Select(e => e.Code).Should().Equal(OAuthErrorCodes.DpopAthMismatch);
        result.WireError.Should().Be(OAuthErrors.InvalidDpopProof);
    }

    [Fact]
    public async Task Created_proof_with_nonce_and_ath_validates_and_ignores_query_fragment_and_default_port_RFC9449_4_2()
    {
        var proof = DpopProof.Create(_key, "POST", new Uri("https://issuer.example.com/credential?x=1"), Now, ServerNonce, AccessToken);
        var validator = Validator(nonceRequired: true);

        var result = await validator.ValidateAsync(new DpopValidationRequest([proof], "POST", new Uri("https://ISSUER.example.com:443/credential?y=2#frag")) { AccessToken = AccessToken, BoundKeyThumbprint = _key.PublicJwk.ComputeThumbprintBase64Url() });

        result.Errors.Should().BeEmpty();
        result.Key!.HasSameKey(_key.PublicJwk).Should().BeTrue();
        result.WireError.Should().BeNull();
        Wallet.Core.Jose.CompactJws.TryParse(proof, JoseLimits.Default, out var jws, out _).Should().BeTrue();
        jws!.Payload.GetProperty("htu").GetString().Should().Be("https://issuer.example.com/credential");
        jws.Header.GetProperty("jwk").TryGetProperty("d", out _).Should().BeFalse();
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "no-header", OAuthErrorCodes.DpopMissing },
        { "two-headers", OAuthErrorCodes.DpopMultipleHeaders },
        { "not-a-jwt", OAuthErrorCodes.DpopMalformed },
        { "typ-jwt", OAuthErrorCodes.DpopTypeInvalid },
        { "typ-missing", OAuthErrorCodes.DpopTypeInvalid },
        { "alg-none", OAuthErrorCodes.DpopAlgorithmNotAllowed },
        { "alg-hs256", OAuthErrorCodes.DpopAlgorithmNotAllowed },
        { "alg-not-on-allow-list", OAuthErrorCodes.DpopAlgorithmNotAllowed },
        { "jwk-missing", OAuthErrorCodes.DpopJwkInvalid },
        { "jwk-rsa", OAuthErrorCodes.DpopJwkInvalid },
        { "jwk-private", OAuthErrorCodes.DpopJwkPrivate },
        { "jwk-other-curve", OAuthErrorCodes.DpopKeyAlgorithmMismatch },
        { "signed-by-other-key", OAuthErrorCodes.DpopSignatureInvalid },
        { "jti-missing", OAuthErrorCodes.DpopClaimMissing },
        { "iat-string", OAuthErrorCodes.DpopClaimMissing },
        { "htm-get", OAuthErrorCodes.DpopHtmMismatch },
        { "htm-lowercase", OAuthErrorCodes.DpopHtmMismatch },
        { "htu-other-path", OAuthErrorCodes.DpopHtuMismatch },
        { "htu-other-host", OAuthErrorCodes.DpopHtuMismatch },
        { "htu-relative", OAuthErrorCodes.DpopHtuMismatch },
        { "iat-too-old", OAuthErrorCodes.DpopIatTooOld },
        { "iat-in-future", OAuthErrorCodes.DpopIatInFuture },
        { "nonce-missing", OAuthErrorCodes.DpopNonceMissing },
        { "nonce-wrong", OAuthErrorCodes.DpopNonceInvalid },
        { "ath-missing", OAuthErrorCodes.DpopAthMissing },
        { "ath-wrong", OAuthErrorCodes.DpopAthMismatch },
        { "bound-to-other-key", OAuthErrorCodes.DpopKeyMismatch },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_failed_check_is_reported_with_its_code_RFC9449_4_3(string scenario, string expectedCode)
    {
        var header = new JsonObject { ["typ"] = "dpop+jwt", ["alg"] = "ES256", ["jwk"] = _key.PublicJwk.ToJsonObject() };
        var payload = new JsonObject { ["jti"] = "jti-1", ["htm"] = "POST", ["htu"] = TokenUri.ToString(), ["iat"] = Now.ToUnixTimeSeconds(), ["nonce"] = ServerNonce };
        var signer = _key;
        string? accessToken = null;
        string? bound = null;
        var nonceRequired = true;
        var headers = (string proof) => (IReadOnlyList<string>)[proof];
        switch (scenario)
        {
            case "no-header": headers = _ => []; break;
            case "two-headers": headers = p => [p, p]; break;
            case "not-a-jwt": headers = _ => ["not.a.jwt"]; break;
            case "typ-jwt": header["typ"] = "JWT"; break;
            case "typ-missing": header.Remove("typ"); break;
            case "alg-none": header["alg"] = "none"; break;
            case "alg-hs256": header["alg"] = "HS256"; break;
            case "alg-not-on-allow-list": header["alg"] = "ES512"; break;
            case "jwk-missing": header.Remove("jwk"); break;
            case "jwk-rsa": header["jwk"] = new JsonObject { ["kty"] = "RSA", ["n"] = "AQAB", ["e"] = "AQAB" }; break;
            case "jwk-private": header["jwk"] = TestJwt.PrivateJwk(_key); break;
            case "jwk-other-curve": header["jwk"] = SigningKey.Generate(JwsAlgorithm.ES384).PublicJwk.ToJsonObject(); break;
            case "signed-by-other-key": signer = SigningKey.Generate(); break;
            case "jti-missing": payload.Remove("jti"); break;
            case "iat-string": payload["iat"] = "1700000000"; break;
            case "htm-get": payload["htm"] = "GET"; break;
            case "htm-lowercase": payload["htm"] = "post"; break;
            case "htu-other-path": payload["htu"] = "https://issuer.example.com/credential"; break;
            case "htu-other-host": payload["htu"] = "https://evil.example.com/token"; break;
            case "htu-relative": payload["htu"] = "/token"; break;
            case "iat-too-old": payload["iat"] = Now.AddMinutes(-6).ToUnixTimeSeconds(); break;
            case "iat-in-future": payload["iat"] = Now.AddMinutes(2).ToUnixTimeSeconds(); break;
            case "nonce-missing": payload.Remove("nonce"); break;
            case "nonce-wrong": payload["nonce"] = "stale"; break;
            case "ath-missing": accessToken = AccessToken; break;
            case "ath-wrong": accessToken = AccessToken; payload["ath"] = DpopProof.ComputeAccessTokenHash("other"); break;
            case "bound-to-other-key": bound = SigningKey.Generate().PublicJwk.ComputeThumbprintBase64Url(); break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        var proof = TestJwt.Sign(header, payload, signer);
        var validator = Validator(nonceRequired);
        if (scenario == "alg-not-on-allow-list")
        {
            validator = new DpopProofValidator(new DpopValidatorOptions { TimeProvider = new FakeTimeProvider(Now), AlgorithmPolicy = new JwsAlgorithmPolicy([JwsAlgorithm.ES256]), NonceValidator = n => n == ServerNonce });
        }

        var result = await validator.ValidateAsync(new DpopValidationRequest(headers(proof), "POST", TokenUri) { AccessToken = accessToken, BoundKeyThumbprint = bound });

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Contain(expectedCode);
        result.Key.Should().BeNull();
        result.WireError.Should().Be(expectedCode is OAuthErrorCodes.DpopNonceMissing or OAuthErrorCodes.DpopNonceInvalid ? OAuthErrors.UseDpopNonce : OAuthErrors.InvalidDpopProof);
    }

    [Fact]
    public async Task Replayed_proof_is_rejected_the_second_time_RFC9449_11_1()
    {
        var validator = new DpopProofValidator(new DpopValidatorOptions { TimeProvider = new FakeTimeProvider(Now), ReplayCache = new InMemoryReplayCache() });
        var request = new DpopValidationRequest([DpopProof.Create(_key, "POST", TokenUri, Now)], "POST", TokenUri);

        (await validator.ValidateAsync(request)).Succeeded.Should().BeTrue();
        var replay = await validator.ValidateAsync(request);

        replay.Errors.Select(e => e.Code).Should().Equal(OAuthErrorCodes.DpopReplayed);
        replay.WireError.Should().Be(OAuthErrors.InvalidDpopProof);
    }

    [Fact]
    public async Task Invalid_proof_does_not_consume_a_replay_cache_entry_RFC9449_11_1()
    {
        var cache = new InMemoryReplayCache();
        var validator = new DpopProofValidator(new DpopValidatorOptions { TimeProvider = new FakeTimeProvider(Now), ReplayCache = cache });
        var proof = DpopProof.Create(_key, "POST", TokenUri, Now, jti: "same");

        (await validator.ValidateAsync(new DpopValidationRequest([proof], "GET", TokenUri))).Succeeded.Should().BeFalse();

        (await validator.ValidateAsync(new DpopValidationRequest([proof], "POST", TokenUri))).Succeeded.Should().BeTrue();
    }

    private static DpopProofValidator Validator(bool nonceRequired, JwsAlgorithmPolicy? policy = null) => new(new DpopValidatorOptions
    {
        TimeProvider = new FakeTimeProvider(Now),
        AlgorithmPolicy = policy ?? JwsAlgorithmPolicy.Default,
        NonceValidator = nonceRequired ? n => n == ServerNonce : null,
    });

    [Fact]
    public async Task Proof_key_is_released_after_the_check_and_the_result_keeps_its_thumbprint_RFC9449_4_3()
    {
        var validator = Validator(nonceRequired: false);
        var first = await validator.ValidateAsync(new DpopValidationRequest([DpopProof.Create(_key, "POST", TokenUri, Now)], "POST", TokenUri));
        var second = await validator.ValidateAsync(new DpopValidationRequest([DpopProof.Create(_key, "POST", TokenUri, Now)], "POST", TokenUri));

        first.Errors.Should().BeEmpty();
        second.Errors.Should().BeEmpty();
        first.Key!.HoldsImportedKey.Should().BeFalse("the proof's key is freed when the check ends, not by the finalizer");
        first.Thumbprint.Should().Be(_key.PublicJwk.ComputeThumbprintBase64Url());
    }
}
