using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Wallet.Core.StatusList;

namespace Wallet.Core.Mdoc;

/// <summary>
/// The Mobile Security Object (ISO/IEC 18013-5 9.1.2.4): the issuer-signed digests of every data element,
/// the holder's device key, the docType and the validity window, plus an optional Token Status List
/// reference (draft-ietf-oauth-status-list §6.3). <see cref="Encoded"/> is the content of
/// <c>MobileSecurityObjectBytes</c>, exactly as signed.
/// </summary>
public sealed class MobileSecurityObject
{
    /// <summary>The only MSO version this library knows.</summary>
    public const string CurrentVersion = "1.0";

    private MobileSecurityObject(
        string version,
        HashAlgorithmName digestAlgorithm,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, ReadOnlyMemory<byte>>> valueDigests,
        CoseKey deviceKey,
        string docType,
        ValidityInfo validityInfo,
        bool hasStatus,
        StatusListReference? statusList,
        ReadOnlyMemory<byte> encoded)
    {
        Version = version;
        DigestAlgorithm = digestAlgorithm;
        ValueDigests = valueDigests;
        DeviceKey = deviceKey;
        DocType = docType;
        ValidityInfo = validityInfo;
        HasStatus = hasStatus;
        StatusList = statusList;
        Encoded = encoded;
    }

    /// <summary>The <c>version</c>; <see cref="CurrentVersion"/> for every MSO this library accepts.</summary>
    public string Version { get; }

    /// <summary>The <c>digestAlgorithm</c> (SHA-256, SHA-384 or SHA-512).</summary>
    public HashAlgorithmName DigestAlgorithm { get; }

    /// <summary>The <c>valueDigests</c>: per namespace, digestID → digest.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<int, ReadOnlyMemory<byte>>> ValueDigests { get; }

    /// <summary>The holder's device key (<c>deviceKeyInfo.deviceKey</c>).</summary>
    public CoseKey DeviceKey { get; }

    /// <summary>The <c>docType</c>.</summary>
    public string DocType { get; }

    /// <summary>The <c>validityInfo</c>.</summary>
    public ValidityInfo ValidityInfo { get; }

    /// <summary>True when the MSO has a <c>status</c> member, whatever mechanism it names.</summary>
    public bool HasStatus { get; }

    /// <summary>The <c>status.status_list</c> reference, when present.</summary>
    public StatusListReference? StatusList { get; }

