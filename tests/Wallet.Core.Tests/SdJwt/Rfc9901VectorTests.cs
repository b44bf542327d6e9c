using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Claims;
using Wallet.Core.SdJwt;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.SdJwt;

/// <summary>The published examples of RFC 9901 (Vectors/sd-jwt): same digests, same processed payloads.</summary>
public class Rfc9901VectorTests
{
    private const long KbIssuedAt = 1748537244;

    [Theory]
    [InlineData("object_property")]
    [InlineData("array_element")]
    public void Disclosure_digest_is_sha256_over_the_encoded_string_RFC9901_4_2_3(string kind)
    {
        var vector = Vectors.Load("sd-jwt", "section-4.2-disclosures.json")[kind]!;

        Disclosure.TryParse(vector["disclosure"]!.GetValue<string>(), SdJwtLimits.Default, out var disclosure, out var error).Should().BeTrue(error?.ToString());

        disclosure!.ComputeDigest(SdHashAlgorithm.Sha256).Should().Be(vector["sha256_digest"]!.GetValue<string>());
        disclosure.Salt.Should().Be(vector["contents"]![0]!.GetValue<string>());
        disclosure.IsArrayElement.Should().Be(kind == "array_element");
    }

    [Theory]
    [InlineData("unicode_escape")]
    [InlineData("no_whitespace")]
    [InlineData("newlines")]
    public void Equivalent_json_encodings_keep_their_own_digest_RFC9901_4_2_1(string encoding)
    {
        var vector = Vectors.Load("sd-jwt", "section-4.2-disclosures.json")["object_property"]!["equivalent_encodings_same_value_different_digest"]![encoding]!;

        Disclosure.TryParse(vector["disclosure"]!.GetValue<string>(), SdJwtLimits.Default, out var disclosure, out _).Should().BeTrue();

        disclosure!.ComputeDigest(SdHashAlgorithm.Sha256).Should().Be(vector["sha256_digest"]!.GetValue<string>());
        disclosure.ClaimName.Should().Be("family_name");
        disclosure.Value.GetString().Should().Be("Möbius");
    }

    [Fact]
    public async Task Section_5_presentation_verifies_to_the_published_processed_payload_RFC9901_5_2()
    {
        var vector = Vectors.Load("sd-jwt", "section-5-example.json");
        var verifier = Verifier(vector);

        var result = await verifier.VerifyAsync(vector["presentation_sd_jwt_kb"]!.GetValue<string>(), new KeyBindingExpectation("https://verifier.example.org", "1234567890"));

        result.Errors.Should().BeEmpty();
        JsonNode.DeepEquals(result.Payload, vector["processed_payload"]).Should().BeTrue(result.Payload!.ToJsonString());
        result.SdJwt!.SdHashInput.Should().Be(vector["kb_sd_hash_input"]!.GetValue<string>());
        result.HolderKey!.HasSameKey(Vectors.Jwk(vector["holder_public_jwk"]!)).Should().BeTrue();
        result.DisclosedPaths.Select(p => p.ToString()).Should().BeEquivalentTo("family_name", "address", "given_name", "nationalities/0");
    }

    [Fact]
    public async Task Section_5_issued_sd_jwt_verifies_with_every_claim_disclosed_RFC9901_5_1()
    {
        var vector = Vectors.Load("sd-jwt", "section-5-example.json");

        var result = await Verifier(vector).VerifyAsync(vector["sd_jwt"]!.GetValue<string>(), keyBinding: null);

        result.Errors.Should().BeEmpty();
        JsonNode.DeepEquals(result.Payload, vector["processed_payload_all_disclosures"]).Should().BeTrue();
    }

    [Fact]
    public void Holder_processed_payload_of_the_section_5_SD_JWT_is_the_published_one_RFC9901_7_1()
    {
        var vector = Vectors.Load("sd-jwt", "section-5-example.json");
        Wallet.Core.SdJwt.SdJwt.TryParse(vector["sd_jwt"]!.GetValue<string>(), SdJwtLimits.Default, out var issued, out var error).Should().BeTrue(error?.ToString());

        var payload = SdJwtHolder.GetProcessedPayload(issued!);

        JsonNode.DeepEquals(payload, vector["processed_payload_all_disclosures"]).Should().BeTrue(payload.ToJsonString());
    }

    [Theory]
    [InlineData("appendix-A.1-simple-structured.json", "presentation_sd_jwt")]
    [InlineData("appendix-A.2-complex-structured.json", "presentation_sd_jwt")]
    [InlineData("appendix-A.3-sd-jwt-vc.json", "presentation_sd_jwt_kb")]
    [InlineData("appendix-A.4-w3c-vcdm.json", "presentation_sd_jwt_kb")]
    public async Task Appendix_A_presentations_verify_to_the_published_processed_payload_RFC9901_A(string file, string member)
    {
        var vector = Vectors.Load("sd-jwt", file);
        var expectation = member.EndsWith("_kb", StringComparison.Ordinal) ? new KeyBindingExpectation("https://verifier.example.org", "1234567890") : null;

        var result = await Verifier(vector).VerifyAsync(Strip(vector[member]!.GetValue<string>()), expectation);

        result.Errors.Should().BeEmpty();
        JsonNode.DeepEquals(result.Payload, vector["processed_payload"]).Should().BeTrue(result.Payload!.ToJsonString());
    }

