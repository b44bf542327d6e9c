using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Globalization;
using System.Text;

namespace Wallet.Core.Mdoc;

/// <summary>
/// Bounded CBOR reading for the mdoc structures. Every input is first walked once under
/// <see cref="MdocLimits"/>; only then are the typed readers run on slices of the same bytes, so every
/// structure keeps a reference to exactly what was received.
/// </summary>
internal static class Cbor
{
    public const ulong EncodedCborTag = 24;
    public const ulong DateTimeStringTag = 0;
    public const ulong FullDateTag = 1004;

    /// <summary>Runs <paramref name="parse"/> and turns any decoding failure into a typed error.</summary>
    public static bool TryRun<T>(Func<T> parse, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out VerificationError? error)
    {
        try
        {
            value = parse();
            error = null;
            return true;
        }
        catch (MdocFormatException e)
        {
            error = e.Error;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            // The typed readers re-read bytes the walk accepted; reaching here means a structural mismatch the walk cannot see.
            error = new VerificationError(MdocErrorCodes.Malformed, "The CBOR input does not have the expected structure.");
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Checks that <paramref name="data"/> is exactly one well-formed CBOR item within the limits: size,
    /// nesting depth, container length, unique map keys, valid UTF-8, no trailing bytes.
    /// </summary>
    public static void Check(ReadOnlyMemory<byte> data, MdocLimits limits, string what)
    {
        if (data.Length > limits.MaxInputBytes)
        {
            throw new MdocFormatException(MdocErrorCodes.TooLarge, $"{what} is {data.Length} bytes; the limit is {limits.MaxInputBytes}.");
        }

        if (data.IsEmpty)
        {
            throw new MdocFormatException(MdocErrorCodes.Malformed, $"{what} is empty.");
        }

        try
        {
            var reader = new CborReader(data, CborConformanceMode.Strict);
            var pendingTags = 0;
            while (true)
            {
                var state = reader.PeekState();
                switch (state)
                {
                    case CborReaderState.Finished:
                        if (reader.BytesRemaining != 0)
                        {
                            throw new MdocFormatException(MdocErrorCodes.Malformed, $"{what} has {reader.BytesRemaining} trailing bytes after the first CBOR item.");
                        }

                        return;
                    case CborReaderState.StartArray:
                        CheckLength(reader.ReadStartArray(), limits, what);
                        CheckDepth(reader.CurrentDepth + pendingTags, limits, what);
                        pendingTags = 0;
                        break;
                    case CborReaderState.StartMap:
                        CheckLength(reader.ReadStartMap(), limits, what);
                        CheckDepth(reader.CurrentDepth + pendingTags, limits, what);
                        pendingTags = 0;
                        break;
                    case CborReaderState.EndArray:
                        reader.ReadEndArray();
                        break;
                    case CborReaderState.EndMap:
                        reader.ReadEndMap();
                        break;
                    case CborReaderState.Tag:
                        reader.ReadTag();
                        pendingTags++;
                        CheckDepth(reader.CurrentDepth + pendingTags, limits, what);
                        break;
                    default:
                        reader.SkipValue();
                        pendingTags = 0;
                        break;
                }
            }
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new MdocFormatException(MdocErrorCodes.Malformed, $"{what} is not well-formed CBOR ({e.GetType().Name}: {e.Message})");
        }
    }

    private static void CheckLength(int? length, MdocLimits limits, string what)
    {
        if (length is null)
        {
            throw new MdocFormatException(MdocErrorCodes.Malformed, $"{what} uses an indefinite-length array or map, which is not accepted.");
        }

        if (length > limits.MaxContainerLength)
        {
            throw new MdocFormatException(MdocErrorCodes.TooLarge, $"{what} has a container of {length} entries; the limit is {limits.MaxContainerLength}.");
        }
    }

    private static void CheckDepth(int depth, MdocLimits limits, string what)
    {
        if (depth > limits.MaxDepth)
        {
            throw new MdocFormatException(MdocErrorCodes.TooDeep, $"{what} nests deeper than {limits.MaxDepth} levels.");
        }
    }

    public static CborReader Reader(ReadOnlyMemory<byte> item) => new(item, CborConformanceMode.Lax);

    /// <summary>Reads a map whose keys are all text strings; values come back as the exact encoded slices.</summary>
    public static Dictionary<string, ReadOnlyMemory<byte>> ReadTextMap(ReadOnlyMemory<byte> item, string what)
    {
        var reader = Reader(item);
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            throw Malformed($"{what} is not a CBOR map");
        }

        var count = reader.ReadStartMap() ?? 0;
        var result = new Dictionary<string, ReadOnlyMemory<byte>>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (reader.PeekState() != CborReaderState.TextString)
            {
                throw Malformed($"{what} has a key that is not a text string");
            }

            var key = reader.ReadTextString();
            result[key] = reader.ReadEncodedValue();
        }

        reader.ReadEndMap();
        return result;
    }

    /// <summary>Reads a map with arbitrary keys; both keys and values come back as exact encoded slices.</summary>
    public static List<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> ReadMap(ReadOnlyMemory<byte> item, string what)
    {
        var reader = Reader(item);
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            throw Malformed($"{what} is not a CBOR map");
        }

        var count = reader.ReadStartMap() ?? 0;
        var result = new List<(ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add((reader.ReadEncodedValue(), reader.ReadEncodedValue()));
        }

