namespace Wallet.Core.Mdoc;

/// <summary>
/// One returned mdoc in a DeviceResponse:
/// <c>Document = { "docType": DocType, "issuerSigned": IssuerSigned, "deviceSigned": DeviceSigned, ? "errors": Errors }</c>
/// (ISO/IEC 18013-5 8.3.2.1.2.2).
/// </summary>
public sealed class Document
{
    private Document(string docType, IssuerSigned issuerSigned, DeviceSigned? deviceSigned, ReadOnlyMemory<byte> encoded)
    {
        DocType = docType;
        IssuerSigned = issuerSigned;
        DeviceSigned = deviceSigned;
        Encoded = encoded;
    }

    /// <summary>The <c>docType</c> the holder claims; verification checks it against the MSO.</summary>
    public string DocType { get; }

    /// <summary>The disclosed issuer-signed items and the IssuerAuth.</summary>
    public IssuerSigned IssuerSigned { get; }

    /// <summary>The device-signed part; null when the member is missing (verification then fails).</summary>
    public DeviceSigned? DeviceSigned { get; }

    /// <summary>The encoding as received or as produced.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    internal static Document Create(string docType, IssuerSigned issuerSigned, DeviceSigned deviceSigned)
    {
        var writer = Cbor.Writer();
        Cbor.WriteDeterministicMap(
            writer,
            [
                (Cbor.EncodeText("docType"), Cbor.EncodeText(docType)),
                (Cbor.EncodeText("issuerSigned"), issuerSigned.Encoded.ToArray()),
                (Cbor.EncodeText("deviceSigned"), deviceSigned.Encoded.ToArray()),
            ]);
        return new Document(docType, issuerSigned, deviceSigned, writer.Encode());
    }

    internal static Document Read(ReadOnlyMemory<byte> encoded, MdocLimits limits)
    {
        var map = Cbor.ReadTextMap(encoded, "A Document");
        var docType = Cbor.ReadText(Cbor.Required(map, "docType", "A Document"), "'docType'");
        var issuerSigned = IssuerSigned.Read(Cbor.Required(map, "issuerSigned", "A Document"), limits);
        var deviceSigned = map.TryGetValue("deviceSigned", out var device) ? DeviceSigned.Read(device, limits) : null;
        return new Document(docType, issuerSigned, deviceSigned, encoded);
    }
}
