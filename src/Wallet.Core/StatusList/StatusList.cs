using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.StatusList;

/// <summary>
/// A Status List (draft-ietf-oauth-status-list-20 §4): a byte array holding one status of
/// <see cref="Bits"/> bits per Referenced Token. Immutable; build or change one with <see cref="StatusListBuilder"/>.
/// </summary>
/// <remarks>
/// Entry <c>i</c> lives in byte <c>i·bits/8</c>, packed from the least significant bit (§4.1). The list
/// does not record how many entries the issuer meant to use, so <see cref="Count"/> is every entry the
/// byte array can hold.
/// </remarks>
public sealed class StatusList
{
    private readonly byte[] bytes;

    private StatusList(int bits, byte[] bytes, Uri? aggregationUri)
    {
        Bits = bits;
        this.bytes = bytes;
        AggregationUri = aggregationUri;
    }

    /// <summary>Bits per entry: 1, 2, 4 or 8.</summary>
    public int Bits { get; }

    /// <summary>Number of entries the byte array holds (<c>bytes·8/bits</c>).</summary>
    public int Count => (int)((long)bytes.Length * 8 / Bits);

    /// <summary>The uncompressed byte array.</summary>
    public ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>The optional <c>aggregation_uri</c> (§9).</summary>
    public Uri? AggregationUri { get; }

    /// <summary>True for the <c>bits</c> values §4.1 allows: 1, 2, 4 and 8.</summary>
    public static bool IsSupportedBits(int bits) => bits is 1 or 2 or 4 or 8;

