using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.OAuth;

/// <summary>Attestation-Based Client Authentication (draft -10 §7.1, §7.2, §7.5) as HAIP 1.0 §4.4.1 profiles it.</summary>
public sealed class ClientAttestationValidatorTests : IDisposable
{
    private const string Audience = "https://issuer.example";
    private const string ClientId = "wallet-app";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly X509Certificate2 _root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-10), "Wallet Provider Root", pathLength: 0);
    private readonly X509Certificate2 _providerCertificate;
    private readonly SigningKey _provider;
    private readonly SigningKey _instance = SigningKey.Generate();

    public ClientAttestationValidatorTests()
    {
        _providerCertificate = DevelopmentCertificates.CreateSigner(_root, Now.AddDays(-1), "Wallet Provider Attestation Signer");
        _provider = DevelopmentCertificates.ToSigningKey(_providerCertificate);
    }

    public void Dispose()
    {
        _root.Dispose();
        _providerCertificate.Dispose();
    }

    private ClientAttestationValidator Validator() => new(new ClientAttestationValidatorOptions
    {
        Audience = Audience,
        TrustValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([_root])),
        TimeProvider = new FakeTimeProvider(Now),
    });

    private JsonObject Header(SigningKey key) => new()
    {
        ["typ"] = ClientAttestation.Type,
        ["alg"] = "ES256",
        ["x5c"] = new JsonArray(key.CertificateChain.Select(c => (JsonNode)Convert.ToBase64String(c.RawData)).ToArray()),
    };

    private JsonObject Claims() => new()
    {
        ["sub"] = ClientId,
        ["iat"] = Now.ToUnixTimeSeconds(),
        ["exp"] = Now.AddHours(1).ToUnixTimeSeconds(),
        ["cnf"] = new JsonObject { ["jwk"] = _instance.PublicJwk.ToJsonObject() },
    };

    private static JsonObject PopHeader() => new() { ["typ"] = ClientAttestation.PopType, ["alg"] = "ES256" };

    private static JsonObject PopClaims() => new() { ["aud"] = Audience, ["jti"] = "pop-1", ["iat"] = Now.ToUnixTimeSeconds() };

    [Fact]
    public void Attestation_with_pop_authenticates_the_client_and_yields_the_instance_key_ABCA_7_1_7_2()
    {
        var attestation = ClientAttestation.Create(_provider, ClientId, _instance.PublicJwk, Now, Now.AddHours(1));
        var pop = ClientAttestation.CreatePop(_instance, Audience, Now);

        var result = Validator().Validate(new ClientAttestationRequest([attestation], [pop], ClientId));

        result.Errors.Should().BeEmpty();
        result.ClientId.Should().Be(ClientId);
        result.InstanceKey!.HasSameKey(_instance.PublicJwk).Should().BeTrue();
        result.WireError.Should().BeNull();
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "no-attestation", OAuthErrorCodes.AttestationMissing },
        { "two-attestations", OAuthErrorCodes.AttestationMissing },
        { "no-pop", OAuthErrorCodes.AttestationPopMissing },
        { "attestation-garbage", OAuthErrorCodes.AttestationMalformed },
        { "attestation-typ", OAuthErrorCodes.AttestationTypeInvalid },
        { "attestation-alg-none", OAuthErrorCodes.AttestationAlgorithmNotAllowed },
        { "no-x5c", OAuthErrorCodes.AttestationX5cInvalid },
        { "self-signed-leaf", OAuthErrorCodes.AttestationUntrusted },
        { "other-root", OAuthErrorCodes.AttestationUntrusted },
        { "signed-by-other-key", OAuthErrorCodes.AttestationSignatureInvalid },
        { "no-sub", OAuthErrorCodes.AttestationClaimMissing },
        { "no-cnf", OAuthErrorCodes.AttestationClaimMissing },
        { "cnf-private", OAuthErrorCodes.AttestationCnfPrivate },
        { "expired", OAuthErrorCodes.AttestationExpired },
        { "iat-in-future", OAuthErrorCodes.AttestationExpired },
        { "client-id-mismatch", OAuthErrorCodes.AttestationClientIdMismatch },
        { "pop-garbage", OAuthErrorCodes.AttestationPopMalformed },
        { "pop-typ", OAuthErrorCodes.AttestationPopTypeInvalid },
        { "pop-alg-hs256", OAuthErrorCodes.AttestationPopAlgorithmNotAllowed },
        { "pop-signed-by-other-key", OAuthErrorCodes.AttestationPopSignatureInvalid },
        { "pop-other-audience", OAuthErrorCodes.AttestationPopAudienceInvalid },
        { "pop-no-jti", OAuthErrorCodes.AttestationPopMalformed },
        { "pop-old", OAuthErrorCodes.AttestationPopStale },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_failed_check_is_reported_as_invalid_client_ABCA_7_4(string scenario, string code)
    {
        var header = Header(_provider);
        var claims = Claims();
        var signer = _provider;
        var popHeader = PopHeader();
        var popClaims = PopClaims();
        var popSigner = _instance;
        var clientId = ClientId;
        string? attestationOverride = null;
        string? popOverride = null;
        IReadOnlyList<string>? attestations = null;
        IReadOnlyList<string>? pops = null;
        switch (scenario)
        {
            case "no-attestation": attestations = []; break;
            case "two-attestations": attestations = ["a.b.c", "a.b.c"]; break;
            case "no-pop": pops = []; break;
            case "attestation-garbage": attestationOverride = "garbage"; break;
            case "attestation-typ": header["typ"] = "JWT"; break;
            case "attestation-alg-none": header["alg"] = "none"; break;
            case "no-x5c": header.Remove("x5c"); break;
            case "self-signed-leaf":
                var selfSigned = DevelopmentCertificates.CreateRootCa(Now.AddDays(-1), "Self-signed Wallet Provider");
                signer = DevelopmentCertificates.ToSigningKey(selfSigned);
                header = Header(signer);
                break;
            case "other-root":
                var otherRoot = DevelopmentCertificates.CreateRootCa(Now.AddDays(-1), "Other Root", pathLength: 0);
                signer = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(otherRoot, Now.AddDays(-1), "Other Provider"));
                header = Header(signer);
                break;
            case "signed-by-other-key": signer = SigningKey.Generate(); break;
            case "no-sub": claims.Remove("sub"); break;
            case "no-cnf": claims.Remove("cnf"); break;
            case "cnf-private": claims["cnf"] = new JsonObject { ["jwk"] = TestJwt.PrivateJwk(_instance) }; break;
            case "expired": claims["exp"] = Now.AddMinutes(-5).ToUnixTimeSeconds(); break;
            case "iat-in-future": claims["iat"] = Now.AddMinutes(5).ToUnixTimeSeconds(); break;
            case "client-id-mismatch": clientId = "other-wallet"; break;
            case "pop-garbage": popOverride = "garbage"; break;
            case "pop-typ": popHeader["typ"] = "JWT"; break;
            case "pop-alg-hs256": popHeader["alg"] = "HS256"; break;
            case "pop-signed-by-other-key": popSigner = SigningKey.Generate(); break;
            case "pop-other-audience": popClaims["aud"] = "https://other.example"; break;
            case "pop-no-jti": popClaims.Remove("jti"); break;
            case "pop-old": popClaims["iat"] = Now.AddMinutes(-10).ToUnixTimeSeconds(); break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        attestations ??= [attestationOverride ?? TestJwt.Sign(header, claims, signer)];
        pops ??= [popOverride ?? TestJwt.Sign(popHeader, popClaims, popSigner)];

        var result = Validator().Validate(new ClientAttestationRequest(attestations, pops, clientId));

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Contain(code);
        result.WireError.Should().Be(OAuthErrors.InvalidClient);
        result.ClientId.Should().BeNull();
    }
}
