using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;

namespace Wallet.Core.Tests.Jose;

/// <summary>Claims path pointer (OpenID4VP 1.0 §7).</summary>
public class ClaimPathTests
{
    private static readonly JsonNode Credential = JsonNode.Parse("""{"name":"A","name_birth":"B","degrees":[{"type":"x"},{"type":"y"}],"nationalities":["NO","SE"]}""")!;

    [Theory]
    [InlineData("""["name"]""", """["A"]""")]
    [InlineData("""["degrees",null,"type"]""", """["x","y"]""")]
    [InlineData("""["nationalities",1]""", """["SE"]""")]
    public void Selects_by_member_all_elements_and_index_OID4VP_7_1(string path, string expected)
    {
        using var document = JsonDocument.Parse(path);
        ClaimPath.TryParse(document.RootElement, out var parsed, out _).Should().BeTrue();

        parsed!.TrySelect(Credential, out var selected, out var error).Should().BeTrue(error);

        new JsonArray(selected.Select(n => n?.DeepClone()).ToArray()).ToJsonString().Should().Be(expected);
    }

    [Theory]
    [InlineData("""["name",0]""")]
    [InlineData("""["nationalities","x"]""")]
    [InlineData("""["missing"]""")]
    [InlineData("""["nationalities",5]""")]
    public void Type_mismatch_or_empty_selection_is_an_error_OID4VP_7_1(string path)
    {
        using var document = JsonDocument.Parse(path);
        ClaimPath.TryParse(document.RootElement, out var parsed, out _).Should().BeTrue();

        parsed!.TrySelect(Credential, out _, out var error).Should().BeFalse();

        error.Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[-1]""")]
    [InlineData("""[1.5]""")]
    [InlineData("""[true]""")]
    [InlineData("""{"a":1}""")]
    public void Invalid_pointer_is_rejected_OID4VP_7(string json)
    {
        using var document = JsonDocument.Parse(json);

        ClaimPath.TryParse(document.RootElement, out _, out var error).Should().BeFalse();

        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Text_form_parses_members_indices_and_wildcards()
    {
        ClaimPath.TryParse("degrees/*/type", out var path, out _).Should().BeTrue();

        path!.ToJsonArray().ToJsonString().Should().Be("""["degrees",null,"type"]""");
        ClaimPath.TryParse("nationalities/0", out var indexed, out _).Should().BeTrue();
        indexed!.Segments[1].IsIndex.Should().BeTrue();
    }

    [Fact]
    public void Paths_match_segment_by_segment_not_by_prefix()
    {
        ClaimPath.Of("name").Matches(ClaimPath.Of("name_birth")).Should().BeFalse();
        ClaimPath.Of("name").IsPrefixPatternOf(ClaimPath.Of("name", "x")).Should().BeTrue();
        new ClaimPath([ClaimPathSegment.Member("n"), ClaimPathSegment.AllElements]).Matches(new ClaimPath([ClaimPathSegment.Member("n"), ClaimPathSegment.Element(3)])).Should().BeTrue();
    }
}
