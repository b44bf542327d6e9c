using System.Text;
using Wallet.Core.Json;

namespace Wallet.Core.Tests.Json;

/// <summary>
/// The one parse entry point for JSON from other parties: every string and member name is valid Unicode before a
/// document exists (RFC 8259 §8.1), so <c>GetString()</c> cannot throw later.
/// </summary>
public sealed class StrictJsonTests
{
    public static TheoryData<string> Cases => [.. InvalidUnicode.All.Select(c => c.Name)];

    private static byte[] Case(string name) => InvalidUnicode.All.Single(c => c.Name == name).Bytes;

    [Theory]
    [MemberData(nameof(Cases))]
    public void String_value_that_is_not_valid_unicode_is_rejected_RFC8259_8_1(string name)
    {
        StrictJson.TryParse(InvalidUnicode.Fill("""{"a":["ok","@"]}""", Case(name)), 8, false, out var document, out var error).Should().BeFalse();

        document.Should().BeNull();
        error!.Code.Should().Be(JsonErrorCodes.InvalidUtf8);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Member_name_that_is_not_valid_unicode_is_rejected_RFC8259_8_1(string name)
    {
        StrictJson.TryParseElement(InvalidUnicode.Fill("""{"a":{"@":1}}""", Case(name)), 8, false, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(JsonErrorCodes.InvalidUtf8);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Node_parse_rejects_what_document_parse_rejects(string name)
    {
        var json = InvalidUnicode.Fill("""{"k":"@"}""", Case(name));

        StrictJson.TryParseNode(json, 8, false, out var node, out var error).Should().BeFalse();

        node.Should().BeNull();
        error!.Code.Should().Be(JsonErrorCodes.InvalidUtf8);
    }

    [Theory]
    [InlineData(@"{""a"":""\udc00""}")]
    [InlineData(@"{""\ud800"":1}")]
    public void Text_with_an_escaped_lone_surrogate_is_rejected_RFC8259_8_2(string json)
    {
        StrictJson.TryParseElement(json, 8, false, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(JsonErrorCodes.InvalidUtf8);
    }

    [Fact]
    public void Text_holding_a_lone_surrogate_character_is_rejected_instead_of_silently_replaced()
    {
        StrictJson.TryParseElement("{\"a\":\"\uDC00\"}", 8, false, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(JsonErrorCodes.InvalidUtf8);
    }

    [Theory]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, "\U0001F600")]
    [InlineData(new byte[] { 0xE2, 0x82, 0xAC }, "€")]
    [InlineData(new byte[] { 0x5C, 0x75, 0x64, 0x38, 0x33, 0x64, 0x5C, 0x75, 0x64, 0x65, 0x30, 0x30 }, "\U0001F600")]
    [InlineData(new byte[] { 0x5C, 0x75, 0x30, 0x30, 0x65, 0x39 }, "é")]
    public void Valid_unicode_raw_or_escaped_is_read_back_exactly(byte[] inside, string expected)
    {
        StrictJson.TryParseElement(InvalidUnicode.Fill("""{"k":"@"}""", inside), 8, false, out var element, out var error)
            .Should().BeTrue(error?.ToString());

        element.GetProperty("k").GetString().Should().Be(expected);
    }

    [Theory]
    [InlineData("{", JsonErrorCodes.Malformed)]
    [InlineData("", JsonErrorCodes.Malformed)]
    [InlineData("{} {}", JsonErrorCodes.Malformed)]
    [InlineData("{\"a\":1,}", JsonErrorCodes.Malformed)]
    [InlineData("// comment\n{}", JsonErrorCodes.Malformed)]
    [InlineData("{\"a\":1,\"a\":2}", JsonErrorCodes.DuplicateMember)]
    [InlineData("{\"a\":{\"b\":1,\"b\":1}}", JsonErrorCodes.DuplicateMember)]
    [InlineData("{\"a\":{\"b\":{}}}", JsonErrorCodes.TooDeep)]
    [InlineData("[[[1]]]", JsonErrorCodes.TooDeep)]
    public void Malformed_repeated_or_too_deep_json_gets_its_own_code(string json, string code)
    {
        StrictJson.TryParse(json, 2, allowDuplicateProperties: false, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(code);
    }

    [Theory]
    [InlineData("{\"a\":{\"b\":1}}")]
    [InlineData("[[1]]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Json_exactly_at_the_depth_limit_is_accepted(string json)
    {
        StrictJson.TryParse(Encoding.UTF8.GetBytes(json), 2, allowDuplicateProperties: false, out var document, out var error).Should().BeTrue(error?.ToString());

        document!.Dispose();
    }

    [Fact]
    public void Repeated_member_names_are_accepted_when_the_caller_allows_them()
    {
        StrictJson.TryParseElement("{\"a\":1,\"a\":2}", 2, allowDuplicateProperties: true, out var element, out var error).Should().BeTrue(error?.ToString());

        element.EnumerateObject().Should().HaveCount(2);
    }
}
