using System.Security.Cryptography.Cose;

namespace Wallet.Core.Mdoc;

/// <summary>
/// <c>DeviceSigned = { "nameSpaces": DeviceNameSpacesBytes, "deviceAuth": DeviceAuth }</c>
/// (ISO/IEC 18013-5 8.3.2.1.2.2), with <c>DeviceNameSpacesBytes = #6.24(bstr .cbor DeviceNameSpaces)</c> and
/// <c>DeviceAuth = { "deviceSignature": COSE_Sign1 } / { "deviceMac": COSE_Mac0 }</c>.
/// </summary>
public sealed class DeviceSigned
{
    private DeviceSigned(ReadOnlyMemory<byte> nameSpacesBytes, IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> nameSpaces, DeviceAuthMethod method, ReadOnlyMemory<byte> deviceAuthBytes, CoseStructure? cose, ReadOnlyMemory<byte> encoded)
    {
        NameSpacesBytes = nameSpacesBytes;
        NameSpaces = nameSpaces;
        AuthMethod = method;
        DeviceAuthBytes = deviceAuthBytes;
        Cose = cose;
        Encoded = encoded;
    }

    /// <summary>The <c>DeviceNameSpacesBytes</c> exactly as received; DeviceAuthentication covers these bytes.</summary>
    public ReadOnlyMemory<byte> NameSpacesBytes { get; }

    /// <summary>The device-signed data elements, per namespace (usually empty).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> NameSpaces { get; }

    /// <summary>Which DeviceAuth member is present.</summary>
    public DeviceAuthMethod AuthMethod { get; }

    /// <summary>The <c>deviceSignature</c> COSE_Sign1 or <c>deviceMac</c> COSE_Mac0 as received; empty for <see cref="DeviceAuthMethod.None"/>.</summary>
    public ReadOnlyMemory<byte> DeviceAuthBytes { get; }

    /// <summary>The encoding as received or as produced.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    internal CoseStructure? Cose { get; }

    internal static DeviceSigned CreateWithSignature(SessionTranscript transcript, string docType, Jose.SigningKey deviceKey)
    {
        // No device-signed elements: an empty DeviceNameSpaces map.
        var nameSpacesBytes = Cbor.WrapEmbedded([0xA0]);
        var payload = DeviceAuthentication.EncodeBytes(transcript, docType, nameSpacesBytes);
        var signature = CoseStructure.SignUntagged(deviceKey.Key, deviceKey.Algorithm.HashAlgorithm, payload, detached: true, new CoseHeaderMap());

        var deviceAuth = Cbor.Writer();
        Cbor.WriteDeterministicMap(deviceAuth, [(Cbor.EncodeText("deviceSignature"), signature)]);
        var writer = Cbor.Writer();
        Cbor.WriteDeterministicMap(writer, [(Cbor.EncodeText("nameSpaces"), nameSpacesBytes), (Cbor.EncodeText("deviceAuth"), deviceAuth.Encode())]);
        var encoded = writer.Encode();
        return Read(encoded, MdocLimits.Default);
    }

    internal static DeviceSigned Read(ReadOnlyMemory<byte> encoded, MdocLimits limits)
    {
        var map = Cbor.ReadTextMap(encoded, "The DeviceSigned");
        var nameSpacesBytes = Cbor.Required(map, "nameSpaces", "The DeviceSigned");
        var nameSpaces = new Dictionary<string, IReadOnlyDictionary<string, CborValue>>(StringComparer.Ordinal);
        foreach (var (nameSpace, elements) in Cbor.ReadTextMap(Cbor.ReadEmbedded(nameSpacesBytes, limits, "The DeviceNameSpacesBytes"), "The DeviceNameSpaces"))
        {
            nameSpaces[nameSpace] = Cbor.ReadTextMap(elements, $"The device-signed namespace '{nameSpace}'")
                .ToDictionary(e => e.Key, e => CborValue.Read(e.Value), StringComparer.Ordinal);
        }

        var deviceAuth = Cbor.ReadTextMap(Cbor.Required(map, "deviceAuth", "The DeviceSigned"), "The DeviceAuth");
        var hasSignature = deviceAuth.TryGetValue("deviceSignature", out var signature);
        var hasMac = deviceAuth.TryGetValue("deviceMac", out var mac);
        if (hasSignature && hasMac)
        {
            throw new MdocFormatException(MdocErrorCodes.DeviceAuthMalformed, "The DeviceAuth has both deviceSignature and deviceMac; ISO/IEC 18013-5 allows exactly one.");
        }

        const ulong CoseSign1Tag = 18;
        const ulong CoseMac0Tag = 17;
        var (method, bytes, cose) = hasSignature
            ? (DeviceAuthMethod.Signature, signature, CoseStructure.Read(signature, CoseSign1Tag, limits, MdocErrorCodes.DeviceAuthMalformed, "The deviceSignature COSE_Sign1"))
            : hasMac
                ? (DeviceAuthMethod.Mac, mac, CoseStructure.Read(mac, CoseMac0Tag, limits, MdocErrorCodes.DeviceAuthMalformed, "The deviceMac COSE_Mac0"))
                : (DeviceAuthMethod.None, ReadOnlyMemory<byte>.Empty, null);
        return new DeviceSigned(nameSpacesBytes, nameSpaces, method, bytes, cose, encoded);
    }
}
