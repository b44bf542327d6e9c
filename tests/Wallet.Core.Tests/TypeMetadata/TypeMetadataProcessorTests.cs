using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Tests.StatusList;
using Wallet.Core.TypeMetadata;

namespace Wallet.Core.Tests.TypeMetadata;

/// <summary>Retrieval, <c>extends</c> and claim metadata validation (draft-ietf-oauth-sd-jwt-vc-18 §4.3, §4.4, §4.6, §4.7, §5).</summary>
public sealed class TypeMetadataProcessorTests : IDisposable
{
    // draft-ietf-oauth-sd-jwt-vc-18 §4.6.5, Example Base / Child Type Metadata Document.
    private const string BaseVct = "https://example.com/base-type-metadata";
    private const string ChildVct = "https://example.com/custom-type-metadata";

    private const string BaseDocument = """
        {
          "vct": "https://example.com/base-type-metadata",
          "display": [{"locale": "en", "name": "Base"}],
          "claims": [
            {"path": ["name"], "display": [{"label": "Full Name", "locale": "en"}]},
            {"path": ["address", "city"], "display": [{"label": "City", "locale": "en"}]}
          ]
        }
        """;

    private const string ChildDocument = """
        {
          "vct": "https://example.com/custom-type-metadata",
          "extends": "https://example.com/base-type-metadata",
          "claims": [
            {"path": ["address", "city"], "display": [{"label": "Town", "locale": "en"}]},
            {"path": ["nationalities"], "display": [{"label": "Nationalities", "locale": "en"}]}
          ]
        }
        """;

    private readonly StubHttpHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task Child_claim_metadata_overrides_the_base_per_path_and_inherits_the_rest_draft_ietf_oauth_sd_jwt_vc_4_6_5()
    {
        var result = await Processor((BaseVct, BaseDocument), (ChildVct, ChildDocument)).ResolveAsync(ChildVct, null);

        result.Errors.Should().BeEmpty();
        // The draft's "Effective Claim Metadata for Child Type".
        result.Metadata!.Claims.Select(c => (c.Path.ToString(), c.Display!.Single().Label)).Should().Equal(
            ("name", "Full Name"), ("address/city", "Town"), ("nationalities", "Nationalities"));
        result.Metadata.Chain.Select(d => d.Vct).Should().Equal(ChildVct, BaseVct);
    }

    [Fact]
    public async Task Display_of_the_extended_type_holds_unless_the_extending_type_has_its_own_draft_ietf_oauth_sd_jwt_vc_4_5_2()
    {
        var inherited = await Processor((BaseVct, BaseDocument), (ChildVct, ChildDocument)).ResolveAsync(ChildVct, null);
        var own = await Processor((BaseVct, BaseDocument), (ChildVct, ChildDocument.Replace("\"claims\"", "\"display\": [{\"locale\": \"nb\", \"name\": \"Barn\"}], \"claims\"", StringComparison.Ordinal))).ResolveAsync(ChildVct, null);

        inherited.Metadata!.Display.Select(d => d.Name).Should().Equal("Base");
        own.Metadata!.Display.Select(d => d.Name).Should().Equal("Barn");
    }

    [Fact]
    public async Task Document_matching_vct_integrity_and_extends_integrity_is_processed_draft_ietf_oauth_sd_jwt_vc_5()
    {
        var child = ChildDocument.Replace("\"claims\"", $"\"extends#integrity\": \"{Sha(BaseDocument)}\", \"claims\"", StringComparison.Ordinal);

        var result = await Processor((BaseVct, BaseDocument), (ChildVct, child)).ResolveAsync(ChildVct, Sha(child));

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task Document_that_does_not_match_vct_integrity_is_rejected_draft_ietf_oauth_sd_jwt_vc_5()
    {
        var result = await Processor((BaseVct, BaseDocument), (ChildVct, ChildDocument)).ResolveAsync(ChildVct, Sha(ChildDocument + " "));

        result.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.IntegrityMismatch);
        result.IsUnavailable.Should().BeFalse();
    }

