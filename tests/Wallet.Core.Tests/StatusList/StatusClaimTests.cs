using System.Formats.Cbor;
using System.Security.Cryptography.Cose;
using System.Text.Json;
using Wallet.Core.StatusList;

namespace Wallet.Core.Tests.StatusList;

public class StatusClaimTests
{
    [Fact]
    public void Status_claim_of_the_spec_sd_jwt_example_parses_draft_ietf_oauth_status_list_6_2()
    {
        using var document = JsonDocument.Parse("""{"status":{"status_list":{"idx":0,"uri":"https://example.com/statuslists/1"}}}""");

        StatusClaim.TryParse(document.RootElement.GetProperty("status"), out var reference, out var error).Should().BeTrue(error?.ToString());

        reference.Should().Be(new StatusListReference(0, new Uri("https://example.com/statuslists/1")));
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{}""")]
    [InlineData("""{"other_mechanism":{}}""")]
    [InlineData("""{"status_list":"https://example.com/statuslists/1"}""")]
    [InlineData("""{"status_list":{"uri":"https://example.com/statuslists/1"}}""")]
    [InlineData("""{"status_list":{"idx":"0","uri":"https://example.com/statuslists/1"}}""")]
    [InlineData("""{"status_list":{"idx":-1,"uri":"https://example.com/statuslists/1"}}""")]
    [InlineData("""{"status_list":{"idx":1.5,"uri":"https://example.com/statuslists/1"}}""")]
    [InlineData("""{"status_list":{"idx":4294967296,"uri":"https://example.com/statuslists/1"}}""")]
    [InlineData("""{"status_list":{"idx":0}}""")]
    [InlineData("""{"status_list":{"idx":0,"uri":7}}""")]
    [InlineData("""{"status_list":{"idx":0,"uri":"statuslists/1"}}""")]
    public void Invalid_status_claim_is_rejected_draft_ietf_oauth_status_list_6_2(string json)
    {
        using var document = JsonDocument.Parse(json);

        StatusClaim.TryParse(document.RootElement, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(StatusListErrorCodes.InvalidReference);
    }

    [Fact]
    public void Referenced_token_cwt_of_the_spec_carries_a_status_list_reference_draft_ietf_oauth_status_list_6_3()
    {
        var message = CoseSign1Message.DecodeSign1(StatusListVectors.Hex("referenced_token_cwt", "hex"));
        using var key = StatusListVectors.PublicKey().ToECDsa();
        message.VerifyEmbedded(key).Should().BeTrue();

        var encodedStatus = ReadClaim(message.Content!.Value, StatusClaim.CwtClaimKey);

        StatusClaim.TryParseCbor(encodedStatus, out var reference, out var error).Should().BeTrue(error?.ToString());
        reference.Should().Be(new StatusListReference(0, new Uri("https://example.com/statuslists/1")));
    }

    [Fact]
    public void Written_status_claim_parses_back_in_json_and_cbor()
    {
        var reference = new StatusListReference(1234, new Uri("https://issuer.example/status/7"));
        using var json = JsonDocument.Parse(StatusClaim.ToJsonObject(reference).ToJsonString());

        StatusClaim.TryParse(json.RootElement, out var fromJson, out _).Should().BeTrue();
        StatusClaim.TryParseCbor(StatusClaim.ToCbor(reference), out var fromCbor, out _).Should().BeTrue();

        fromJson.Should().Be(reference);
        fromCbor.Should().Be(reference);
    }

    [Theory]
    [InlineData("a0")]
    [InlineData("80")]
    [InlineData("a16b7374617475735f6c69737401")]
    [InlineData("a16b7374617475735f6c697374a163757269782168747470733a2f2f6578616d706c652e636f6d2f7374617475736c697374732f31")]
    [InlineData("a16b7374617475735f6c697374a26369647820637572696178")]
    [InlineData("a16b7374617475735f6c697374a2636964780063757269676e6f742d757269")]
    [InlineData("ff")]
    public void Invalid_cbor_status_is_rejected_draft_ietf_oauth_status_list_6_3(string hex)
    {
        StatusClaim.TryParseCbor(Convert.FromHexString(hex), out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(StatusListErrorCodes.InvalidReference);
    }

    private static byte[] ReadClaim(ReadOnlyMemory<byte> claims, int key)
    {
        var reader = new CborReader(claims);
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (reader.ReadInt32() == key)
            {
                return reader.ReadEncodedValue().ToArray();
            }

            reader.SkipValue();
        }

        throw new InvalidOperationException($"Claim {key} not found.");
    }
}
