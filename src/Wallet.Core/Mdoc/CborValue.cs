using System.Formats.Cbor;
using System.Globalization;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.Mdoc;

/// <summary>
/// An immutable CBOR data item as used for mdoc data element values (<c>elementValue</c>), with
/// <c>full-date</c> (tag 1004) and <c>tdate</c> (tag 0) read into <see cref="DateOnly"/> and
/// <see cref="DateTimeOffset"/>. A value read from input keeps its exact received encoding.
/// </summary>
public sealed class CborValue
{
    private readonly object? _value;

    private CborValue(CborValueKind kind, object? value, ulong tag, ReadOnlyMemory<byte> encoded)
    {
        Kind = kind;
        _value = value;
        Tag = tag;
        Encoded = encoded.IsEmpty ? Encode(this) : encoded;
    }

    /// <summary>CBOR <c>null</c>.</summary>
    public static CborValue Null { get; } = new(CborValueKind.Null, null, 0, default);

    /// <summary>CBOR <c>true</c>.</summary>
    public static CborValue True { get; } = new(CborValueKind.Boolean, true, 0, default);

    /// <summary>CBOR <c>false</c>.</summary>
    public static CborValue False { get; } = new(CborValueKind.Boolean, false, 0, default);

    /// <summary>The kind of item.</summary>
    public CborValueKind Kind { get; }

    /// <summary>The tag number when <see cref="Kind"/> is <see cref="CborValueKind.Tagged"/>.</summary>
    public ulong Tag { get; }

    /// <summary>
    /// The encoding of this item: the exact received bytes for a parsed value, the deterministic encoding
    /// (RFC 8949 §4.2.1) for a constructed one.
    /// </summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>A text string.</summary>
    public static CborValue Text(string value) => new(CborValueKind.Text, value ?? throw new ArgumentNullException(nameof(value)), 0, default);

    /// <summary>An integer.</summary>
    public static CborValue Integer(long value) => new(CborValueKind.Integer, value, 0, default);

    /// <summary>A boolean.</summary>
    public static CborValue Boolean(bool value) => value ? True : False;

    /// <summary>A float, encoded in the shortest precision that keeps its value.</summary>
    public static CborValue Float(double value) => new(CborValueKind.Float, value, 0, default);

    /// <summary>A byte string (copied).</summary>
    public static CborValue Bytes(ReadOnlySpan<byte> value) => new(CborValueKind.Bytes, value.ToArray(), 0, default);

    /// <summary>A <c>full-date</c>, encoded as tag 1004 over <c>YYYY-MM-DD</c>.</summary>
    public static CborValue FullDate(DateOnly value) => new(CborValueKind.FullDate, value, 0, default);

    /// <summary>A <c>tdate</c>, encoded as tag 0 over <c>YYYY-MM-DDTHH:MM:SSZ</c>: converted to UTC, fractions of a second dropped.</summary>
    public static CborValue DateTime(DateTimeOffset value) => new(CborValueKind.DateTime, Cbor.TruncateToSeconds(value), 0, default);

    /// <summary>An array.</summary>
    public static CborValue Array(IEnumerable<CborValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToArray();
        if (list.Any(i => i is null))
        {
            throw new ArgumentException("Array items must not be null; use CborValue.Null.", nameof(items));
        }

        return new(CborValueKind.Array, list, 0, default);
    }

    /// <summary>An array.</summary>
    public static CborValue Array(params CborValue[] items) => Array((IEnumerable<CborValue>)items);

    /// <summary>A map with text-string keys.</summary>
    public static CborValue Map(IEnumerable<KeyValuePair<string, CborValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return MapWithCborKeys(entries.Select(e => new KeyValuePair<CborValue, CborValue>(Text(e.Key), e.Value)));
    }

