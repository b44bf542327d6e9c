using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using Wallet.Core.Jose;

namespace Wallet.Core.Mdoc;

/// <summary>
/// A received COSE_Sign1 or COSE_Mac0 (RFC 9052 §4.2, §6.2): <c>[protected bstr, unprotected map,
/// payload bstr / nil, signature-or-tag bstr]</c>, untagged as ISO/IEC 18013-5 carries them (the COSE
/// tag is tolerated on input). The protected header bytes are kept as received, because the
/// signature and MAC are computed over them.
/// </summary>
internal sealed class CoseStructure
{
    public const long AlgorithmLabel = 1;
    public const long X5ChainLabel = 33;
    public const int HmacSha256Algorithm = 5;

    private CoseStructure(ReadOnlyMemory<byte> protectedBytes, Dictionary<long, ReadOnlyMemory<byte>> protectedHeaders, Dictionary<long, ReadOnlyMemory<byte>> unprotected, ReadOnlyMemory<byte>? payload, byte[] signature)
    {
        ProtectedBytes = protectedBytes;
        ProtectedHeaders = protectedHeaders;
        Unprotected = unprotected;
        Payload = payload;
        Signature = signature;
    }

    public ReadOnlyMemory<byte> ProtectedBytes { get; }

    public Dictionary<long, ReadOnlyMemory<byte>> ProtectedHeaders { get; }

    public Dictionary<long, ReadOnlyMemory<byte>> Unprotected { get; }

    public ReadOnlyMemory<byte>? Payload { get; }

    public byte[] Signature { get; }

    /// <summary>The integer <c>alg</c> of the protected header, or null when missing or not an integer.</summary>
    public long? Algorithm =>
        ProtectedHeaders.TryGetValue(AlgorithmLabel, out var raw) && Cbor.Reader(raw).PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger
            ? Cbor.ReadInteger(raw, "alg")
            : null;

    /// <summary>Reads a COSE structure; any failure is reported with <paramref name="errorCode"/>.</summary>
    public static CoseStructure Read(ReadOnlyMemory<byte> item, ulong optionalTag, MdocLimits limits, string errorCode, string what)
    {
        try
        {
            var reader = Cbor.Reader(item);
            if (reader.PeekState() == CborReaderState.Tag)
            {
                if ((ulong)reader.ReadTag() != optionalTag)
                {
                    throw Cbor.Malformed($"{what} carries a tag other than {optionalTag}");
                }

                item = item[(item.Length - reader.BytesRemaining)..];
            }

            var parts = Cbor.ReadArray(item, what);
            if (parts.Count != 4)
            {
                throw Cbor.Malformed($"{what} is not a four-element COSE array");
            }

            var protectedReader = Cbor.Reader(parts[0]);
            if (protectedReader.PeekState() != CborReaderState.ByteString)
            {
                throw Cbor.Malformed($"{what} protected header is not a byte string");
            }

            var protectedLength = protectedReader.ReadByteString().Length;
            var protectedBytes = parts[0][(parts[0].Length - protectedLength)..];
            var protectedHeaders = protectedLength == 0 ? [] : ReadHeaderMap(Checked(protectedBytes, limits, what), what);
            var unprotected = ReadHeaderMap(parts[1], what);
            ReadOnlyMemory<byte>? payload = Cbor.IsNull(parts[2]) ? (ReadOnlyMemory<byte>?)null : new ReadOnlyMemory<byte>(Cbor.ReadBytes(parts[2], $"{what} payload"));
            return new CoseStructure(protectedBytes, protectedHeaders, unprotected, payload, Cbor.ReadBytes(parts[3], $"{what} signature"));
        }
        catch (MdocFormatException e) when (e.Error.Code == MdocErrorCodes.Malformed)
        {
            throw new MdocFormatException(errorCode, e.Error.Message);
        }
    }

    /// <summary>Checks an ECDSA signature over <c>Sig_structure = ["Signature1", protected, h'', payload]</c> (RFC 9052 §4.4).</summary>
    public bool VerifySignature(ECDsa key, HashAlgorithmName hash, ReadOnlySpan<byte> payload) =>
        key.VerifyData(SigStructure(payload), Signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>
    /// Checks an ECDSA signature over the <c>Sig_structure</c> with a key already imported when it was parsed (the
    /// MSO device key), so the key is not imported a second time for the check.
    /// </summary>
    public bool VerifySignature(PublicJwk key, ReadOnlySpan<byte> payload) => key.VerifySignature(SigStructure(payload), Signature);

    private byte[] SigStructure(ReadOnlySpan<byte> payload)
    {
        var writer = Cbor.Writer();
        writer.WriteStartArray(4);
        writer.WriteTextString("Signature1");
        writer.WriteByteString(ProtectedBytes.Span);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>Checks an HMAC-SHA-256 tag over <c>MAC_structure = ["MAC0", protected, h'', payload]</c> (RFC 9052 §6.3).</summary>
    public bool VerifyHmacSha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload)
    {
        var expected = HMACSHA256.HashData(key, MacStructure(ProtectedBytes.Span, payload));
        return CryptographicOperations.FixedTimeEquals(expected, Signature);
    }

    public static byte[] MacStructure(ReadOnlySpan<byte> protectedBytes, ReadOnlySpan<byte> payload)
    {
        var writer = Cbor.Writer();
        writer.WriteStartArray(4);
        writer.WriteTextString("MAC0");
        writer.WriteByteString(protectedBytes);
        writer.WriteByteString([]);
        writer.WriteByteString(payload);
        writer.WriteEndArray();
        return writer.Encode();
    }

    /// <summary>
    /// Signs with <see cref="CoseSign1Message"/> and drops its COSE_Sign1 tag (18): ISO/IEC 18013-5 uses the
    /// untagged array. The tag is a one-byte prefix, so removing it leaves the signed parts untouched.
    /// </summary>
    public static byte[] SignUntagged(ECDsa key, HashAlgorithmName hash, ReadOnlySpan<byte> payload, bool detached, CoseHeaderMap? unprotected)
    {
        var signer = new CoseSigner(key, hash, new CoseHeaderMap(), unprotected ?? new CoseHeaderMap());
        var tagged = detached
            ? CoseSign1Message.SignDetached(payload, signer)
            : CoseSign1Message.SignEmbedded(payload, signer);
        const byte Tag18 = 0xD2;
        return tagged[0] == Tag18 ? tagged[1..] : tagged;
    }

    private static ReadOnlyMemory<byte> Checked(ReadOnlyMemory<byte> bytes, MdocLimits limits, string what)
    {
        Cbor.Check(bytes, limits, $"{what} protected header");
        return bytes;
    }

    private static Dictionary<long, ReadOnlyMemory<byte>> ReadHeaderMap(ReadOnlyMemory<byte> item, string what)
    {
        var result = new Dictionary<long, ReadOnlyMemory<byte>>();
        foreach (var (key, value) in Cbor.ReadMap(item, $"{what} header"))
        {
            // Text labels are legal COSE but nothing here reads them.
            var reader = Cbor.Reader(key);
            if (reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger)
            {
                result[reader.ReadInt64()] = value;
            }
        }

        return result;
    }
}
