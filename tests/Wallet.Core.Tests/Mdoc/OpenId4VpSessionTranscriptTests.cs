using System.Text.Json;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.Tests.TestSupport;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>OpenID4VP 1.0 Appendix B.2.6 SessionTranscript vectors (Vectors/oid4vp/mdoc-session-transcript-handover.json).</summary>
public class OpenId4VpSessionTranscriptTests
{
    private static readonly System.Text.Json.Nodes.JsonNode Vector = Vectors.Load("oid4vp", "mdoc-session-transcript-handover.json");

    [Fact]
    public void Redirect_flow_SessionTranscript_is_byte_exact_OID4VP_B_2_6_1()
    {
        var flow = Vector["redirect_flow"]!;
        var inputs = flow["inputs"]!;

        var transcript = SessionTranscript.ForOpenId4VpRedirect(
            inputs["client_id"]!.GetValue<string>(),
            inputs["nonce"]!.GetValue<string>(),
            ResponseEncryption.To(EncryptionKey(inputs)),
            inputs["response_uri"]!.GetValue<string>());

        Convert.ToHexStringLower(transcript.Encoded.Span).Should().Be(Hex(flow, "SessionTranscript_cbor_hex"));
    }

    [Fact]
    public void Redirect_flow_takes_the_thumbprint_as_a_byte_string_OID4VP_B_2_6_1()
    {
        var flow = Vector["redirect_flow"]!;
        var inputs = flow["inputs"]!;
        var thumbprint = Convert.FromHexString(Hex(flow, "jwk_sha256_thumbprint_hex"));

        var transcript = SessionTranscript.ForOpenId4VpRedirect(inputs["client_id"]!.GetValue<string>(), inputs["nonce"]!.GetValue<string>(), ResponseEncryption.ToThumbprint(thumbprint), inputs["response_uri"]!.GetValue<string>());

        Convert.ToHexStringLower(transcript.Encoded.Span).Should().Be(Hex(flow, "SessionTranscript_cbor_hex"));
    }

    [Fact]
    public void DC_API_SessionTranscript_is_byte_exact_OID4VP_B_2_6_2()
    {
        var flow = Vector["dc_api_flow"]!;
        var inputs = flow["inputs"]!;

        var transcript = SessionTranscript.ForOpenId4VpDcApi(inputs["origin"]!.GetValue<string>(), inputs["nonce"]!.GetValue<string>(), ResponseEncryption.To(EncryptionKey(inputs)));

        Convert.ToHexStringLower(transcript.Encoded.Span).Should().Be(Hex(flow, "SessionTranscript_cbor_hex"));
    }

    [Fact]
    public void DC_API_origin_with_the_client_id_prefix_is_refused_OID4VP_B_2_6_2()
    {
        var act = () => SessionTranscript.ForOpenId4VpDcApi("origin:https://example.com", "n", ResponseEncryption.None);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void SessionTranscriptBytes_wrap_the_array_in_tag_24_ISO18013_5_9_1_5_1()
    {
        var flow = Vector["redirect_flow"]!;
        SessionTranscript.TryParse(Convert.FromHexString(Hex(flow, "SessionTranscript_cbor_hex")), out var transcript, out var error).Should().BeTrue(error?.ToString());

        var bytes = transcript!.ToSessionTranscriptBytes();

        SessionTranscript.TryParseSessionTranscriptBytes(bytes, out var again, out error).Should().BeTrue(error?.ToString());
        again!.Encoded.ToArray().Should().Equal(transcript.Encoded.ToArray());
        bytes[..2].Should().Equal(0xD8, 0x18);
    }

    private static string Hex(System.Text.Json.Nodes.JsonNode flow, string prefix) =>
        flow.AsObject().First(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Value!.GetValue<string>();

    private static PublicJwk EncryptionKey(System.Text.Json.Nodes.JsonNode inputs)
    {
        using var document = JsonDocument.Parse(inputs["verifier_encryption_jwk"]!.ToJsonString());
        PublicJwk.TryParse(document.RootElement, out var jwk, out var error).Should().BeTrue(error?.ToString());
        return jwk!;
    }
}
