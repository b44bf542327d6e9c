using System.Formats.Cbor;
using Wallet.Core.Mdoc;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>Malformed and oversized input becomes a typed error, never an exception.</summary>
public class MdocParsingTests
{
    public static TheoryData<string, string, string> MalformedInputs => new()
    {
        { "empty input", "", MdocErrorCodes.Malformed },
        { "truncated map", "a3676f", MdocErrorCodes.Malformed },
        { "not a map", "83010203", MdocErrorCodes.Malformed },
        { "trailing bytes", "a0a0", MdocErrorCodes.Malformed },
        { "reserved additional info", "1c", MdocErrorCodes.Malformed },
        { "invalid UTF-8 text", "a16176627fff", MdocErrorCodes.Malformed },
        { "duplicate map key", "a26776657273696f6e63312e306776657273696f6e63312e30", MdocErrorCodes.Malformed },
        { "indefinite-length map", "bf6776657273696f6e63312e30ff", MdocErrorCodes.Malformed },
        { "missing status", "a16776657273696f6e63312e30", MdocErrorCodes.Malformed },
        { "documents is not an array", "a36776657273696f6e63312e3069646f63756d656e7473a066737461747573 00".Replace(" ", "", StringComparison.Ordinal), MdocErrorCodes.Malformed },
        { "document without issuerSigned", "a36776657273696f6e63312e3069646f63756d656e747381a167646f6354797065617866737461747573 00".Replace(" ", "", StringComparison.Ordinal), MdocErrorCodes.Malformed },
        { "issuerAuth not a COSE array", "a36776657273696f6e63312e3069646f63756d656e747381a267646f63547970656178 6c6973737565725369676e6564 a1 6a69737375657241757468 01 66737461747573 00".Replace(" ", "", StringComparison.Ordinal), MdocErrorCodes.IssuerAuthMalformed },
    };

    [Theory]
    [MemberData(nameof(MalformedInputs))]
    public void Malformed_DeviceResponse_is_a_typed_error(string what, string hex, string expected)
    {
        DeviceResponse.TryParse(Convert.FromHexString(hex), out var response, out var error).Should().BeFalse(what);

        response.Should().BeNull();
        error!.Code.Should().Be(expected, what);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_before_parsing()
    {
        var deep = new byte[10_000];
        deep.AsSpan().Fill(0x81); // [[[[…
        deep[^1] = 0x00;

        DeviceResponse.TryParse(deep, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.TooDeep);
    }

    [Fact]
    public void Tag_chains_count_towards_the_depth_limit()
    {
        var tags = Enumerable.Repeat((byte)0xC1, 100).Append((byte)0x00).ToArray(); // 1(1(1(…(0))))

        CborValue.TryDecode(tags, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.TooDeep);
    }

    [Fact]
    public void Deep_nesting_inside_embedded_CBOR_is_also_bounded()
    {
        var inner = Enumerable.Repeat((byte)0x81, 40).Append((byte)0x00).ToArray();
        var writer = new CborWriter();
        writer.WriteTag((CborTag)24);
        writer.WriteByteString(inner);

        IssuerSignedItem.TryParse(writer.Encode(), out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.TooDeep);
    }

    [Fact]
    public void Input_above_the_size_limit_is_rejected()
    {
        var limits = MdocLimits.Default with { MaxInputBytes = 1024 };
        var writer = new CborWriter();
        writer.WriteByteString(new byte[2048]);

        DeviceResponse.TryParse(writer.Encode(), out _, out var error, limits).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.TooLarge);
    }

