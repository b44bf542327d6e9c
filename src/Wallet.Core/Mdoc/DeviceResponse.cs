using System.Diagnostics.CodeAnalysis;
using Wallet.Core.Jose;

namespace Wallet.Core.Mdoc;

/// <summary>
/// <c>DeviceResponse = { "version": "1.0", ? "documents": [+Document], ? "documentErrors": [+DocumentError], "status": uint }</c>
/// (ISO/IEC 18013-5 8.3.2.1.2.2). In OpenID4VP 1.0 (Appendix B.2.5) the <c>vp_token</c> entry for an mdoc is
/// <c>base64url(CBOR(DeviceResponse))</c>.
/// </summary>
public sealed class DeviceResponse
{
    /// <summary>The DeviceResponse version this library writes and accepts.</summary>
    public const string CurrentVersion = "1.0";

    /// <summary>Status 0: OK (ISO/IEC 18013-5 8.3.2.1.2.3).</summary>
    public const int StatusOk = 0;

    private DeviceResponse(string version, IReadOnlyList<Document> documents, ulong status, ReadOnlyMemory<byte> encoded)
    {
        Version = version;
        Documents = documents;
        Status = status;
        Encoded = encoded;
    }

    /// <summary>The <c>version</c>.</summary>
    public string Version { get; }

    /// <summary>The returned documents; empty when the member is absent.</summary>
    public IReadOnlyList<Document> Documents { get; }

    /// <summary>The <c>status</c> code; 0 is OK.</summary>
    public ulong Status { get; }

    /// <summary>The encoding as received or as produced.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Parses an encoded DeviceResponse.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> encoded, [NotNullWhen(true)] out DeviceResponse? response, [NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        return Cbor.TryRun(
            () =>
            {
                Cbor.Check(encoded, bounds, "The DeviceResponse");
                return Read(encoded, bounds);
            },
            out response,
            out error);
    }

    /// <summary>Parses the OpenID4VP <c>vp_token</c> form, <c>base64url(CBOR(DeviceResponse))</c> without padding.</summary>
    public static bool TryParseBase64Url(string vpToken, [NotNullWhen(true)] out DeviceResponse? response, [NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(vpToken);
        response = null;
        return Base64Url.TryDecode(vpToken, limits ?? MdocLimits.Default, "The DeviceResponse vp_token", out var bytes, out error)
            && TryParse(bytes, out response, out error, limits);
    }

    /// <summary>The OpenID4VP <c>vp_token</c> form: <c>base64url(CBOR(DeviceResponse))</c>.</summary>
    public string ToBase64Url() => Base64UrlStrict.Encode(Encoded.Span);

    internal static DeviceResponse Create(IReadOnlyList<Document> documents)
    {
        var array = Cbor.Writer();
        array.WriteStartArray(documents.Count);
        foreach (var document in documents)
        {
            array.WriteEncodedValue(document.Encoded.Span);
        }

        array.WriteEndArray();
        var writer = Cbor.Writer();
        Cbor.WriteDeterministicMap(
            writer,
            [
                (Cbor.EncodeText("version"), Cbor.EncodeText(CurrentVersion)),
                (Cbor.EncodeText("documents"), array.Encode()),
                (Cbor.EncodeText("status"), Cbor.EncodeInteger(StatusOk)),
            ]);
        return new DeviceResponse(CurrentVersion, documents, StatusOk, writer.Encode());
    }

    private static DeviceResponse Read(ReadOnlyMemory<byte> encoded, MdocLimits limits)
    {
        var map = Cbor.ReadTextMap(encoded, "The DeviceResponse");
        var version = Cbor.ReadText(Cbor.Required(map, "version", "The DeviceResponse"), "'version'");
        var status = Cbor.ReadUInt(Cbor.Required(map, "status", "The DeviceResponse"), "'status'");
        var documents = new List<Document>();
        if (map.TryGetValue("documents", out var documentsItem))
        {
            var items = Cbor.ReadArray(documentsItem, "'documents'");
            if (items.Count > limits.MaxDocuments)
            {
                throw new MdocFormatException(MdocErrorCodes.TooLarge, $"The DeviceResponse has {items.Count} documents; the limit is {limits.MaxDocuments}.");
            }

            documents.AddRange(items.Select(i => Document.Read(i, limits)));
        }

        return new DeviceResponse(version, documents, status, encoded);
    }
}