    /// <summary>A map with arbitrary keys (integers, for example). Keys must be distinct.</summary>
    public static CborValue MapWithCborKeys(IEnumerable<KeyValuePair<CborValue, CborValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToArray();
        if (list.Any(e => e.Key is null || e.Value is null))
        {
            throw new ArgumentException("Map keys and values must not be null; use CborValue.Null.", nameof(entries));
        }

        if (list.Select(e => Convert.ToHexString(e.Key.Encoded.Span)).Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            throw new ArgumentException("Map keys must be distinct.", nameof(entries));
        }

        return new(CborValueKind.Map, list, 0, default);
    }

    /// <summary>A tagged item.</summary>
    public static CborValue Tagged(ulong tag, CborValue content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return tag switch
        {
            Cbor.FullDateTag or Cbor.DateTimeStringTag => throw new ArgumentException("Use FullDate or DateTime for tags 1004 and 0.", nameof(tag)),
            _ => new(CborValueKind.Tagged, content, tag, default),
        };
    }

    /// <summary>The text of a <see cref="CborValueKind.Text"/> value.</summary>
    public string AsText() => Get<string>(CborValueKind.Text);

    /// <summary>The value of an <see cref="CborValueKind.Integer"/>.</summary>
    public long AsInteger() => Get<long>(CborValueKind.Integer);

    /// <summary>The value of a <see cref="CborValueKind.Boolean"/>.</summary>
    public bool AsBoolean() => Get<bool>(CborValueKind.Boolean);

    /// <summary>The value of a <see cref="CborValueKind.Float"/>.</summary>
    public double AsFloat() => Get<double>(CborValueKind.Float);

    /// <summary>The content of a <see cref="CborValueKind.Bytes"/> value.</summary>
    public ReadOnlyMemory<byte> AsBytes() => Get<byte[]>(CborValueKind.Bytes);

    /// <summary>The date of a <see cref="CborValueKind.FullDate"/>.</summary>
    public DateOnly AsFullDate() => Get<DateOnly>(CborValueKind.FullDate);

    /// <summary>The instant of a <see cref="CborValueKind.DateTime"/>.</summary>
    public DateTimeOffset AsDateTime() => Get<DateTimeOffset>(CborValueKind.DateTime);

    /// <summary>The items of an <see cref="CborValueKind.Array"/>.</summary>
    public IReadOnlyList<CborValue> AsArray() => Get<CborValue[]>(CborValueKind.Array);

    /// <summary>The entries of a <see cref="CborValueKind.Map"/>, in received (or constructed) order.</summary>
    public IReadOnlyList<KeyValuePair<CborValue, CborValue>> AsMap() => Get<KeyValuePair<CborValue, CborValue>[]>(CborValueKind.Map);

    /// <summary>The content of a <see cref="CborValueKind.Tagged"/> item.</summary>
    public CborValue AsTaggedContent() => Get<CborValue>(CborValueKind.Tagged);

    /// <summary>The simple value number of a <see cref="CborValueKind.Simple"/> item.</summary>
    public byte AsSimple() => Get<byte>(CborValueKind.Simple);

    /// <summary>Looks up a text key in a map; false for any other kind.</summary>
    public bool TryGetMember(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CborValue? value)
    {
        value = Kind == CborValueKind.Map
            ? AsMap().FirstOrDefault(e => e.Key.Kind == CborValueKind.Text && string.Equals(e.Key.AsText(), key, StringComparison.Ordinal)).Value
            : null;
        return value is not null;
    }

