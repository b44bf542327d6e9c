using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.SdJwt;

/// <summary>One negative test per verification rule of RFC 9901 §7, each asserting its exact error code.</summary>
public class SdJwtVerifierTests
{
    private const string Audience = "x509_san_dns:verifier.example";
    private const string Nonce = "n-0S6_WzA2Mj";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private readonly SigningKey _issuer = SigningKey.Generate();
    private readonly SigningKey _holder = SigningKey.Generate();
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public async Task Valid_presentation_with_key_binding_verifies_and_reports_disclosed_paths()
    {
        var presentation = Present(Issue(), [ClaimPath.Of("given_name"), ClaimPath.Of("address", "locality")]);

        var result = await Verifier().VerifyAsync(presentation, Expectation);

        result.Errors.Should().BeEmpty();
        result.IsValid.Should().BeTrue();
        result.Payload!["given_name"]!.GetValue<string>().Should().Be("Erika");
        result.Payload.ContainsKey("family_name").Should().BeFalse("it was not selected");
        result.Payload["address"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("locality");
        result.DisclosedPaths.Select(p => p.ToString()).Should().BeEquivalentTo("given_name", "address", "address/locality");
        result.HolderKey!.HasSameKey(_holder.PublicJwk).Should().BeTrue();
    }

    [Fact]
    public async Task Signature_by_another_key_is_rejected_RFC9901_7_1_2b()
    {
        var result = await Verifier(new StaticIssuerKeyResolver(SigningKey.Generate().PublicJwk)).VerifyAsync(Present(Issue(), []), Expectation);

        Codes(result).Should().Contain(SdJwtErrorCodes.SignatureInvalid);
        result.Payload.Should().BeNull("unverified data is never handed out");
    }

    [Fact]
    public async Task Tampered_issuer_payload_is_rejected_RFC9901_7_1_2b()
    {
        var presentation = Present(Issue(), [ClaimPath.Of("given_name")]);
        var parts = presentation.Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace("pid.example.gov", "pid.evil.example", StringComparison.Ordinal);
        parts[1] = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));

        var result = await Verifier().VerifyAsync(string.Join('.', parts), Expectation);