        reader.ReadEndMap();
        return result;
    }

    public static List<ReadOnlyMemory<byte>> ReadArray(ReadOnlyMemory<byte> item, string what)
    {
        var reader = Reader(item);
        if (reader.PeekState() != CborReaderState.StartArray)
        {
            throw Malformed($"{what} is not a CBOR array");
        }

        var count = reader.ReadStartArray() ?? 0;
        var result = new List<ReadOnlyMemory<byte>>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(reader.ReadEncodedValue());
        }

        reader.ReadEndArray();
        return result;
    }

    public static ReadOnlyMemory<byte> Required(Dictionary<string, ReadOnlyMemory<byte>> map, string key, string what) =>
        map.TryGetValue(key, out var value) ? value : throw Malformed($"{what} lacks the required member '{key}'");

    public static string ReadText(ReadOnlyMemory<byte> item, string what)
    {
        var reader = Reader(item);
        return reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : throw Malformed($"{what} is not a text string");
    }

    public static byte[] ReadBytes(ReadOnlyMemory<byte> item, string what)
    {
        var reader = Reader(item);
        return reader.PeekState() is CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString
            ? reader.ReadByteString()
            : throw Malformed($"{what} is not a byte string");
    }

    public static ulong ReadUInt(ReadOnlyMemory<byte> item, string what)
    {
        var reader = Reader(item);
        return reader.PeekState() == CborReaderState.UnsignedInteger ? reader.ReadUInt64() : throw Malformed($"{what} is not an unsigned integer");
    }

    public static long ReadInteger(ReadOnlyMemory<byte> item, string what)
    {
        var reader = Reader(item);
        return reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger
            ? reader.ReadInt64()
            : throw Malformed($"{what} is not an integer");
    }

    public static bool IsNull(ReadOnlyMemory<byte> item) => Reader(item).PeekState() == CborReaderState.Null;

    /// <summary>Reads <c>#6.24(bstr)</c> and returns the embedded bytes, checked as one CBOR item under the limits.</summary>
    public static ReadOnlyMemory<byte> ReadEmbedded(ReadOnlyMemory<byte> item, MdocLimits limits, string what)
    {
        var reader = Reader(item);
        if (reader.PeekState() != CborReaderState.Tag || reader.ReadTag() != (CborTag)EncodedCborTag)
        {
            throw Malformed($"{what} is not tagged as encoded CBOR (tag 24)");
        }

        if (reader.PeekState() != CborReaderState.ByteString)
        {
            throw Malformed($"{what} is tag 24 but does not wrap a definite-length byte string");
        }

        var length = reader.ReadByteString().Length;

        // The item is exactly tag + byte string, so the content is its tail: slice the received buffer, never re-encode.
        var content = item[(item.Length - reader.BytesRemaining - length)..(item.Length - reader.BytesRemaining)];
        Check(content, limits, what);
        return content;
    }

    /// <summary>Reads a <c>tdate</c> (tag 0 over an RFC 3339 date-time).</summary>
    public static DateTimeOffset ReadTdate(ReadOnlyMemory<byte> item, string what)
    {
        var reader = Reader(item);
        if (reader.PeekState() != CborReaderState.Tag || reader.ReadTag() != (CborTag)DateTimeStringTag || reader.PeekState() != CborReaderState.TextString)
        {
            throw Malformed($"{what} is not a tdate (tag 0 text string)");
        }

        return TryParseRfc3339(reader.ReadTextString(), out var value) ? value : throw Malformed($"{what} is not an RFC 3339 date-time");
    }

    public static MdocFormatException Malformed(string message) => new(MdocErrorCodes.Malformed, message + ".");

    public static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;

        // RFC 3339 §5.6: full-date "T" full-time; the offset is mandatory.
        if (text.Length < 20 || text[10] is not ('T' or 't'))
        {
            return false;
        }

        var last = text[^1];
        var hasOffset = last is 'Z' or 'z' || (text.Length >= 25 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset)
        {
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    public static bool TryParseFullDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static string FormatTdate(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>Writer for output: definite lengths and shortest integer forms (RFC 8949 §4.2.1).</summary>
    public static CborWriter Writer() => new(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: true);

    /// <summary>Writes a map with its keys in bytewise lexicographic order of their encodings (RFC 8949 §4.2.1).</summary>
    public static void WriteDeterministicMap(CborWriter writer, IEnumerable<(byte[] Key, byte[] Value)> entries)
    {
        var sorted = entries.ToList();
        sorted.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        writer.WriteStartMap(sorted.Count);
        foreach (var (key, value) in sorted)
        {
            writer.WriteEncodedValue(key);
            writer.WriteEncodedValue(value);
        }

        writer.WriteEndMap();
    }

    public static byte[] EncodeText(string text)
    {
        var writer = Writer();
        writer.WriteTextString(text);
        return writer.Encode();
    }

    public static byte[] EncodeInteger(long value)
    {
        var writer = Writer();
        writer.WriteInt64(value);
        return writer.Encode();
    }

    public static byte[] EncodeBytes(ReadOnlySpan<byte> value)
    {
        var writer = Writer();
        writer.WriteByteString(value);
        return writer.Encode();
    }

    public static byte[] EncodeTdate(DateTimeOffset value)
    {
        var writer = Writer();
        writer.WriteTag((CborTag)DateTimeStringTag);
        writer.WriteTextString(FormatTdate(value));
        return writer.Encode();
    }

    /// <summary>Encodes <c>#6.24(bstr .cbor item)</c>.</summary>
    public static byte[] WrapEmbedded(ReadOnlySpan<byte> encodedItem)
    {
        var writer = Writer();
        writer.WriteTag((CborTag)EncodedCborTag);
        writer.WriteByteString(encodedItem);
        return writer.Encode();
    }

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