    /// <summary>
    /// Converts to JSON the way a DCQL <c>values</c> match or a display needs it: byte strings as base64url,
    /// <c>full-date</c> as <c>YYYY-MM-DD</c>, <c>tdate</c> as its RFC 3339 text, other tags as their content,
    /// non-text map keys as their diagnostic notation.
    /// </summary>
    public JsonNode? ToJsonNode() => Kind switch
    {
        CborValueKind.Null or CborValueKind.Undefined => null,
        CborValueKind.Boolean => JsonValue.Create(AsBoolean()),
        CborValueKind.Integer => JsonValue.Create(AsInteger()),
        CborValueKind.Float => double.IsFinite(AsFloat()) ? JsonValue.Create(AsFloat()) : null,
        CborValueKind.Text => JsonValue.Create(AsText()),
        CborValueKind.Bytes => JsonValue.Create(Base64UrlStrict.Encode(AsBytes().Span)),
        CborValueKind.FullDate => JsonValue.Create(AsFullDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        CborValueKind.DateTime => JsonValue.Create(Cbor.FormatTdate(AsDateTime())),
        CborValueKind.Array => new JsonArray(AsArray().Select(i => i.ToJsonNode()).ToArray()),
        CborValueKind.Map => ToJsonObject(),
        CborValueKind.Tagged => AsTaggedContent().ToJsonNode(),
        _ => JsonValue.Create(ToDiagnosticString()),
    };

    /// <summary>The item in CBOR diagnostic notation (RFC 8949 §8).</summary>
    public string ToDiagnosticString() => CborDiagnostics.Format(Encoded, expandEmbeddedCbor: false, MdocLimits.Default);

    /// <inheritdoc />
    public override string ToString() => ToDiagnosticString();

    /// <summary>Parses one CBOR item under <paramref name="limits"/> (<see cref="MdocLimits.Default"/> when null).</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> encoded, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CborValue? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        return Cbor.TryRun(
            () =>
            {
                Cbor.Check(encoded, bounds, "The CBOR value");
                return Read(encoded);
            },
            out value,
            out error);
    }

    /// <summary>Reads an item already checked by <see cref="Cbor.Check"/>.</summary>
    internal static CborValue Read(ReadOnlyMemory<byte> encoded)
    {
        var reader = Cbor.Reader(encoded);
        return Read(reader, encoded);
    }

    private static CborValue Read(CborReader reader, ReadOnlyMemory<byte> buffer)
    {
        var start = buffer.Length - reader.BytesRemaining;
        var (kind, value, tag) = ReadContent(reader, buffer);
        var end = buffer.Length - reader.BytesRemaining;
        return new CborValue(kind, value, tag, buffer[start..end]);
    }

    private static (CborValueKind Kind, object? Value, ulong Tag) ReadContent(CborReader reader, ReadOnlyMemory<byte> buffer)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                try
                {
                    return (CborValueKind.Integer, reader.ReadInt64(), 0);
                }
                catch (OverflowException)
                {
                    throw new MdocFormatException(MdocErrorCodes.Malformed, "An integer value is outside the range this library represents (64-bit signed).");
                }

            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                return (CborValueKind.Bytes, reader.ReadByteString(), 0);
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                return (CborValueKind.Text, reader.ReadTextString(), 0);
            case CborReaderState.StartArray:
                {
                    var count = reader.ReadStartArray() ?? 0;
                    var items = new CborValue[count];
                    for (var i = 0; i < count; i++)
                    {
                        items[i] = Read(reader, buffer);
                    }

                    reader.ReadEndArray();
                    return (CborValueKind.Array, items, 0);
                }

            case CborReaderState.StartMap:
                {
                    var count = reader.ReadStartMap() ?? 0;
                    var entries = new KeyValuePair<CborValue, CborValue>[count];
                    for (var i = 0; i < count; i++)
                    {
                        var key = Read(reader, buffer);
                        entries[i] = new(key, Read(reader, buffer));
                    }

                    reader.ReadEndMap();
                    return (CborValueKind.Map, entries, 0);
                }

            case CborReaderState.Tag:
                {
                    var tag = (ulong)reader.ReadTag();
                    if (tag is Cbor.FullDateTag or Cbor.DateTimeStringTag)
                    {
                        if (reader.PeekState() != CborReaderState.TextString)
                        {
                            throw Cbor.Malformed($"A tag {tag} date does not wrap a text string");
                        }

                        var text = reader.ReadTextString();
                        if (tag == Cbor.FullDateTag)
                        {
                            return Cbor.TryParseFullDate(text, out var date)
                                ? (CborValueKind.FullDate, (object)date, 0UL)
                                : throw Cbor.Malformed("A full-date (tag 1004) is not of the form YYYY-MM-DD");
                        }

                        return Cbor.TryParseRfc3339(text, out var instant)
                            ? (CborValueKind.DateTime, (object)instant, 0UL)
                            : throw Cbor.Malformed("A tdate (tag 0) is not an RFC 3339 date-time");
                    }

                    return (CborValueKind.Tagged, Read(reader, buffer), tag);
                }

            case CborReaderState.Null:
                reader.ReadNull();
                return (CborValueKind.Null, null, 0);
            case CborReaderState.Boolean:
                return (CborValueKind.Boolean, reader.ReadBoolean(), 0);
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                return (CborValueKind.Float, reader.ReadDouble(), 0);
            case CborReaderState.SimpleValue:
                {
                    var simple = reader.ReadSimpleValue();
                    return simple == CborSimpleValue.Undefined ? (CborValueKind.Undefined, null, 0) : (CborValueKind.Simple, (byte)simple, 0);
                }

            default:
                throw Cbor.Malformed("Unexpected CBOR item");
        }
    }

    private static ReadOnlyMemory<byte> Encode(CborValue value)
    {
        var writer = Cbor.Writer();
        value.WriteTo(writer);
        return writer.Encode();
    }

    internal void WriteTo(CborWriter writer)
    {
        if (!Encoded.IsEmpty)
        {
            writer.WriteEncodedValue(Encoded.Span);
            return;
        }

        switch (Kind)
        {
            case CborValueKind.Null:
                writer.WriteNull();
                break;
            case CborValueKind.Undefined:
                writer.WriteSimpleValue(CborSimpleValue.Undefined);
                break;
            case CborValueKind.Boolean:
                writer.WriteBoolean((bool)_value!);
                break;
            case CborValueKind.Integer:
                writer.WriteInt64((long)_value!);
                break;
            case CborValueKind.Float:
                writer.WriteDouble((double)_value!);
                break;
            case CborValueKind.Text:
                writer.WriteTextString((string)_value!);
                break;
            case CborValueKind.Bytes:
                writer.WriteByteString((byte[])_value!);
                break;
            case CborValueKind.FullDate:
                writer.WriteTag((CborTag)Cbor.FullDateTag);
                writer.WriteTextString(((DateOnly)_value!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case CborValueKind.DateTime:
                writer.WriteTag((CborTag)Cbor.DateTimeStringTag);
                writer.WriteTextString(Cbor.FormatTdate((DateTimeOffset)_value!));
                break;
            case CborValueKind.Array:
                var items = (CborValue[])_value!;
                writer.WriteStartArray(items.Length);
                foreach (var item in items)
                {
                    writer.WriteEncodedValue(item.Encoded.Span);
                }

                writer.WriteEndArray();
                break;
            case CborValueKind.Map:
                Cbor.WriteDeterministicMap(writer, ((KeyValuePair<CborValue, CborValue>[])_value!).Select(e => (e.Key.Encoded.ToArray(), e.Value.Encoded.ToArray())));
                break;
            case CborValueKind.Tagged:
                writer.WriteTag((CborTag)Tag);
                writer.WriteEncodedValue(((CborValue)_value!).Encoded.Span);
                break;
            default:
                writer.WriteSimpleValue((CborSimpleValue)(byte)_value!);
                break;
        }
    }

    private JsonObject ToJsonObject()
    {
        var json = new JsonObject();
        foreach (var (key, value) in AsMap())
        {
            var name = key.Kind switch
            {
                CborValueKind.Text => key.AsText(),
                CborValueKind.Integer => key.AsInteger().ToString(CultureInfo.InvariantCulture),
                _ => key.ToDiagnosticString(),
            };
            json[name] = value.ToJsonNode();
        }

        return json;
    }

    private T Get<T>(CborValueKind expected) =>
        Kind == expected ? (T)_value! : throw new InvalidOperationException($"The value is {Kind}, not {expected}.");
}
