using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Claims;
using Wallet.Core.Credentials;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Pid;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.SdJwtVc;

/// <summary>SD-JWT VC (draft-ietf-oauth-sd-jwt-vc-18) as profiled by HAIP 1.0 §6.1, with PID per the Rule Book.</summary>
public sealed class SdJwtVcTests : IDisposable
{
    private const string Audience = "x509_san_dns:rp.example";
    private const string Nonce = "fresh-nonce-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri StatusUri = new("https://pid.example.gov/status/1");

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly X509Certificate2 _root = DevelopmentCertificates.CreateRootCa(Now.AddDays(-10), "PID Test IACA");
    private readonly X509Certificate2 _issuerCertificate;
    private readonly SigningKey _issuerKey;
    private readonly SigningKey _holder = SigningKey.Generate();

    public SdJwtVcTests()
    {
        _issuerCertificate = DevelopmentCertificates.CreateSigner(_root, Now.AddDays(-1), "PID Provider Test");
        _issuerKey = DevelopmentCertificates.ToSigningKey(_issuerCertificate);
    }

    public static PersonIdentificationData Person { get; } = new()
    {
        FamilyName = "Nordmann",
        GivenName = "Kari",
        BirthDate = new DateOnly(2011, 3, 4),
        PlaceOfBirth = new PlaceOfBirth(Country: "NO", Locality: "Tromsø"),
        Nationalities = ["NO", "SE"],
        Address = new ResidentAddress { Locality = "Oslo", PostalCode = "0150", Street = "Storgata", HouseNumber = "1B", Country = "NO" },
        IssuingAuthority = "Test PID Authority",
        IssuingCountry = "NO",
        // A minor without a personal administrative number: the PID must still be issuable.
    };