    /// <summary>The encoded MSO (the content of the tag-24 payload), as received or as signed.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Parses an encoded MSO (without its tag-24 wrapper).</summary>
    public static bool TryParse(ReadOnlyMemory<byte> encoded, [NotNullWhen(true)] out MobileSecurityObject? mso, [NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        return Cbor.TryRun(
            () =>
            {
                Cbor.Check(encoded, bounds, "The MobileSecurityObject");
                return Read(encoded);
            },
            out mso,
            out error);
    }

    internal static string DigestAlgorithmName(HashAlgorithmName algorithm) => algorithm.Name switch
    {
        "SHA256" => "SHA-256",
        "SHA384" => "SHA-384",
        "SHA512" => "SHA-512",
        _ => throw new ArgumentException($"Digest algorithm '{algorithm.Name}' is not one of SHA-256, SHA-384, SHA-512.", nameof(algorithm)),
    };

    internal static MobileSecurityObject Create(
        HashAlgorithmName digestAlgorithm,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, ReadOnlyMemory<byte>>> valueDigests,
        CoseKey deviceKey,
        string docType,
        ValidityInfo validity,
        StatusListReference? statusList)
    {
        var writer = Cbor.Writer();
        var members = new List<(byte[], byte[])>
        {
            (Cbor.EncodeText("version"), Cbor.EncodeText(CurrentVersion)),
            (Cbor.EncodeText("digestAlgorithm"), Cbor.EncodeText(DigestAlgorithmName(digestAlgorithm))),
            (Cbor.EncodeText("valueDigests"), EncodeValueDigests(valueDigests)),
            (Cbor.EncodeText("deviceKeyInfo"), EncodeDeviceKeyInfo(deviceKey)),
            (Cbor.EncodeText("docType"), Cbor.EncodeText(docType)),
            (Cbor.EncodeText("validityInfo"), EncodeValidity(validity)),
        };
        if (statusList is not null)
        {
            members.Add((Cbor.EncodeText("status"), EncodeStatus(statusList)));
        }

        Cbor.WriteDeterministicMap(writer, members);
        var encoded = writer.Encode();
        return new MobileSecurityObject(CurrentVersion, digestAlgorithm, valueDigests, deviceKey, docType, Normalize(validity), statusList is not null, statusList, encoded);
    }

    internal static MobileSecurityObject Read(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            const string What = "The MobileSecurityObject";
            var map = Cbor.ReadTextMap(encoded, What);
            var version = Cbor.ReadText(Cbor.Required(map, "version", What), "'version'");
            var digestAlgorithm = Cbor.ReadText(Cbor.Required(map, "digestAlgorithm", What), "'digestAlgorithm'") switch
            {
                "SHA-256" => HashAlgorithmName.SHA256,
                "SHA-384" => HashAlgorithmName.SHA384,
                "SHA-512" => HashAlgorithmName.SHA512,
                var other => throw new MdocFormatException(MdocErrorCodes.DigestAlgorithmUnsupported, $"The MSO digestAlgorithm '{other}' is not SHA-256, SHA-384 or SHA-512."),
            };
            var valueDigests = ReadValueDigests(Cbor.Required(map, "valueDigests", What));
            var deviceKeyInfo = Cbor.ReadTextMap(Cbor.Required(map, "deviceKeyInfo", What), "'deviceKeyInfo'");
            var deviceKey = CoseKey.Read(Cbor.Required(deviceKeyInfo, "deviceKey", "'deviceKeyInfo'"));
            var docType = Cbor.ReadText(Cbor.Required(map, "docType", What), "'docType'");
            var validity = Cbor.ReadTextMap(Cbor.Required(map, "validityInfo", What), "'validityInfo'");
            var validityInfo = new ValidityInfo(
                Cbor.ReadTdate(Cbor.Required(validity, "signed", "'validityInfo'"), "'signed'"),
                Cbor.ReadTdate(Cbor.Required(validity, "validFrom", "'validityInfo'"), "'validFrom'"),
                Cbor.ReadTdate(Cbor.Required(validity, "validUntil", "'validityInfo'"), "'validUntil'"),
                validity.TryGetValue("expectedUpdate", out var expected) ? Cbor.ReadTdate(expected, "'expectedUpdate'") : null);
            var hasStatus = map.TryGetValue("status", out var status);
            var statusList = hasStatus ? ReadStatus(status) : null;
            return new MobileSecurityObject(version, digestAlgorithm, valueDigests, deviceKey, docType, validityInfo, hasStatus, statusList, encoded);
        }
        catch (MdocFormatException e) when (e.Error.Code == MdocErrorCodes.Malformed)
        {
            throw new MdocFormatException(MdocErrorCodes.MsoInvalid, e.Error.Message);
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<int, ReadOnlyMemory<byte>>> ReadValueDigests(ReadOnlyMemory<byte> item)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<int, ReadOnlyMemory<byte>>>(StringComparer.Ordinal);
        foreach (var (nameSpace, digestsItem) in Cbor.ReadTextMap(item, "'valueDigests'"))
        {
            var digests = new Dictionary<int, ReadOnlyMemory<byte>>();
            foreach (var (key, value) in Cbor.ReadMap(digestsItem, $"'valueDigests' of namespace '{nameSpace}'"))
            {
                var digestId = Cbor.ReadUInt(key, "A digestID in 'valueDigests'");
                if (digestId > int.MaxValue)
                {
                    throw Cbor.Malformed($"A digestID in 'valueDigests' of namespace '{nameSpace}' is larger than 2^31 - 1");
                }

                digests[(int)digestId] = Cbor.ReadBytes(value, "A value digest");
            }

            result[nameSpace] = digests;
        }

        return result;
    }

    private static StatusListReference? ReadStatus(ReadOnlyMemory<byte> item)
    {
        try
        {
            var status = Cbor.ReadTextMap(item, "The MSO 'status'");
            if (!status.TryGetValue("status_list", out var listItem))
            {
                return null;
            }

            var list = Cbor.ReadTextMap(listItem, "'status.status_list'");
            var index = Cbor.ReadUInt(Cbor.Required(list, "idx", "'status.status_list'"), "'status.status_list.idx'");
            var uri = Cbor.ReadText(Cbor.Required(list, "uri", "'status.status_list'"), "'status.status_list.uri'");
            if (index > int.MaxValue)
            {
                throw Cbor.Malformed("'status.status_list.idx' is larger than 2^31 - 1");
            }

            return Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
                ? new StatusListReference((int)index, parsed)
                : throw Cbor.Malformed("'status.status_list.uri' is not an absolute URI");
        }
        catch (MdocFormatException e)
        {
            throw new MdocFormatException(MdocErrorCodes.StatusInvalid, e.Error.Message);
        }
    }

    private static byte[] EncodeValueDigests(IReadOnlyDictionary<string, IReadOnlyDictionary<int, ReadOnlyMemory<byte>>> valueDigests)
    {
        var writer = Cbor.Writer();
        Cbor.WriteDeterministicMap(
            writer,
            valueDigests.Select(ns =>
            {
                var inner = Cbor.Writer();
                Cbor.WriteDeterministicMap(inner, ns.Value.Select(d => (Cbor.EncodeInteger(d.Key), Cbor.EncodeBytes(d.Value.Span))));
                return (Cbor.EncodeText(ns.Key), inner.Encode());
            }));
        return writer.Encode();
    }

    private static byte[] EncodeDeviceKeyInfo(CoseKey deviceKey)
    {
        var writer = Cbor.Writer();
        Cbor.WriteDeterministicMap(writer, [(Cbor.EncodeText("deviceKey"), deviceKey.Encoded.ToArray())]);
        return writer.Encode();
    }

    private static byte[] EncodeValidity(ValidityInfo validity)
    {
        var members = new List<(byte[], byte[])>
        {
            (Cbor.EncodeText("signed"), Cbor.EncodeTdate(validity.Signed)),
            (Cbor.EncodeText("validFrom"), Cbor.EncodeTdate(validity.ValidFrom)),
            (Cbor.EncodeText("validUntil"), Cbor.EncodeTdate(validity.ValidUntil)),
        };
        if (validity.ExpectedUpdate is { } expected)
        {
            members.Add((Cbor.EncodeText("expectedUpdate"), Cbor.EncodeTdate(expected)));
        }

        var writer = Cbor.Writer();
        Cbor.WriteDeterministicMap(writer, members);
        return writer.Encode();
    }

    private static byte[] EncodeStatus(StatusListReference reference)
    {
        var list = Cbor.Writer();
        Cbor.WriteDeterministicMap(list, [(Cbor.EncodeText("idx"), Cbor.EncodeInteger(reference.Index)), (Cbor.EncodeText("uri"), Cbor.EncodeText(reference.Uri.OriginalString))]);
        var writer = Cbor.Writer();
        Cbor.WriteDeterministicMap(writer, [(Cbor.EncodeText("status_list"), list.Encode())]);
        return writer.Encode();
    }

    private static ValidityInfo Normalize(ValidityInfo validity) => new(
        Cbor.TruncateToSeconds(validity.Signed),
        Cbor.TruncateToSeconds(validity.ValidFrom),
        Cbor.TruncateToSeconds(validity.ValidUntil),
        validity.ExpectedUpdate is { } expected ? Cbor.TruncateToSeconds(expected) : null);
}