    [Fact]
    public void Base64url_vp_token_above_the_size_limit_is_rejected_before_decoding()
    {
        var limits = MdocLimits.Default with { MaxInputBytes = 16 };

        DeviceResponse.TryParseBase64Url(new string('A', 100), out _, out var error, limits).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.TooLarge);
    }

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("oA==")]
    [InlineData("")]
    public void Vp_token_that_is_not_base64url_is_malformed_OID4VP_B_2_5(string vpToken)
    {
        DeviceResponse.TryParseBase64Url(vpToken, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.Malformed);
    }

    [Fact]
    public void Container_longer_than_the_limit_is_rejected()
    {
        var limits = MdocLimits.Default with { MaxContainerLength = 8 };
        var writer = new CborWriter();
        writer.WriteStartArray(9);
        for (var i = 0; i < 9; i++)
        {
            writer.WriteInt32(i);
        }

        writer.WriteEndArray();

        CborValue.TryDecode(writer.Encode(), out _, out var error, limits).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.TooLarge);
    }

    [Fact]
    public void Array_header_claiming_more_items_than_bytes_exist_is_malformed_not_an_allocation()
    {
        // Array of 2^32-1 elements with no content.
        var bogus = Convert.FromHexString("9affffffff");

        DeviceResponse.TryParse(bogus, out _, out var error).Should().BeFalse();

        error!.Code.Should().BeOneOf(MdocErrorCodes.TooLarge, MdocErrorCodes.Malformed);
    }

    [Fact]
    public async Task Random_and_bit_flipped_inputs_never_throw()
    {
        var random = new Random(18013);
        var valid = AnnexD.DeviceResponse;
        var verifier = new MdocVerifier(AnnexD.VerifierOptions());
        for (var i = 0; i < 300; i++)
        {
            var input = (byte[])valid.Clone();
            for (var flips = 0; flips < 1 + (i % 4); flips++)
            {
                input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
            }

            var truncated = input.AsMemory(0, random.Next(input.Length + 1));
            var result = await verifier.VerifyAsync(i % 2 == 0 ? input : truncated, AnnexD.Transcript());
            result.IsValid.Should().BeFalse();
            result.AllErrors.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void MSO_with_unknown_digest_algorithm_is_rejected_ISO18013_5_9_1_2_5()
    {
        var mso = AnnexD.DerivedHex("mso_bytes_hex");
        var hex = Convert.ToHexStringLower(mso).Replace(Convert.ToHexStringLower("SHA-256"u8), Convert.ToHexStringLower("SHA-999"u8), StringComparison.Ordinal);

        MobileSecurityObject.TryParse(Convert.FromHexString(hex), out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.DigestAlgorithmUnsupported);
    }

    [Theory]
    [InlineData(-1, "one trailing byte after the tag-24 item")]
    [InlineData(+1, "tag-24 byte string one byte longer than the payload")]
    [InlineData(0, "tag 25 instead of 24")]
    public void IssuerAuth_payload_that_is_not_one_tag24_item_is_an_invalid_MSO_ISO18013_5_9_1_2_4(int lengthChange, string what)
    {
        var tampered = AnnexD.DeviceResponse;
        var mso = Convert.ToHexStringLower(AnnexD.DerivedHex("mso_bytes_hex"));
        var at = Convert.ToHexStringLower(tampered).IndexOf(mso, StringComparison.Ordinal) / 2;

        // MobileSecurityObjectBytes = d8 18 59 <uint16 length> <MSO>.
        tampered[at - 5].Should().Be(0xD8);
        if (lengthChange == 0)
        {
            tampered[at - 4] = 0x19;
        }
        else
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tampered.AsSpan(at - 2), (ushort)(AnnexD.DerivedHex("mso_bytes_hex").Length + lengthChange));
        }

        DeviceResponse.TryParse(tampered, out _, out var error).Should().BeFalse(what);

        error!.Code.Should().Be(MdocErrorCodes.MsoInvalid, what);
    }

    [Fact]
    public void MSO_without_validityInfo_is_invalid_ISO18013_5_9_1_2_4()
    {
        var mso = AnnexD.DerivedHex("mso_bytes_hex");
        var hex = Convert.ToHexStringLower(mso).Replace(Convert.ToHexStringLower("validityInfo"u8), Convert.ToHexStringLower("validityInfX"u8), StringComparison.Ordinal);

        MobileSecurityObject.TryParse(Convert.FromHexString(hex), out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.MsoInvalid);
    }

    [Theory]
    [InlineData("a4010220012158200000000000000000000000000000000000000000000000000000000000000000225820" + "0000000000000000000000000000000000000000000000000000000000000000", "point not on the curve")]
    [InlineData("a201012001", "kty 1 (OKP) instead of EC2")]
    [InlineData("a3010220042140", "unknown curve")]
    public void Device_key_that_is_not_a_usable_EC2_COSE_Key_is_rejected_RFC9053_7_1_1(string hex, string what)
    {
        CoseKey.TryParse(Convert.FromHexString(hex), out _, out var error).Should().BeFalse(what);

        error!.Code.Should().Be(MdocErrorCodes.DeviceKeyInvalid, what);
    }

    [Fact]
    public void Malformed_status_reference_in_the_MSO_is_rejected_StatusList_6_3()
    {
        var writer = new CborWriter();
        writer.WriteStartMap(7);
        foreach (var (key, value) in MsoMembers(AnnexD.DerivedHex("mso_bytes_hex")))
        {
            writer.WriteTextString(key);
            writer.WriteEncodedValue(value);
        }

        writer.WriteTextString("status");
        writer.WriteEncodedValue(CborValue.Map([new("status_list", CborValue.Map([new("idx", CborValue.Text("seven")), new("uri", CborValue.Text("https://s.example/1"))]))]).Encoded.Span);
        writer.WriteEndMap();

        MobileSecurityObject.TryParse(writer.Encode(), out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(MdocErrorCodes.StatusInvalid);
    }

    private static List<(string, byte[])> MsoMembers(byte[] mso)
    {
        var reader = new CborReader(mso);
        var count = reader.ReadStartMap()!.Value;
        var members = new List<(string, byte[])>();
        for (var i = 0; i < count; i++)
        {
            members.Add((reader.ReadTextString(), reader.ReadEncodedValue().ToArray()));
        }

        return members;
    }
}