        Codes(result).Should().Contain(SdJwtErrorCodes.SignatureInvalid);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public async Task Issuer_jwt_with_disallowed_algorithm_is_rejected_RFC9901_7_1_2a(string alg)
    {
        var issued = Issue();
        var forged = ReplaceHeader(issued, new JsonObject { ["alg"] = alg, ["typ"] = "dc+sd-jwt" });

        var result = await Verifier().VerifyAsync(forged, keyBinding: null);

        Codes(result).Should().Contain(SdJwtErrorCodes.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task Hmac_signature_made_with_the_public_key_as_secret_is_rejected_RFC8725_2_1()
    {
        // Algorithm confusion: an attacker "signs" with HS256 using the issuer's public key bytes as the HMAC secret.
        var header = System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"HS256","typ":"dc+sd-jwt"}"""u8);
        var payload = System.Buffers.Text.Base64Url.EncodeToString("""{"iss":"https://evil.example","iat":1700000000}"""u8);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_issuer.PublicJwk.ToJson()), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        var token = $"{header}.{payload}.{System.Buffers.Text.Base64Url.EncodeToString(mac)}~";

        var result = await Verifier().VerifyAsync(token, keyBinding: null);

        Codes(result).Should().Contain(SdJwtErrorCodes.AlgorithmNotAllowed);
        result.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task Issuer_jwt_with_wrong_typ_is_rejected_RFC8725_3_11()
    {
        var issued = SdJwtIssuer.Issue(Claims(), [ClaimPath.Of("given_name")], _issuer, new SdJwtIssuanceOptions { Type = "kb+jwt" });

        var result = await Verifier().VerifyAsync(issued, keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.TypeMismatch);
    }

    [Fact]
    public async Task Tampered_disclosure_is_rejected_as_unreferenced_RFC9901_7_1_5()
    {
        var issued = Issue();
        var forged = Disclosure.ForProperty("given_name", "Mallory");
        var tampered = issued.Replace(Find(issued, "given_name").Encoded, forged.Encoded, StringComparison.Ordinal);

        var result = await Verifier().VerifyAsync(tampered, keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.UnreferencedDisclosure);
    }

    [Fact]
    public async Task Disclosure_sent_twice_is_rejected_RFC9901_7_1_4()
    {
        var issued = Issue();
        var given = Find(issued, "given_name").Encoded;

        var result = await Verifier().VerifyAsync(issued + given + "~", keyBinding: null);

        Codes(result).Should().Contain(SdJwtErrorCodes.DuplicateDigest);
    }

    [Fact]
    public async Task Digest_that_appears_twice_in_the_payload_is_rejected_RFC9901_7_1_4()
    {
        var given = Disclosure.ForProperty("given_name", "Erika");
        var digest = given.ComputeDigest(SdHashAlgorithm.Sha256);
        var payload = new JsonObject { ["_sd"] = new JsonArray(digest), ["address"] = new JsonObject { ["_sd"] = new JsonArray(digest) } };

        var result = await Verifier().VerifyAsync(Sign(payload, given), keyBinding: null);

        Codes(result).Should().Contain(SdJwtErrorCodes.DuplicateDigest);
    }

    [Theory]
    [InlineData("_sd")]
    [InlineData("...")]
    public async Task Disclosure_naming_a_reserved_claim_is_rejected_RFC9901_7_1_3cii2(string name)
    {
        var encoded = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"[\"c2FsdHNhbHRzYWx0\",\"{name}\",\"x\"]"));
        var payload = new JsonObject { ["_sd"] = new JsonArray(SdHashAlgorithm.Sha256.ComputeDigest(encoded)) };
        var token = JwsWriter.Sign(_issuer, "dc+sd-jwt", payload.ToJsonString()) + "~" + encoded + "~";

        var result = await Verifier().VerifyAsync(token, keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.DisclosureReservedName);
    }

    [Fact]
    public async Task Disclosed_name_that_already_exists_is_rejected_RFC9901_7_1_3cii3()
    {
        var given = Disclosure.ForProperty("given_name", "Mallory");
        var payload = new JsonObject { ["given_name"] = "Erika", ["_sd"] = new JsonArray(given.ComputeDigest(SdHashAlgorithm.Sha256)) };

        var result = await Verifier().VerifyAsync(Sign(payload, given), keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.ClaimNameCollision);
    }

    [Fact]
    public async Task Array_element_disclosure_referenced_from_sd_is_rejected_RFC9901_7_1_3cii1()
    {
        var element = Disclosure.ForArrayElement("DE");
        var payload = new JsonObject { ["_sd"] = new JsonArray(element.ComputeDigest(SdHashAlgorithm.Sha256)) };

        var result = await Verifier().VerifyAsync(Sign(payload, element), keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.DisclosureWrongKind);
    }

    [Fact]
    public async Task Property_disclosure_referenced_from_an_array_is_rejected_RFC9901_7_1_3ciii1()
    {
        var property = Disclosure.ForProperty("nationality", "DE");
        var payload = new JsonObject { ["nationalities"] = new JsonArray(new JsonObject { ["..."] = property.ComputeDigest(SdHashAlgorithm.Sha256) }) };

        var result = await Verifier().VerifyAsync(Sign(payload, property), keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.DisclosureWrongKind);
    }

    [Fact]
    public async Task Sd_member_that_is_not_an_array_of_strings_is_rejected_RFC9901_4_2_4_1()
    {
        var payload = new JsonObject { ["_sd"] = new JsonArray(42) };

        var result = await Verifier().VerifyAsync(Sign(payload), keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.InvalidSdArray);
    }

    [Theory]
    [InlineData("sha-1")]
    [InlineData("SHA-256")]
    [InlineData("sha-256-32")]
    public async Task Unsupported_sd_alg_is_rejected_RFC9901_7_1_2d(string alg)
    {
        var payload = new JsonObject { ["_sd_alg"] = alg, ["given_name"] = "Erika" };

        var result = await Verifier().VerifyAsync(Sign(payload), keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.HashAlgorithmNotSupported);
    }

    [Theory]
    [InlineData("sha-384")]
    [InlineData("sha-512")]
    public async Task Sd_jwt_with_sha384_and_sha512_digests_round_trips_RFC9901_4_1_1(string alg)
    {
        SdHashAlgorithm.TryFromName(alg, out var hash).Should().BeTrue();
        var issued = SdJwtIssuer.Issue(Claims(), [ClaimPath.Of("given_name")], _issuer, new SdJwtIssuanceOptions { Type = "dc+sd-jwt", HashAlgorithm = hash! });

        var result = await Verifier().VerifyAsync(Present(issued, [ClaimPath.Of("given_name")]), Expectation);

        result.Errors.Should().BeEmpty();
        result.Payload!["given_name"]!.GetValue<string>().Should().Be("Erika");
    }

    [Theory]
    [InlineData("exp", -3600, SdJwtErrorCodes.Expired)]
    [InlineData("nbf", 3600, SdJwtErrorCodes.NotYetValid)]
    [InlineData("iat", 3600, SdJwtErrorCodes.IssuedInFuture)]
    public async Task Time_claims_outside_validity_are_rejected_RFC9901_7_1_6(string claim, int offsetSeconds, string code)
    {
        var claims = Claims();
        claims[claim] = Now.AddSeconds(offsetSeconds).ToUnixTimeSeconds();

        var result = await Verifier().VerifyAsync(SdJwtIssuer.Issue(claims, [], _issuer, new SdJwtIssuanceOptions { Type = "dc+sd-jwt" }), keyBinding: null);

        Codes(result).Should().Equal(code);
    }

    [Fact]
    public async Task Time_claim_that_is_not_a_number_is_rejected_RFC7519_2()
    {
        var claims = Claims();
        claims["exp"] = "tomorrow";

        var result = await Verifier().VerifyAsync(SdJwtIssuer.Issue(claims, [], _issuer, new SdJwtIssuanceOptions { Type = "dc+sd-jwt" }), keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.InvalidTimeClaim);
    }

    [Fact]
    public async Task Required_claim_that_is_not_disclosed_is_reported_RFC9901_9_7()
    {
        var options = VerifierOptions();
        options.RequiredClaims = ["family_name"];

        var result = await new SdJwtVerifier(options).VerifyAsync(Present(Issue(), [ClaimPath.Of("given_name")]), Expectation);

        Codes(result).Should().Equal(SdJwtErrorCodes.RequiredClaimMissing);
    }

    [Fact]
    public async Task Plain_sd_jwt_where_key_binding_is_required_is_rejected_RFC9901_7_3_2()
    {
        var result = await Verifier().VerifyAsync(SdJwtHolder.Present(Parse(Issue()), [ClaimPath.Of("given_name")]), Expectation);

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingMissing);
    }

    [Fact]
    public async Task Key_binding_where_a_plain_sd_jwt_is_expected_is_rejected_RFC9901_4()
    {
        var result = await Verifier().VerifyAsync(Present(Issue(), []), keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingUnexpected);
    }

    [Fact]
    public async Task Kb_jwt_with_wrong_nonce_is_rejected_RFC9901_7_3_5f()
    {
        var result = await Verifier().VerifyAsync(Present(Issue(), []), Expectation with { Nonce = "another-nonce" });

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingNonceMismatch);
    }

    [Fact]
    public async Task Kb_jwt_with_wrong_audience_is_rejected_RFC9901_7_3_5f()
    {
        var result = await Verifier().VerifyAsync(Present(Issue(), []), Expectation with { Audience = "x509_san_dns:other.example" });

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingAudienceMismatch);
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(600)]
    public async Task Kb_jwt_issued_outside_the_window_is_rejected_RFC9901_7_3_5e(int offsetSeconds)
    {
        var presentation = SdJwtHolder.Present(Parse(Issue()), [], new KeyBindingOptions(_holder, Audience, Nonce, Now.AddSeconds(offsetSeconds)));

        var result = await Verifier().VerifyAsync(presentation, Expectation);

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingIatOutOfWindow);
    }

    [Fact]
    public async Task Disclosure_removed_after_key_binding_breaks_sd_hash_RFC9901_7_3_5g()
    {
        var presentation = Present(Issue(), [ClaimPath.Of("given_name"), ClaimPath.Of("family_name")]);
        var withoutOne = presentation.Replace(Find(presentation, "family_name").Encoded + "~", string.Empty, StringComparison.Ordinal);

        var result = await Verifier().VerifyAsync(withoutOne, Expectation);

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingSdHashMismatch);
    }

    [Fact]
    public async Task Kb_jwt_signed_by_a_key_other_than_cnf_is_rejected_RFC9901_7_3_5c()
    {
        var presentation = SdJwtHolder.Present(Parse(Issue()), [], new KeyBindingOptions(SigningKey.Generate(), Audience, Nonce, Now));

        var result = await Verifier().VerifyAsync(presentation, Expectation);

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingSignatureInvalid);
    }

    [Fact]
    public async Task Kb_jwt_with_wrong_typ_is_rejected_RFC9901_7_3_5d()
    {
        var issued = SdJwtHolder.Present(Parse(Issue()), []);
        var sdHash = Wallet.Core.SdJwt.SdJwt.ComputeSdHash(issued, SdHashAlgorithm.Sha256);
        var kb = JwsWriter.Sign(_holder, "JWT", new JsonObject { ["iat"] = Now.ToUnixTimeSeconds(), ["aud"] = Audience, ["nonce"] = Nonce, ["sd_hash"] = sdHash }.ToJsonString());

        var result = await Verifier().VerifyAsync(issued + kb, Expectation);

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingTypeMismatch);
    }

    [Theory]
    [InlineData("iat")]
    [InlineData("aud")]
    [InlineData("nonce")]
    [InlineData("sd_hash")]
    public async Task Kb_jwt_without_a_required_claim_is_rejected_RFC9901_4_3(string claim)
    {
        var issued = SdJwtHolder.Present(Parse(Issue()), []);
        var payload = new JsonObject { ["iat"] = Now.ToUnixTimeSeconds(), ["aud"] = Audience, ["nonce"] = Nonce, ["sd_hash"] = Wallet.Core.SdJwt.SdJwt.ComputeSdHash(issued, SdHashAlgorithm.Sha256) };
        payload.Remove(claim);
        var kb = JwsWriter.Sign(_holder, KeyBindingJwt.Type, payload.ToJsonString());

        var result = await Verifier().VerifyAsync(issued + kb, Expectation);

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingMalformed);
    }

    [Fact]
    public async Task Kb_jwt_with_alg_none_is_rejected_RFC9901_7_3_5b()
    {
        var presentation = Present(Issue(), []);
        var kbStart = presentation.LastIndexOf('~') + 1;
        var kb = presentation[kbStart..].Split('.');
        kb[0] = System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"none","typ":"kb+jwt"}"""u8);

        var result = await Verifier().VerifyAsync(presentation[..kbStart] + string.Join('.', kb), Expectation);

        Codes(result).Should().Equal(SdJwtErrorCodes.KeyBindingAlgorithmNotAllowed);
    }