    [Fact]
    public void Holder_selecting_the_section_5_claims_sends_exactly_the_published_disclosures_RFC9901_5_2()
    {
        var vector = Vectors.Load("sd-jwt", "section-5-example.json");
        Wallet.Core.SdJwt.SdJwt.TryParse(vector["sd_jwt"]!.GetValue<string>(), SdJwtLimits.Default, out var issued, out _).Should().BeTrue();
        Wallet.Core.SdJwt.SdJwt.TryParse(vector["presentation_sd_jwt_kb"]!.GetValue<string>(), SdJwtLimits.Default, out var published, out _).Should().BeTrue();
        ClaimPath[] chosen = [ClaimPath.Of("family_name"), ClaimPath.Of("address"), ClaimPath.Of("given_name"), new([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.Element(0)])];

        var presentation = SdJwtHolder.Present(issued!, chosen);

        Wallet.Core.SdJwt.SdJwt.TryParse(presentation, SdJwtLimits.Default, out var ours, out _).Should().BeTrue();
        ours!.Disclosures.Select(d => d.Encoded).Should().BeEquivalentTo(published!.Disclosures.Select(d => d.Encoded));
        ours.KeyBinding.Should().BeNull();
    }

    [Fact]
    public void Recursive_example_lists_nested_disclosures_under_their_parent_RFC9901_6_3()
    {
        var vector = Vectors.Load("sd-jwt", "section-6-nested-examples.json")["6.3_recursive"]!;
        var key = Vectors.Rfc9901Key("issuer");
        var jwt = Wallet.Core.Jose.JwsWriter.Sign(key, "example+sd-jwt", vector["sd_jwt_payload"]!.ToJsonString());
        var disclosures = vector["disclosures"]!.AsArray().Select(d => d!["disclosure"]!.GetValue<string>());
        Wallet.Core.SdJwt.SdJwt.TryParse(jwt + "~" + string.Join("~", disclosures) + "~", SdJwtLimits.Default, out var sdJwt, out var error).Should().BeTrue(error?.ToString());

        var paths = SdJwtHolder.GetDisclosablePaths(sdJwt!).Select(p => p.ToString());

        paths.Should().BeEquivalentTo("address", "address/street_address", "address/locality", "address/region", "address/country");
    }

    [Fact]
    public async Task Sd_jwt_vc_draft_examples_verify_with_typ_dc_sd_jwt_SDJWTVC_2_3()
    {
        var vector = Vectors.Load("sd-jwt-vc", "draft16-examples.json");
        var verifier = new SdJwtVerifier(new SdJwtVerifierOptions
        {
            IssuerKeyResolver = new StaticIssuerKeyResolver(Vectors.Jwk(vector["issuer_public_jwk"]!)),
            AcceptedTypes = ["dc+sd-jwt"],
            TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(KbIssuedAt)),
            KeyBindingMaxAge = TimeSpan.FromDays(3650),
        });

        foreach (var name in new[] { "section-2.3.2-presentation-without-kb", "appendix-B.1-pid-issuance" })
        {
            var example = vector[name]!;
            var result = await verifier.VerifyAsync(Strip(example["compact"]!.GetValue<string>()), keyBinding: null);
            result.Errors.Should().BeEmpty(name);
            JsonNode.DeepEquals(result.Payload, example["processed_payload"]).Should().BeTrue(name);
        }

        foreach (var name in new[] { "section-2.3.2-presentation-with-kb", "appendix-B.1-pid-presentation-with-kb" })
        {
            var example = vector[name]!;
            var kb = example["kb_jwt_payload"]!;
            var result = await new SdJwtVerifier(new SdJwtVerifierOptions
            {
                IssuerKeyResolver = verifier.Options.IssuerKeyResolver,
                AcceptedTypes = ["dc+sd-jwt"],
                TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(kb["iat"]!.GetValue<long>())),
            }).VerifyAsync(Strip(example["compact"]!.GetValue<string>()), new KeyBindingExpectation(kb["aud"]!.GetValue<string>(), kb["nonce"]!.GetValue<string>()));
            result.Errors.Should().BeEmpty(name);
            JsonNode.DeepEquals(result.Payload, example["processed_payload"]).Should().BeTrue(name);
        }
    }

    private static SdJwtVerifier Verifier(JsonNode vector) => new(new SdJwtVerifierOptions
    {
        IssuerKeyResolver = new StaticIssuerKeyResolver(Vectors.Jwk(vector["issuer_public_jwk"]!)),
        TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(KbIssuedAt)),
    });

    private static string Strip(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