    /// <summary>Wraps a copy of an uncompressed byte array.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 1, 2, 4 or 8, or the array is empty.</exception>
    public static StatusList FromBytes(int bits, ReadOnlySpan<byte> bytes, Uri? aggregationUri = null)
    {
        if (!IsSupportedBits(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "bits must be 1, 2, 4 or 8.");
        }

        if (bytes.IsEmpty)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), "A Status List holds at least one byte.");
        }

        return new StatusList(bits, bytes.ToArray(), aggregationUri);
    }

    /// <summary>Reads the status at <paramref name="index"/>; false when the index is outside the list.</summary>
    public bool TryGetStatus(int index, out byte status)
    {
        if (index < 0 || index >= Count)
        {
            status = 0;
            return false;
        }

        status = Read(bytes, Bits, index);
        return true;
    }

    /// <summary>Reads the status at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list.</exception>
    public byte GetStatus(int index) =>
        TryGetStatus(index, out var status) ? status : throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {Count} entries.");

    /// <summary>Compresses the byte array with DEFLATE in ZLIB format (RFC 1950) at the highest compression level (§4.1).</summary>
    public byte[] Compress()
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Decompresses a ZLIB byte array into a Status List with <paramref name="bits"/> per entry, stopping as soon as
    /// <paramref name="limits"/> would be exceeded. Never throws for malformed input.
    /// </summary>
    public static bool TryDecompress(int bits, ReadOnlySpan<byte> compressed, StatusListLimits limits, [NotNullWhen(true)] out StatusList? list, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        list = null;
        if (!IsSupportedBits(bits))
        {
            error = new VerificationError(StatusListErrorCodes.InvalidBits, $"'bits' is {bits}; §4.1 allows only 1, 2, 4 or 8.");
            return false;
        }

        var maxBytes = (int)Math.Min(limits.MaxDecompressedBytes, (long)limits.MaxEntries * bits / 8);
        byte[] inflated;
        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);

            // Inflate straight into the result: start near the usual ratio of a sparse list and double when full (one
            // copy per doubling, so linear overall), then trim once. One byte of room past the limit tells an
            // over-long list from one that fills the limit exactly.
            var buffer = new byte[(int)Math.Min(maxBytes + 1L, Math.Max(4096L, compressed.Length * 64L))];
            var length = 0;
            int read;
            while ((read = zlib.Read(buffer.AsSpan(length))) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    error = new VerificationError(StatusListErrorCodes.TooLarge, $"The decompressed Status List exceeds {maxBytes} bytes (at most {limits.MaxEntries} entries of {bits} bits, {limits.MaxDecompressedBytes} bytes).");
                    return false;
                }

                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
                }
            }

            inflated = length == buffer.Length ? buffer : buffer[..length];
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // zlib reports some malformed streams through ZLibException (an IOException): a header announcing a
            // preset dictionary (RFC 1950 §2.2 FDICT), which 'lst' never uses. The input is a MemoryStream, so no
            // other I/O can fail here.
            error = new VerificationError(StatusListErrorCodes.Malformed, "'lst' is not a valid ZLIB (RFC 1950) stream without a preset dictionary.");
            return false;
        }

        if (inflated.Length == 0)
        {
            error = new VerificationError(StatusListErrorCodes.Malformed, "'lst' decompresses to an empty byte array.");
            return false;
        }

        list = new StatusList(bits, inflated, null);
        error = null;
        return true;
    }

    /// <summary>The JSON form <c>{"bits": …, "lst": base64url(zlib(bytes))}</c> of §4.2.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject
        {
            ["bits"] = Bits,
            ["lst"] = Base64UrlStrict.Encode(Compress()),
        };
        if (AggregationUri is not null)
        {
            json["aggregation_uri"] = AggregationUri.OriginalString;
        }

        return json;
    }

    /// <summary>Parses within <see cref="StatusListLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParseJson(JsonElement element, [NotNullWhen(true)] out StatusList? list, [NotNullWhen(false)] out VerificationError? error)
        => TryParseJson(element, StatusListLimits.Default, out list, out error);

    /// <summary>Parses the JSON form of §4.2 within <paramref name="limits"/>. Never throws for malformed input.</summary>
    public static bool TryParseJson(JsonElement element, StatusListLimits limits, [NotNullWhen(true)] out StatusList? list, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        list = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = Malformed("the Status List is not a JSON object (§4.2)");
            return false;
        }

        if (!element.TryGetProperty("bits", out var bitsElement) || bitsElement.ValueKind != JsonValueKind.Number || !bitsElement.TryGetInt32(out var bits))
        {
            error = Malformed("'bits' is missing or not an integer (§4.2)");
            return false;
        }

        if (!element.TryGetProperty("lst", out var lstElement) || lstElement.ValueKind != JsonValueKind.String
            || !Base64UrlStrict.TryDecode(lstElement.GetString(), out var compressed))
        {
            error = Malformed("'lst' is missing or not an unpadded base64url string (§4.2)");
            return false;
        }

        Uri? aggregationUri = null;
        if (element.TryGetProperty("aggregation_uri", out var aggregation)
            && (aggregation.ValueKind != JsonValueKind.String || !Uri.TryCreate(aggregation.GetString(), UriKind.Absolute, out aggregationUri)))
        {
            error = Malformed("'aggregation_uri' is not an absolute URI (§4.2)");
            return false;
        }

        if (!TryDecompress(bits, compressed, limits, out var decoded, out error))
        {
            return false;
        }

        list = new StatusList(bits, decoded.bytes, aggregationUri);
        return true;
    }

    /// <summary>The CBOR form <c>{"bits": uint, "lst": bstr}</c> of §4.3, encoded.</summary>
    public byte[] ToCbor()
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        WriteCbor(writer);
        return writer.Encode();
    }

    /// <summary>Writes the CBOR form of §4.3 to <paramref name="writer"/>.</summary>
    public void WriteCbor(CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartMap(AggregationUri is null ? 2 : 3);
        writer.WriteTextString("bits");
        writer.WriteInt32(Bits);
        writer.WriteTextString("lst");
        writer.WriteByteString(Compress());
        if (AggregationUri is not null)
        {
            writer.WriteTextString("aggregation_uri");
            writer.WriteTextString(AggregationUri.OriginalString);
        }

        writer.WriteEndMap();
    }

    /// <summary>Parses within <see cref="StatusListLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParseCbor(ReadOnlyMemory<byte> encoded, [NotNullWhen(true)] out StatusList? list, [NotNullWhen(false)] out VerificationError? error)
        => TryParseCbor(encoded, StatusListLimits.Default, out list, out error);

    /// <summary>Parses the CBOR form of §4.3 within <paramref name="limits"/>. Never throws for malformed input.</summary>
    public static bool TryParseCbor(ReadOnlyMemory<byte> encoded, StatusListLimits limits, [NotNullWhen(true)] out StatusList? list, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        list = null;
        if (!StatusListCbor.IsWithinDepth(encoded, limits.MaxCborDepth))
        {
            error = Malformed($"the Status List is not one well-formed CBOR item within {limits.MaxCborDepth} levels of nesting");
            return false;
        }

        return TryReadCbor(new CborReader(encoded, CborConformanceMode.Strict), limits, out list, out error);
    }

    /// <summary>Reads the CBOR form from a reader positioned at the map; the input must already be depth-checked.</summary>
    internal static bool TryReadCbor(CborReader reader, StatusListLimits limits, [NotNullWhen(true)] out StatusList? list, [NotNullWhen(false)] out VerificationError? error)
    {
        list = null;
        int? bits = null;
        byte[]? compressed = null;
        Uri? aggregationUri = null;
        try
        {
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                reader.SkipValue();
                error = Malformed("the Status List is not a CBOR map (§4.3)");
                return false;
            }

            reader.ReadStartMap();
            while (reader.PeekState() != CborReaderState.EndMap)
            {
                if (reader.PeekState() != CborReaderState.TextString)
                {
                    reader.SkipValue();
                    reader.SkipValue();
                    continue;
                }

                switch (reader.ReadTextString())
                {
                    case "bits":
                        if (reader.PeekState() != CborReaderState.UnsignedInteger)
                        {
                            error = Malformed("'bits' is not an unsigned integer (§4.3)");
                            return false;
                        }

                        var value = reader.ReadUInt64();
                        bits = value > 255 ? 0 : (int)value;
                        break;
                    case "lst":
                        if (reader.PeekState() != CborReaderState.ByteString)
                        {
                            error = Malformed("'lst' is not a byte string (§4.3)");
                            return false;
                        }

                        compressed = reader.ReadByteString();
                        break;
                    case "aggregation_uri":
                        if (reader.PeekState() != CborReaderState.TextString || !Uri.TryCreate(reader.ReadTextString(), UriKind.Absolute, out aggregationUri))
                        {
                            error = Malformed("'aggregation_uri' is not an absolute URI text string (§4.3)");
                            return false;
                        }

                        break;
                    default:
                        reader.SkipValue();
                        break;
                }
            }

            reader.ReadEndMap();
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException)
        {
            error = Malformed("the Status List is not valid CBOR (duplicate keys or invalid encoding)");
            return false;
        }

        if (bits is null || compressed is null)
        {
            error = Malformed($"'{(bits is null ? "bits" : "lst")}' is missing (§4.3)");
            return false;
        }

        if (!TryDecompress(bits.Value, compressed, limits, out var decoded, out error))
        {
            return false;
        }

        list = new StatusList(bits.Value, decoded.bytes, aggregationUri);
        return true;
    }

    internal static byte Read(byte[] array, int bits, int index)
    {
        var bitOffset = (long)index * bits;
        var mask = (1 << bits) - 1;
        return (byte)((array[bitOffset / 8] >> (int)(bitOffset % 8)) & mask);
    }

    internal static void Write(byte[] array, int bits, int index, byte status)
    {
        var bitOffset = (long)index * bits;
        var shift = (int)(bitOffset % 8);
        var mask = ((1 << bits) - 1) << shift;
        ref var target = ref array[bitOffset / 8];
        target = (byte)((target & ~mask) | ((status << shift) & mask));
    }

    internal static StatusList Wrap(int bits, byte[] ownedBytes) => new(bits, ownedBytes, null);

    private static VerificationError Malformed(string reason) => new(StatusListErrorCodes.Malformed, $"Invalid Status List: {reason}.");
}
