using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Core.Mdoc;

/// <summary>
/// Renders CBOR for people: diagnostic notation (RFC 8949 §8, with RFC 8610 Appendix G <c>&lt;&lt; &gt;&gt;</c>
/// for embedded CBOR) and a JSON view. Both decode tag-24 embedded items so a whole DeviceResponse or
/// IssuerSigned can be read at once. Input is bounded by <see cref="MdocLimits"/>.
/// </summary>
public static class CborDiagnostics
{
    private const int MaxEmbeddingLevels = 4;

    /// <summary>Formats one CBOR item in diagnostic notation.</summary>
    /// <param name="cbor">The encoded item.</param>
    /// <param name="text">The notation, when the input is well-formed.</param>
    /// <param name="error">Why the input could not be read.</param>
    /// <param name="expandEmbeddedCbor">Show tag-24 byte strings as their decoded content.</param>
    /// <param name="limits">Input bounds; <see cref="MdocLimits.Default"/> when null.</param>
    public static bool TryToDiagnosticNotation(ReadOnlyMemory<byte> cbor, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out VerificationError? error, bool expandEmbeddedCbor = true, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        return Cbor.TryRun(
            () =>
            {
                Cbor.Check(cbor, bounds, "The CBOR input");
                return Format(cbor, expandEmbeddedCbor, bounds);
            },
            out text,
            out error);
    }

    /// <summary>
    /// Converts one CBOR item to indented JSON text: byte strings as base64url, dates as text, tag-24
    /// items decoded (when <paramref name="expandEmbeddedCbor"/>), other tags as their content.
    /// </summary>
    public static bool TryToJson(ReadOnlyMemory<byte> cbor, [NotNullWhen(true)] out string? json, [NotNullWhen(false)] out VerificationError? error, bool expandEmbeddedCbor = true, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        return Cbor.TryRun(
            () =>
            {
                Cbor.Check(cbor, bounds, "The CBOR input");
                var node = ToJson(CborValue.Read(cbor), expandEmbeddedCbor ? MaxEmbeddingLevels : 0, bounds);
                return node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
            },
            out json,
            out error);
    }

    internal static string Format(ReadOnlyMemory<byte> cbor, bool expandEmbeddedCbor, MdocLimits limits)
    {
        var builder = new StringBuilder();
        var reader = Cbor.Reader(cbor);
        Write(reader, builder, expandEmbeddedCbor ? MaxEmbeddingLevels : 0, limits);
        return builder.ToString();
    }

    private static JsonNode? ToJson(CborValue value, int embeddingLevels, MdocLimits limits)
    {
        switch (value.Kind)
        {
            case CborValueKind.Tagged when value.Tag == Cbor.EncodedCborTag && embeddingLevels > 0 && value.AsTaggedContent().Kind == CborValueKind.Bytes:
                var content = value.AsTaggedContent().AsBytes();
                Cbor.Check(content, limits, "Embedded CBOR");
                return ToJson(CborValue.Read(content), embeddingLevels - 1, limits);
            case CborValueKind.Tagged:
                return ToJson(value.AsTaggedContent(), embeddingLevels, limits);
            case CborValueKind.Array:
                return new JsonArray(value.AsArray().Select(i => ToJson(i, embeddingLevels, limits)).ToArray());
            case CborValueKind.Map:
                var json = new JsonObject();
                foreach (var (key, item) in value.AsMap())
                {
                    var name = key.Kind switch
                    {
                        CborValueKind.Text => key.AsText(),
                        CborValueKind.Integer => key.AsInteger().ToString(CultureInfo.InvariantCulture),
                        _ => key.ToDiagnosticString(),
                    };
                    json[name] = ToJson(item, embeddingLevels, limits);
                }

                return json;
            default:
                return value.ToJsonNode();
        }
    }

    private static void Write(CborReader reader, StringBuilder builder, int embeddingLevels, MdocLimits limits)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                builder.Append(reader.ReadUInt64().ToString(CultureInfo.InvariantCulture));
                break;
            case CborReaderState.NegativeInteger:
                builder.Append('-').Append((reader.ReadCborNegativeIntegerRepresentation() + 1UL).ToString(CultureInfo.InvariantCulture));
                break;
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                builder.Append("h'").Append(Convert.ToHexStringLower(reader.ReadByteString())).Append('\'');
                break;
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                builder.Append(JsonSerializer.Serialize(reader.ReadTextString(), CborDiagnosticsJsonContext.Default.String));
                break;
            case CborReaderState.StartArray:
                {
                    var count = reader.ReadStartArray() ?? 0;
                    builder.Append('[');
                    for (var i = 0; i < count; i++)
                    {
                        builder.Append(i == 0 ? string.Empty : ", ");
                        Write(reader, builder, embeddingLevels, limits);
                    }

                    reader.ReadEndArray();
                    builder.Append(']');
                    break;
                }

            case CborReaderState.StartMap:
                {
                    var count = reader.ReadStartMap() ?? 0;
                    builder.Append('{');
                    for (var i = 0; i < count; i++)
                    {
                        builder.Append(i == 0 ? string.Empty : ", ");
                        Write(reader, builder, embeddingLevels, limits);
                        builder.Append(": ");
                        Write(reader, builder, embeddingLevels, limits);
                    }

                    reader.ReadEndMap();
                    builder.Append('}');
                    break;
                }

            case CborReaderState.Tag:
                {
                    var tag = (ulong)reader.ReadTag();
                    builder.Append(tag.ToString(CultureInfo.InvariantCulture)).Append('(');
                    if (tag == Cbor.EncodedCborTag && embeddingLevels > 0 && reader.PeekState() == CborReaderState.ByteString)
                    {
                        var content = reader.ReadByteString();
                        Cbor.Check(content, limits, "Embedded CBOR");
                        builder.Append("<< ");
                        Write(Cbor.Reader(content), builder, embeddingLevels - 1, limits);
                        builder.Append(" >>");
                    }
                    else
                    {
                        Write(reader, builder, embeddingLevels, limits);
                    }

                    builder.Append(')');
                    break;
                }

            case CborReaderState.Null:
                reader.ReadNull();
                builder.Append("null");
                break;
            case CborReaderState.Boolean:
                builder.Append(reader.ReadBoolean() ? "true" : "false");
                break;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                var number = reader.ReadDouble();
                builder.Append(
                    double.IsNaN(number) ? "NaN"
                    : double.IsPositiveInfinity(number) ? "Infinity"
                    : double.IsNegativeInfinity(number) ? "-Infinity"
                    : number.ToString("0.0##############", CultureInfo.InvariantCulture));
                break;
            case CborReaderState.SimpleValue:
                var simple = reader.ReadSimpleValue();
                builder.Append(simple == CborSimpleValue.Undefined ? "undefined" : $"simple({(byte)simple})");
                break;
            default:
                throw Cbor.Malformed("Unexpected CBOR item");
        }
    }
}
