namespace Wallet.Core.Mdoc;

/// <summary>
/// <c>DeviceAuthenticationBytes = #6.24(bstr .cbor ["DeviceAuthentication", SessionTranscript, DocType, DeviceNameSpacesBytes])</c>
/// (ISO/IEC 18013-5 9.1.3.4): the detached payload of deviceSignature and deviceMac.
/// </summary>
internal static class DeviceAuthentication
{
    public static byte[] EncodeBytes(SessionTranscript transcript, string docType, ReadOnlySpan<byte> deviceNameSpacesBytes)
    {
        var writer = Cbor.Writer();
        writer.WriteStartArray(4);
        writer.WriteTextString("DeviceAuthentication");
        writer.WriteEncodedValue(transcript.Encoded.Span);
        writer.WriteTextString(docType);
        writer.WriteEncodedValue(deviceNameSpacesBytes);
        writer.WriteEndArray();
        return Cbor.WrapEmbedded(writer.Encode());
    }
}