    [Fact]
    public async Task Extended_document_that_does_not_match_extends_integrity_is_rejected_draft_ietf_oauth_sd_jwt_vc_5()
    {
        var child = ChildDocument.Replace("\"claims\"", $"\"extends#integrity\": \"{Sha(BaseDocument + " ")}\", \"claims\"", StringComparison.Ordinal);

        var result = await Processor((BaseVct, BaseDocument), (ChildVct, child)).ResolveAsync(ChildVct, null);

        result.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.IntegrityMismatch);
        result.Errors[0].Message.Should().Contain("'extends' of '" + ChildVct + "'");
    }

    [Fact]
    public async Task Credential_vct_integrity_that_is_not_sri_is_rejected_draft_ietf_oauth_sd_jwt_vc_4_3()
    {
        var result = await Processor((ChildVct, BaseDocument)).ResolveAsync(ChildVct, "sha1-abc");

        result.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.IntegrityInvalid);
    }

    [Theory]
    [InlineData("urn:a", """{"vct":"urn:a","extends":"urn:a"}""", "urn:b", """{"vct":"urn:b"}""")]
    [InlineData("urn:a", """{"vct":"urn:a","extends":"urn:b"}""", "urn:b", """{"vct":"urn:b","extends":"urn:a"}""")]
    public async Task Circular_extends_is_rejected_draft_ietf_oauth_sd_jwt_vc_6_3(string vctA, string documentA, string vctB, string documentB)
    {
        var result = await Processor((vctA, documentA), (vctB, documentB)).ResolveAsync("urn:a", null);

        result.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.ExtendsCycle);
    }

    [Fact]
    public async Task Extends_chain_longer_than_the_limit_is_rejected()
    {
        var documents = Enumerable.Range(0, 5).Select(i => ($"urn:t:{i}", $$"""{"vct":"urn:t:{{i}}","extends":"urn:t:{{i + 1}}"}""")).Append(("urn:t:5", """{"vct":"urn:t:5"}""")).ToArray();

        var tooLong = await new TypeMetadataProcessor([Registry(documents)], maxChainLength: 5).ResolveAsync("urn:t:0", null);
        var fits = await new TypeMetadataProcessor([Registry(documents)], maxChainLength: 6).ResolveAsync("urn:t:0", null);

        tooLong.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.ExtendsTooDeep);
        fits.IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task Document_for_another_vct_is_rejected_draft_ietf_oauth_sd_jwt_vc_4_3()
    {
        var result = await Processor((ChildVct, BaseDocument)).ResolveAsync(ChildVct, null);

        result.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.VctMismatch);
    }

    [Theory]
    [InlineData("always", "never")]
    [InlineData("never", "allowed")]
    public async Task Extending_type_must_not_change_sd_always_or_never_draft_ietf_oauth_sd_jwt_vc_4_6_5_1(string baseSd, string childSd)
    {
        var result = await Processor(
            ("urn:base", $$"""{"vct":"urn:base","claims":[{"path":["a"],"sd":"{{baseSd}}"}]}"""),
            ("urn:child", $$"""{"vct":"urn:child","extends":"urn:base","claims":[{"path":["a"],"sd":"{{childSd}}"}]}""")).ResolveAsync("urn:child", null);

        result.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.ExtendsOverrideForbidden);
    }

    [Fact]
    public async Task Extending_type_must_not_make_a_mandatory_claim_optional_but_may_tighten_draft_ietf_oauth_sd_jwt_vc_4_6_5_1()
    {
        var loosened = await Processor(
            ("urn:base", """{"vct":"urn:base","claims":[{"path":["a"],"mandatory":true}]}"""),
            ("urn:child", """{"vct":"urn:child","extends":"urn:base","claims":[{"path":["a"],"mandatory":false}]}""")).ResolveAsync("urn:child", null);
        var tightened = await Processor(
            ("urn:base", """{"vct":"urn:base","claims":[{"path":["a"],"sd":"allowed"}]}"""),
            ("urn:child", """{"vct":"urn:child","extends":"urn:base","claims":[{"path":["a"],"mandatory":true,"sd":"always"}]}""")).ResolveAsync("urn:child", null);

        loosened.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.ExtendsOverrideForbidden);
        tightened.Metadata!.Claims.Single().Should().Match<ClaimMetadata>(c => c.IsMandatory && c.Rule == SelectiveDisclosureRule.Always);
    }

    [Fact]
    public async Task Missing_document_is_reported_as_unavailable_draft_ietf_oauth_sd_jwt_vc_4_7()
    {
        var missingBase = await Processor((ChildVct, ChildDocument)).ResolveAsync(ChildVct, null);

        missingBase.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.Unavailable);
        missingBase.IsUnavailable.Should().BeTrue();
    }

    [Fact]
    public async Task Sources_are_tried_in_order_until_one_has_the_document()
    {
        var processor = new TypeMetadataProcessor([Registry(), Registry((BaseVct, BaseDocument))]);

        (await processor.ResolveAsync(BaseVct, null)).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"path":["a"],"sd":"always"}""", """{"a":1}""", new string[0], TypeMetadataErrorCodes.ClaimMustBeSelectivelyDisclosable)]
    [InlineData("""{"path":["a"],"sd":"never"}""", """{"a":1}""", new[] { "a" }, TypeMetadataErrorCodes.ClaimMustNotBeSelectivelyDisclosable)]
    [InlineData("""{"path":["l",null],"sd":"always"}""", """{"l":[1,2]}""", new[] { "l/0" }, TypeMetadataErrorCodes.ClaimMustBeSelectivelyDisclosable)]
    [InlineData("""{"path":["a","b"]}""", """{"a":"text"}""", new string[0], TypeMetadataErrorCodes.ClaimPathError)]
    [InlineData("""{"path":["a",0]}""", """{"a":{"b":1}}""", new string[0], TypeMetadataErrorCodes.ClaimPathError)]
    [InlineData("""{"path":["a"],"mandatory":true,"sd":"never"}""", """{"b":1}""", new string[0], TypeMetadataErrorCodes.MandatoryClaimMissing)]
    public async Task Payload_that_breaks_its_claim_metadata_is_rejected_draft_ietf_oauth_sd_jwt_vc_4_6(string claim, string payload, string[] disclosed, string expectedCode)
    {
        var result = await Validate(claim, payload, disclosed, allDisclosuresKnown: false);

        result.Errors.Select(e => e.Code).Should().Equal(expectedCode);
        result.IsUnavailable.Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"path":["a"],"sd":"always"}""", """{"a":1}""", new[] { "a" })]
    [InlineData("""{"path":["a"],"sd":"never"}""", """{"a":1}""", new string[0])]
    [InlineData("""{"path":["l",null],"sd":"always"}""", """{"l":[1,2]}""", new[] { "l/0", "l/1" })]
    [InlineData("""{"path":["missing","deeper"],"sd":"never"}""", """{"a":1}""", new string[0])]
    [InlineData("""{"path":["a"],"mandatory":true,"sd":"always"}""", """{"b":1}""", new string[0])]
    [InlineData("""{"path":["a","b"],"mandatory":true,"sd":"never"}""", """{"c":1}""", new string[0])]
    public async Task Payload_that_keeps_its_claim_metadata_passes_and_an_empty_selection_is_no_error_draft_ietf_oauth_sd_jwt_vc_4_6_1_2(string claim, string payload, string[] disclosed)
    {
        var result = await Validate(claim, payload, disclosed, allDisclosuresKnown: false);

        result.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Holder_with_every_disclosure_finds_a_missing_mandatory_claim_a_verifier_cannot_draft_ietf_oauth_sd_jwt_vc_4_6()
    {
        const string claim = """{"path":["a"],"mandatory":true,"sd":"always"}""";

        var holder = await Validate(claim, """{"b":1}""", [], allDisclosuresKnown: true);
        var verifier = await Validate(claim, """{"b":1}""", [], allDisclosuresKnown: false);

        holder.Errors.Select(e => e.Code).Should().Equal(TypeMetadataErrorCodes.MandatoryClaimMissing);
        verifier.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Labels_are_chosen_by_locale_then_language_then_first_draft_ietf_oauth_sd_jwt_vc_4_6_2()
    {
        var result = await Processor(("urn:x", """
            {"vct":"urn:x","claims":[{"path":["l",null],"display":[{"locale":"en","label":"Item"},{"locale":"nb","label":"Element"}]}]}
            """)).ResolveAsync("urn:x", null);
        var element = new ClaimPath([ClaimPathSegment.Member("l"), ClaimPathSegment.Element(3)]);

        result.Metadata!.LabelFor(element, "nb-NO")!.Label.Should().Be("Element");
        result.Metadata.LabelFor(element, "en")!.Label.Should().Be("Item");
        result.Metadata.LabelFor(element, "de")!.Label.Should().Be("Item");
        result.Metadata.LabelFor(ClaimPath.Of("other"), "en").Should().BeNull();
    }

    [Fact]
    public async Task Https_vct_is_retrieved_from_itself_and_other_types_from_the_registry_draft_ietf_oauth_sd_jwt_vc_4_3_1_and_4_3_2()
    {
        _handler.Respond = (request, _) => Task.FromResult(StubHttpHandler.Ok(Encoding.UTF8.GetBytes(request.RequestUri!.AbsoluteUri.Contains("registry", StringComparison.Ordinal) ? """{"vct":"urn:eudi:pid:1"}""" : BaseDocument), "application/json"));
        var source = Http(new HttpTypeMetadataSourceOptions { Registry = new Uri("https://registry.example/type-metadata") });

        var https = await new TypeMetadataProcessor([source]).ResolveAsync(BaseVct, null);
        var urn = await new TypeMetadataProcessor([source]).ResolveAsync("urn:eudi:pid:1", null);

        https.IsValid.Should().BeTrue(string.Join("; ", https.Errors));
        urn.IsValid.Should().BeTrue(string.Join("; ", urn.Errors));
        _handler.Requests.Select(r => r.RequestUri!.AbsoluteUri).Should().Equal(BaseVct, "https://registry.example/type-metadata/urn%3Aeudi%3Apid%3A1");
        _handler.Requests.Should().OnlyContain(r => r.Headers.Accept.Single().MediaType == "application/json");
    }

    [Fact]
    public async Task Error_answer_wrong_media_type_and_missing_registry_are_unavailable_never_used_draft_ietf_oauth_sd_jwt_vc_3()
    {
        _handler.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent(BaseDocument, Encoding.UTF8, "application/json") });
        var notFound = await Http().RetrieveAsync(BaseVct);
        _handler.Respond = (_, _) => Task.FromResult(StubHttpHandler.Ok(Encoding.UTF8.GetBytes(BaseDocument), "text/html"));
        var wrongType = await Http().RetrieveAsync(BaseVct);
        var noRegistry = await Http().RetrieveAsync("urn:eudi:pid:1");
        var plainHttp = await Http().RetrieveAsync("http://example.com/type");

        foreach (var retrieval in new[] { notFound, wrongType, noRegistry, plainHttp })
        {
            retrieval.IsFound.Should().BeFalse();
            retrieval.Error!.Code.Should().Be(TypeMetadataErrorCodes.Unavailable);
        }

        _handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Document_larger_than_the_limit_is_not_used()
    {
        _handler.Respond = (_, _) => Task.FromResult(StubHttpHandler.Ok(new byte[2048], "application/json"));

        var retrieval = await Http(new HttpTypeMetadataSourceOptions { MaxResponseBytes = 1024 }).RetrieveAsync(BaseVct);

        retrieval.IsFound.Should().BeFalse();
    }

    private static string Sha(string document) => IntegrityMetadata.Sha256Of(Encoding.UTF8.GetBytes(document));

    private static LocalTypeMetadataRegistry Registry(params (string Vct, string Json)[] documents) =>
        new(documents.ToDictionary(d => d.Vct, d => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(d.Json)));

    private static TypeMetadataProcessor Processor(params (string Vct, string Json)[] documents) => new([Registry(documents)]);

    private static async Task<TypeMetadataResult> Validate(string claim, string payload, string[] disclosed, bool allDisclosuresKnown)
    {
        var processor = Processor(("urn:x", $$"""{"vct":"urn:x","claims":[{{claim}}]}"""));
        var paths = disclosed.Select(p => { ClaimPath.TryParse(p, out var path, out _).Should().BeTrue(); return path!; }).ToList();
        return await processor.ProcessAsync("urn:x", null, (JsonObject)JsonNode.Parse(payload)!, paths, allDisclosuresKnown);
    }

    private HttpTypeMetadataSource Http(HttpTypeMetadataSourceOptions? options = null) =>
        new(new HttpClient(_handler, disposeHandler: false), TimeProvider.System, options);
}
