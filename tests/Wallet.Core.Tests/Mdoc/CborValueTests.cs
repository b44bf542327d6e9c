using System.Text.Json.Nodes;
using Wallet.Core.Mdoc;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>Typed data element values, their deterministic encoding and their JSON / diagnostic views.</summary>
public class CborValueTests
{
    [Fact]
    public void Full_date_is_tag_1004_over_YYYY_MM_DD_RFC8943()
    {
        Convert.ToHexStringLower(CborValue.FullDate(new DateOnly(2019, 10, 20)).Encoded.Span)
            .Should().Be("d903ec6a323031392d31302d3230");
    }

    [Fact]
    public void Tdate_is_tag_0_in_UTC_whole_seconds_RFC8949_3_4_1()
    {
        var value = CborValue.DateTime(new DateTimeOffset(2020, 10, 1, 15, 30, 2, 750, TimeSpan.FromHours(2)));

        CborDiagnostics.TryToDiagnosticNotation(value.Encoded, out var text, out _).Should().BeTrue();
        text.Should().Be("0(\"2020-10-01T13:30:02Z\")");
    }

    [Fact]
    public void Map_keys_are_written_in_bytewise_order_of_their_encodings_RFC8949_4_2_1()
    {
        var map = CborValue.MapWithCborKeys([
            new(CborValue.Text("b"), CborValue.Integer(1)),
            new(CborValue.Integer(1000), CborValue.Integer(2)),
            new(CborValue.Text("aa"), CborValue.Integer(3)),
            new(CborValue.Integer(-1), CborValue.Integer(4)),
        ]);

        // 1000 = 19 03e8, -1 = 20, "b" = 61 62, "aa" = 62 6161: bytewise, not length-first.
        Convert.ToHexStringLower(map.Encoded.Span).Should().Be("a41903e802200461620162616103");
    }

    [Fact]
    public void Integers_and_lengths_use_the_shortest_form_RFC8949_4_2_1()
    {
        Convert.ToHexStringLower(CborValue.Integer(23).Encoded.Span).Should().Be("17");
        Convert.ToHexStringLower(CborValue.Integer(24).Encoded.Span).Should().Be("1818");
        Convert.ToHexStringLower(CborValue.Integer(-500).Encoded.Span).Should().Be("3901f3");
        Convert.ToHexStringLower(CborValue.Float(1.5).Encoded.Span).Should().Be("f93e00");
    }

    [Fact]
    public void Decoded_value_keeps_its_received_bytes_even_when_not_deterministic()
    {
        var nonCanonical = Convert.FromHexString("1900ff"); // 255 in a 2-byte argument

        CborValue.TryDecode(nonCanonical, out var value, out var error).Should().BeTrue(error?.ToString());

        value!.AsInteger().Should().Be(255);
        value.Encoded.ToArray().Should().Equal(nonCanonical);
    }

    [Fact]
    public void Invalid_full_date_content_is_malformed_RFC8943()
    {
        var bad = Convert.FromHexString("d903ec6a323031392d31332d3430"); // 1004("2019-13-40")

        CborValue.TryDecode(bad, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.Malformed);
    }

    [Fact]
    public void JSON_view_uses_base64url_for_bytes_and_text_for_dates()
    {
        var value = CborValue.Map([
            new("portrait", CborValue.Bytes([0xFF, 0xD8])),
            new("birth_date", CborValue.FullDate(new DateOnly(1964, 8, 12))),
            new("nationality", CborValue.Array(CborValue.Text("DE"))),
            new("age_over_18", CborValue.True),
        ]);

        var json = value.ToJsonNode()!.AsObject();

        json["portrait"]!.GetValue<string>().Should().Be("_9g");
        json["birth_date"]!.GetValue<string>().Should().Be("1964-08-12");
        json["nationality"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("DE");
        json["age_over_18"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Diagnostic_notation_expands_embedded_CBOR_RFC8610_G_3()
    {
        var item = Convert.FromHexString("d818438201f6"); // 24(<< [1, null] >>)

        CborDiagnostics.TryToDiagnosticNotation(item, out var expanded, out _).Should().BeTrue();
        CborDiagnostics.TryToDiagnosticNotation(item, out var raw, out _, expandEmbeddedCbor: false).Should().BeTrue();

        expanded.Should().Be("24(<< [1, null] >>)");
        raw.Should().Be("24(h'8201f6')");
    }

    [Fact]
    public void Whole_Annex_D_DeviceResponse_renders_as_JSON_with_embedded_items_decoded()
    {
        CborDiagnostics.TryToJson(AnnexD.DeviceResponse, out var json, out var error).Should().BeTrue(error?.ToString());

        var root = JsonNode.Parse(json!)!;
        var document = root["documents"]![0]!;
        document["docType"]!.GetValue<string>().Should().Be(AnnexD.DocType);
        var item = document["issuerSigned"]!["nameSpaces"]![AnnexD.NameSpace]![0]!;
        item["elementIdentifier"]!.GetValue<string>().Should().Be("family_name");
        item["elementValue"]!.GetValue<string>().Should().Be("Doe");
    }

    [Fact]
    public void Diagnostics_of_malformed_input_is_a_typed_error()
    {
        CborDiagnostics.TryToDiagnosticNotation(Convert.FromHexString("a3"), out _, out var error).Should().BeFalse();
        error!.Code.Should().Be(MdocErrorCodes.Malformed);
    }
}