    [Fact]
    public async Task Pid_presentation_verifies_against_the_trust_anchor_with_its_level_of_assurance_HAIP_6_1_1()
    {
        var presentation = Present(IssuePid(), ClaimPath.Of("given_name"), ClaimPath.Of("address", "locality"), new ClaimPath([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.Element(1)]));

        var result = await Verifier().VerifyAsync(presentation, new KeyBindingExpectation(Audience, Nonce));

        result.Errors.Should().BeEmpty();
        result.Vct.Should().Be(PidSdJwtVc.Vct);
        result.IssuerCertificate!.Subject.Should().Be(_issuerCertificate.Subject);
        result.LevelOfAssurance.Should().Be(LevelOfAssurance.High);
        result.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.Verified);
        result.Claims!["given_name"]!.GetValue<string>().Should().Be("Kari");
        result.Claims["address"]!.ToJsonString().Should().Be("""{"locality":"Oslo"}""");
        result.Claims["nationalities"]!.ToJsonString().Should().Be("""["SE"]""");
        result.Claims.ContainsKey("family_name").Should().BeFalse();
        result.Claims.ContainsKey("birthdate").Should().BeFalse();
        result.Status.Should().Be(CredentialStatus.None);
    }

    [Fact]
    public void Pid_makes_every_claim_nested_member_and_array_element_disclosable_PID_RuleBook_4_1_1()
    {
        Wallet.Core.SdJwt.SdJwt.TryParse(IssuePid(), SdJwtLimits.Default, out var issued, out _).Should().BeTrue();

        var paths = SdJwtHolder.GetDisclosablePaths(issued!).Select(p => p.ToString()).ToArray();

        paths.Should().Contain(["family_name", "given_name", "birthdate", "place_of_birth", "place_of_birth/country", "place_of_birth/locality",
            "nationalities", "nationalities/0", "nationalities/1", "address", "address/locality", "address/house_number", "issuing_authority", "issuing_country"]);
        paths.Should().NotContain(p => SdJwtVcClaims.NeverSelectivelyDisclosable.Contains(p.Split('/', StringSplitOptions.None)[0]));
        issued!.IssuerSignedJwt.Type.Should().Be("dc+sd-jwt");
        issued.IssuerSignedJwt.Payload.GetProperty("vct").GetString().Should().Be("urn:eudi:pid:1");
        issued.IssuerSignedJwt.Header.GetProperty("x5c").GetArrayLength().Should().Be(1, "the chain excludes the trust anchor (HAIP 1.0 §6.1.1)");
    }

    [Fact]
    public void Pid_claims_use_the_rule_book_names_and_types_PID_RuleBook_4_1_1()
    {
        var claims = PidSdJwtVc.ToClaims(Person with { Sex = 2, Portrait = new byte[] { 0xFF, 0xD8, 0xFF } });

        claims["birthdate"]!.GetValue<string>().Should().Be("2011-03-04");
        claims["nationalities"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("NO", "SE");
        claims["place_of_birth"]!["locality"]!.GetValue<string>().Should().Be("Tromsø");
        claims["address"]!["street_address"]!.GetValue<string>().Should().Be("Storgata");
        claims["address"]!["house_number"]!.GetValue<string>().Should().Be("1B");
        claims["sex"]!.GetValue<int>().Should().Be(2);
        claims["picture"]!.GetValue<string>().Should().Be("data:image/jpeg;base64,/9j/");
        claims.ContainsKey("personal_administrative_number").Should().BeFalse();
    }

    [Theory]
    [InlineData("FamilyName")]
    [InlineData("Nationality")]
    [InlineData("PlaceOfBirth")]
    [InlineData("Sex")]
    [InlineData("TooLong")]
    public void Pid_that_breaks_a_rule_book_constraint_is_refused(string problem)
    {
        var pid = problem switch
        {
            "FamilyName" => Person with { FamilyName = " " },
            "Nationality" => Person with { Nationalities = ["Norway"] },
            "PlaceOfBirth" => Person with { PlaceOfBirth = new PlaceOfBirth() },
            "Sex" => Person with { Sex = 7 },
            _ => Person with { GivenName = new string('a', 151) },
        };

        var act = () => PidSdJwtVc.ToClaims(pid);

        act.Should().Throw<ArgumentException>().WithMessage("*PID*");
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("cnf")]
    [InlineData("status")]
    [InlineData("vct")]
    public void Issuance_refuses_to_make_registered_claims_disclosable_SDJWTVC_2_2_2_3(string claim)
    {
        var request = PidRequest() with { SelectivelyDisclosable = [ClaimPath.Of(claim)] };

        var act = () => SdJwtVcIssuer.Issue(request, _issuerKey);

        act.Should().Throw<ArgumentException>().WithMessage($"*{claim}*");
    }

    [Fact]
    public async Task Registered_claim_disclosed_through_a_disclosure_is_rejected_SDJWTVC_2_2_2_3()
    {
        var exp = Disclosure.ForProperty("exp", Now.AddYears(5).ToUnixTimeSeconds());
        var payload = new JsonObject
        {
            ["iss"] = "https://pid.example.gov", ["iat"] = Now.ToUnixTimeSeconds(), ["vct"] = PidSdJwtVc.Vct,
            ["cnf"] = new JsonObject { ["jwk"] = _holder.PublicJwk.ToJsonObject() },
            ["_sd"] = new JsonArray(exp.ComputeDigest(SdHashAlgorithm.Sha256)),
        };
        var token = Wallet.Core.SdJwt.SdJwt.Compose(JwsWriter.Sign(_issuerKey, "dc+sd-jwt", payload.ToJsonString(), includeCertificateChain: true), [exp]);

        var result = await Verifier().VerifyAsync(token, keyBinding: null);

        result.Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.ClaimMustNotBeDisclosable);
    }

    [Fact]
    public async Task Chain_to_an_unknown_root_is_rejected_naming_the_missing_anchor_HAIP_6_1_1()
    {
        var otherRoot = DevelopmentCertificates.CreateRootCa(Now.AddDays(-10), "Other IACA");
        var otherKey = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(otherRoot, Now.AddDays(-1)));

        var result = await Verifier().VerifyAsync(Present(SdJwtVcIssuer.Issue(PidRequest(), otherKey)), new KeyBindingExpectation(Audience, Nonce));

        result.Errors.Select(e => e.Code).Should().Contain(TrustErrorCodes.UntrustedRoot).And.Contain(SdJwtErrorCodes.IssuerKeyUnresolved);
        result.Errors.Single(e => e.Code == TrustErrorCodes.UntrustedRoot).Message.Should().Contain("Other IACA");
        result.Claims.Should().BeNull();
    }

    [Fact]
    public async Task Expired_issuer_certificate_is_rejected_RFC5280_4_1_2_5()
    {
        _clock.Advance(TimeSpan.FromDays(400));

        var result = await Verifier().VerifyAsync(IssuePid(), keyBinding: null);

        result.Errors.Select(e => e.Code).Should().Contain(TrustErrorCodes.CertificateExpired);
    }

    [Fact]
    public async Task Expired_issuer_certificate_is_rejected_even_when_its_decoding_is_cached_RFC5280_4_1_2_5()
    {
        var token = IssuePid();
        (await Verifier().VerifyAsync(token, keyBinding: null)).Errors.Should().BeEmpty();
        var hits = DecodedCertificateCache.Shared.Hits;

        _clock.Advance(TimeSpan.FromDays(400));
        var result = await Verifier().VerifyAsync(token, keyBinding: null);

        DecodedCertificateCache.Shared.Hits.Should().BeGreaterThan(hits, "the second verification decodes the same x5c bytes from the cache");
        result.Errors.Select(e => e.Code).Should().Contain(TrustErrorCodes.CertificateExpired);
        result.Claims.Should().BeNull();
    }

    [Fact]
    public async Task Credential_without_x5c_has_no_key_source_SDJWTVC_2_5()
    {
        var bare = SdJwtVcIssuer.Issue(PidRequest(), new SigningKey(_issuerKey.Key));

        var result = await Verifier().VerifyAsync(bare, keyBinding: null);

        result.Errors.Select(e => e.Code).Should().Contain(SdJwtVcErrorCodes.NoKeySource);
    }

    [Theory]
    [InlineData("vc+sd-jwt", true)]
    [InlineData("dc+sd-jwt", true)]
    [InlineData("example+sd-jwt", false)]
    [InlineData("JWT", false)]
    public async Task Typ_is_pinned_to_dc_sd_jwt_with_the_legacy_vc_sd_jwt_accepted_SDJWTVC_2_2_1(string typ, bool accepted)
    {
        var token = SdJwtVcIssuer.Issue(PidRequest() with { Options = new SdJwtIssuanceOptions { Type = typ } }, _issuerKey);

        var result = await Verifier().VerifyAsync(token, keyBinding: null);

        result.IsValid.Should().Be(accepted);
        if (!accepted)
        {
            result.Errors.Select(e => e.Code).Should().Equal(SdJwtErrorCodes.TypeMismatch);
        }
    }

    [Fact]
    public async Task Credential_type_outside_the_accepted_list_is_rejected()
    {
        var options = Options() with { AcceptedVcts = ["urn:eudi:pid:se:1"] };

        var result = await new SdJwtVcVerifier(options).VerifyAsync(IssuePid(), keyBinding: null);

        result.Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.VctNotAccepted);
    }

    [Fact]
    public async Task Level_of_assurance_below_the_minimum_is_rejected()
    {
        var options = Options(LevelOfAssurance.Substantial) with { MinimumLevelOfAssurance = LevelOfAssurance.High };

        var result = await new SdJwtVcVerifier(options).VerifyAsync(IssuePid(), keyBinding: null);

        result.Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.LevelOfAssuranceTooLow);
    }

    [Fact]
    public async Task Credential_without_holder_binding_is_rejected_HAIP_6_1()
    {
        var token = SdJwtVcIssuer.Issue(PidRequest() with { HolderKey = null }, _issuerKey);

        var result = await Verifier().VerifyAsync(token, keyBinding: null);

        result.Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.HolderBindingMissing);
    }

    [Theory]
    [InlineData(TokenStatus.Valid, CredentialStatus.Valid, null)]
    [InlineData(TokenStatus.Invalid, CredentialStatus.Revoked, SdJwtVcErrorCodes.Revoked)]
    [InlineData(TokenStatus.Suspended, CredentialStatus.Suspended, SdJwtVcErrorCodes.Suspended)]
    public async Task Status_is_read_from_a_verified_status_list_token_TokenStatusList_8_3(TokenStatus listed, CredentialStatus expected, string? code)
    {
        var statusSigner = DevelopmentCertificates.CreateStatusListSigner(_root, Now.AddDays(-1));
        var list = new StatusListBuilder(2, 1024).SetStatus(17, listed).ToStatusList();
        var jwt = new StatusListToken(StatusUri, Now, list, Now.AddHours(1), TimeSpan.FromMinutes(10)).ToJwt(DevelopmentCertificates.ToSigningKey(statusSigner));
        var handler = new StaticHttpHandler().Serve(StatusUri.ToString(), jwt, "application/statuslist+jwt");
        var options = Options();
        options = options with { StatusChecker = new HttpTokenStatusChecker(new HttpClient(handler), new StatusListTokenVerifier(options.TrustValidator, new StatusListTokenVerifierOptions(), _clock), _clock) };

        var result = await new SdJwtVcVerifier(options).VerifyAsync(SdJwtVcIssuer.Issue(PidRequest() with { Status = new StatusListReference(17, StatusUri) }, _issuerKey), keyBinding: null);

        result.Status.Should().Be(expected);
        result.Errors.Select(e => e.Code).Should().Equal(code is null ? [] : [code]);
        result.StatusReference.Should().Be(new StatusListReference(17, StatusUri));
    }

    [Fact]
    public async Task Status_that_cannot_be_fetched_fails_closed_TokenStatusList_8_3()
    {
        var options = Options();
        options = options with { StatusChecker = new HttpTokenStatusChecker(new HttpClient(new StaticHttpHandler()), new StatusListTokenVerifier(options.TrustValidator, new StatusListTokenVerifierOptions(), _clock), _clock) };

        var result = await new SdJwtVcVerifier(options).VerifyAsync(SdJwtVcIssuer.Issue(PidRequest() with { Status = new StatusListReference(3, StatusUri) }, _issuerKey), keyBinding: null);

        result.Status.Should().Be(CredentialStatus.Unchecked);
        result.Errors.Select(e => e.Code).Should().Contain(SdJwtVcErrorCodes.StatusUnchecked);
        result.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task Status_without_a_configured_checker_fails_closed_unless_allowed()
    {
        var token = SdJwtVcIssuer.Issue(PidRequest() with { Status = new StatusListReference(3, StatusUri) }, _issuerKey);
        var lenient = Options() with { AllowUncheckedStatus = true };

        (await Verifier().VerifyAsync(token, keyBinding: null)).Errors.Select(e => e.Code).Should().Equal(SdJwtVcErrorCodes.StatusUnchecked);
        var allowed = await new SdJwtVcVerifier(lenient).VerifyAsync(token, keyBinding: null);
        allowed.IsValid.Should().BeTrue();
        allowed.Status.Should().Be(CredentialStatus.Unchecked);
    }

    [Fact]
    public async Task Issuer_key_from_jwt_vc_issuer_metadata_is_used_when_it_names_the_issuer_SDJWTVC_3()
    {
        var key = SigningKey.Generate(keyId: "k1");
        var metadata = new JsonObject { ["issuer"] = "https://pid.example.gov/tenant", ["jwks"] = new JsonObject { ["keys"] = new JsonArray(key.PublicJwk.ToJsonObject()) } };
        var handler = new StaticHttpHandler().Serve("https://pid.example.gov/.well-known/jwt-vc-issuer/tenant", metadata.ToJsonString());
        var options = Options() with { IssuerKeyResolver = new JwtVcIssuerMetadataKeyResolver(new HttpClient(handler)) };
        var token = SdJwtVcIssuer.Issue(PidRequest() with { Issuer = "https://pid.example.gov/tenant" }, key);

        var result = await new SdJwtVcVerifier(options).VerifyAsync(token, keyBinding: null);

        result.Errors.Should().BeEmpty();
        result.Issuer.Should().Be("https://pid.example.gov/tenant");
    }

    [Fact]
    public async Task Jwt_vc_issuer_metadata_for_another_issuer_is_not_used_SDJWTVC_3_3()
    {
        var key = SigningKey.Generate(keyId: "k1");
        var metadata = new JsonObject { ["issuer"] = "https://evil.example", ["jwks"] = new JsonObject { ["keys"] = new JsonArray(key.PublicJwk.ToJsonObject()) } };
        var handler = new StaticHttpHandler().Serve("https://pid.example.gov/.well-known/jwt-vc-issuer", metadata.ToJsonString());
        var options = Options() with { IssuerKeyResolver = new JwtVcIssuerMetadataKeyResolver(new HttpClient(handler)) };

        var result = await new SdJwtVcVerifier(options).VerifyAsync(SdJwtVcIssuer.Issue(PidRequest() with { Issuer = "https://pid.example.gov" }, key), keyBinding: null);

        result.Errors.Select(e => e.Code).Should().Contain(SdJwtVcErrorCodes.IssuerMetadataInvalid);
    }

    public void Dispose()
    {
        _root.Dispose();
        _issuerCertificate.Dispose();
    }

    private SdJwtVcIssuanceRequest PidRequest() => new()
    {
        Vct = PidSdJwtVc.Vct,
        Issuer = "https://pid.example.gov",
        Claims = PidSdJwtVc.ToClaims(Person),
        HolderKey = _holder.PublicJwk,
        IssuedAt = Now.AddMinutes(-1),
        ExpiresAt = Now.AddDays(90),
    };

    private string IssuePid() => SdJwtVcIssuer.Issue(PidRequest(), _issuerKey);

    private string Present(string issued, params ClaimPath[] disclose)
    {
        Wallet.Core.SdJwt.SdJwt.TryParse(issued, SdJwtLimits.Default, out var sdJwt, out var error).Should().BeTrue(error?.ToString());
        return SdJwtHolder.Present(sdJwt!, disclose, new KeyBindingOptions(_holder, Audience, Nonce, _clock.GetUtcNow()));
    }

    private SdJwtVcVerifierOptions Options(LevelOfAssurance anchorLevel = LevelOfAssurance.High) => new()
    {
        TrustValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([_root], anchorLevel)),
        TimeProvider = _clock,
    };

    private SdJwtVcVerifier Verifier() => new(Options());
}