    [Fact]
    public async Task Key_binding_without_cnf_jwk_is_rejected_RFC9901_7_3_5a()
    {
        var claims = Claims();
        claims.Remove("cnf");
        var issued = SdJwtIssuer.Issue(claims, [], _issuer, new SdJwtIssuanceOptions { Type = "dc+sd-jwt" });

        var result = await Verifier().VerifyAsync(Present(issued, []), Expectation);

        Codes(result).Should().Equal(SdJwtErrorCodes.HolderKeyMissing);
    }

    [Theory]
    [InlineData("", SdJwtErrorCodes.Malformed)]
    [InlineData("abc", SdJwtErrorCodes.Malformed)]
    [InlineData("a.b.c~", SdJwtErrorCodes.IssuerJwtMalformed)]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~~", SdJwtErrorCodes.Malformed)]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~!!!~", SdJwtErrorCodes.DisclosureMalformed)]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~WyJhIl0~", SdJwtErrorCodes.DisclosureMalformed)]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~WzEsImEiLCJiIl0~", SdJwtErrorCodes.DisclosureMalformed)]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~bm90IGpzb24~", SdJwtErrorCodes.DisclosureMalformed)]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~a.b", SdJwtErrorCodes.KeyBindingMalformed)]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~AB~", SdJwtErrorCodes.DisclosureMalformed)]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.c2l~", SdJwtErrorCodes.IssuerJwtMalformed)]
    public async Task Malformed_input_gets_a_typed_error_RFC9901_4(string input, string code)
    {
        var result = await Verifier().VerifyAsync(input, keyBinding: null);

        Codes(result).Should().Equal(code);
    }

    [Fact]
    public async Task Too_many_disclosures_are_rejected_before_parsing_them()
    {
        var options = VerifierOptions();
        options.Limits = options.Limits with { MaxDisclosures = 3 };
        var issued = SdJwtIssuer.Issue(Claims(), [ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("birthdate"), ClaimPath.Of("address")], _issuer, new SdJwtIssuanceOptions { Type = "dc+sd-jwt" });

        var result = await new SdJwtVerifier(options).VerifyAsync(issued, keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.TooLarge);
    }

    [Fact]
    public async Task Oversized_sd_jwt_is_rejected()
    {
        var options = VerifierOptions();
        options.Limits = options.Limits with { MaxLength = 100 };

        var result = await new SdJwtVerifier(options).VerifyAsync(Issue(), keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.TooLarge);
    }

    [Fact]
    public async Task Nesting_beyond_the_depth_limit_is_rejected()
    {
        JsonNode deep = "leaf";
        for (var i = 0; i < 40; i++)
        {
            deep = new JsonObject { ["n"] = deep };
        }

        var claims = Claims();
        claims["deep"] = deep;
        var result = await Verifier().VerifyAsync(SdJwtIssuer.Issue(claims, [], _issuer, new SdJwtIssuanceOptions { Type = "dc+sd-jwt" }), keyBinding: null);

        Codes(result).Should().Equal(SdJwtErrorCodes.IssuerJwtMalformed);
    }

    [Fact]
    public async Task Every_failed_check_is_listed_not_just_the_first()
    {
        var claims = Claims();
        claims["exp"] = Now.AddDays(-1).ToUnixTimeSeconds();
        var issued = SdJwtIssuer.Issue(claims, [ClaimPath.Of("given_name")], _issuer, new SdJwtIssuanceOptions { Type = "dc+sd-jwt" });
        var presentation = SdJwtHolder.Present(Parse(issued), [ClaimPath.Of("given_name")], new KeyBindingOptions(_holder, Audience, "stale", Now));

        var result = await Verifier(new StaticIssuerKeyResolver(SigningKey.Generate().PublicJwk)).VerifyAsync(presentation, Expectation);

        Codes(result).Should().BeEquivalentTo(SdJwtErrorCodes.SignatureInvalid, SdJwtErrorCodes.Expired, SdJwtErrorCodes.KeyBindingNonceMismatch);
        result.Errors.Should().OnlyContain(e => e.Message.Length > 20);
    }

    private static KeyBindingExpectation Expectation => new(Audience, Nonce);

    private JsonObject Claims() => new()
    {
        ["iss"] = "https://pid.example.gov",
        ["iat"] = Now.AddMinutes(-5).ToUnixTimeSeconds(),
        ["exp"] = Now.AddDays(30).ToUnixTimeSeconds(),
        ["vct"] = "urn:eudi:pid:1",
        ["cnf"] = new JsonObject { ["jwk"] = _holder.PublicJwk.ToJsonObject() },
        ["given_name"] = "Erika",
        ["family_name"] = "Mustermann",
        ["birthdate"] = "1963-08-12",
        ["address"] = new JsonObject { ["locality"] = "Berlin", ["postal_code"] = "2026" },
        ["nationalities"] = new JsonArray("DE", "FR"),
    };

    private string Issue() => SdJwtIssuer.Issue(
        Claims(),
        [ClaimPath.Of("given_name"), ClaimPath.Of("family_name"), ClaimPath.Of("birthdate"), ClaimPath.Of("address"), ClaimPath.Of("address", "locality"), ClaimPath.Of("address", "postal_code"), new([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.AllElements])],
        _issuer,
        new SdJwtIssuanceOptions { Type = "dc+sd-jwt" });

    private string Present(string issued, IEnumerable<ClaimPath> disclose) =>
        SdJwtHolder.Present(Parse(issued), disclose, new KeyBindingOptions(_holder, Audience, Nonce, Now));

    private string Sign(JsonObject payload, params Disclosure[] disclosures) =>
        Wallet.Core.SdJwt.SdJwt.Compose(JwsWriter.Sign(_issuer, "dc+sd-jwt", payload.ToJsonString()), disclosures);

    private static string ReplaceHeader(string token, JsonObject header)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + token[dot..];
    }

    private static Wallet.Core.SdJwt.SdJwt Parse(string compact)
    {
        Wallet.Core.SdJwt.SdJwt.TryParse(compact, SdJwtLimits.Default, out var sdJwt, out var error).Should().BeTrue(error?.ToString());
        return sdJwt!;
    }

    private static Disclosure Find(string compact, string name) => Parse(compact).Disclosures.Single(d => d.ClaimName == name);

    private static IEnumerable<string> Codes(SdJwtVerificationResult result) => result.Errors.Select(e => e.Code);

    private SdJwtVerifierOptions VerifierOptions(ISdJwtIssuerKeyResolver? resolver = null) => new()
    {
        IssuerKeyResolver = resolver ?? new StaticIssuerKeyResolver(_issuer.PublicJwk),
        AcceptedTypes = ["dc+sd-jwt"],
        TimeProvider = _clock,
    };

    private SdJwtVerifier Verifier(ISdJwtIssuerKeyResolver? resolver = null) => new(VerifierOptions(resolver));

    [Fact]
    public async Task Holder_key_is_released_after_key_binding_and_the_result_keeps_a_usable_key_and_verifying_again_works_RFC9901_7_3()
    {
        var presentation = Present(Issue(), [ClaimPath.Of("given_name")]);
        var verifier = Verifier();

        var first = await verifier.VerifyAsync(presentation, Expectation);
        var second = await verifier.VerifyAsync(presentation, Expectation);

        first.IsValid.Should().BeTrue();
        second.IsValid.Should().BeTrue("nothing of the first verification was disposed that the second needs");
        first.HolderKey!.HoldsImportedKey.Should().BeFalse("the holder key's imported key is freed when the verification ends, not by the finalizer");
        first.HolderKey.ComputeThumbprintBase64Url().Should().Be(_holder.PublicJwk.ComputeThumbprintBase64Url());
        var data = "after"u8.ToArray();
        first.HolderKey.VerifySignature(data, _holder.Key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)).Should().BeTrue();
    }
}
