using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Core.StatusList;

/// <summary>
/// Reads and writes the <c>status</c> claim of a Referenced Token: the JSON object of an SD-JWT VC
/// (draft-ietf-oauth-status-list-20 §6.2) and the CBOR <c>Status</c> map of a CWT (claim key 65535) or an
/// mdoc MSO (§6.3), each holding a <c>status_list</c> member <c>{idx, uri}</c>.
/// </summary>
public static class StatusClaim
{
    /// <summary>The CWT claim key of <c>status</c> (§6.3).</summary>
    public const int CwtClaimKey = 65535;

    /// <summary>Parses the JSON value of the <c>status</c> claim. Never throws for malformed input.</summary>
    public static bool TryParse(JsonElement status, [NotNullWhen(true)] out StatusListReference? reference, [NotNullWhen(false)] out VerificationError? error)
    {
        reference = null;
        if (status.ValueKind != JsonValueKind.Object)
        {
            error = Invalid("'status' is not a JSON object (§6.2)");
            return false;
        }

        if (!status.TryGetProperty("status_list", out var statusList))
        {
            error = Invalid("'status' has no 'status_list' member; no other status mechanism is supported");
            return false;
        }

        if (statusList.ValueKind != JsonValueKind.Object)
        {
            error = Invalid("'status_list' is not a JSON object (§6.2)");
            return false;
        }

        if (!statusList.TryGetProperty("idx", out var idx) || idx.ValueKind != JsonValueKind.Number)
        {
            error = Invalid("'status_list.idx' is missing or not a number (§6.2)");
            return false;
        }

        if (!idx.TryGetInt32(out var index) || index < 0)
        {
            error = Invalid("'status_list.idx' is not a non-negative integer within range (§6.2)");
            return false;
        }

        if (!statusList.TryGetProperty("uri", out var uriElement) || uriElement.ValueKind != JsonValueKind.String)
        {
            error = Invalid("'status_list.uri' is missing or not a string (§6.2)");
            return false;
        }

        return TryCreate(index, uriElement.GetString()!, out reference, out error);
    }

    /// <summary>
    /// Parses the encoded CBOR <c>Status</c> map (the value of CWT claim 65535 or of the MSO <c>status</c> element).
    /// Never throws for malformed input.
    /// </summary>
    public static bool TryParseCbor(ReadOnlyMemory<byte> encodedStatus, [NotNullWhen(true)] out StatusListReference? reference, [NotNullWhen(false)] out VerificationError? error)
    {
        reference = null;
        if (!StatusListCbor.IsWithinDepth(encodedStatus, StatusListLimits.Default.MaxCborDepth))
        {
            error = Invalid("'status' is not one well-formed CBOR item within the nesting limit");
            return false;
        }

        try
        {
            var reader = new CborReader(encodedStatus, CborConformanceMode.Strict);
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                error = Invalid("'status' is not a CBOR map (§6.3)");
                return false;
            }

            reader.ReadStartMap();
            while (reader.PeekState() != CborReaderState.EndMap)
            {
                if (reader.PeekState() == CborReaderState.TextString && reader.ReadTextString() == "status_list")
                {
                    return TryReadStatusListInfo(reader, out reference, out error);
                }

                reader.SkipValue();
            }

            error = Invalid("'status' has no 'status_list' member; no other status mechanism is supported");
            return false;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException)
        {
            error = Invalid("'status' is not valid CBOR (duplicate keys or invalid encoding)");
            return false;
        }
    }

    /// <summary>The JSON value of the <c>status</c> claim: <c>{"status_list": {"idx": …, "uri": …}}</c>.</summary>
    public static JsonObject ToJsonObject(StatusListReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new JsonObject
        {
            ["status_list"] = new JsonObject
            {
                ["idx"] = reference.Index,
                ["uri"] = reference.Uri.OriginalString,
            },
        };
    }

    /// <summary>Writes the CBOR <c>Status</c> map with text keys (§6.3).</summary>
    public static void WriteCbor(CborWriter writer, StatusListReference reference)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reference);
        writer.WriteStartMap(1);
        writer.WriteTextString("status_list");
        writer.WriteStartMap(2);
        writer.WriteTextString("idx");
        writer.WriteInt32(reference.Index);
        writer.WriteTextString("uri");
        writer.WriteTextString(reference.Uri.OriginalString);
        writer.WriteEndMap();
        writer.WriteEndMap();
    }

    /// <summary>The encoded CBOR <c>Status</c> map.</summary>
    public static byte[] ToCbor(StatusListReference reference)
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        WriteCbor(writer, reference);
        return writer.Encode();
    }

    private static bool TryReadStatusListInfo(CborReader reader, [NotNullWhen(true)] out StatusListReference? reference, [NotNullWhen(false)] out VerificationError? error)
    {
        reference = null;
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            error = Invalid("'status_list' is not a CBOR map (§6.3 StatusListInfo)");
            return false;
        }

        int? index = null;
        string? uri = null;
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : null;
            if (key is null)
            {
                reader.SkipValue();
                reader.SkipValue();
                continue;
            }

            if (key == "idx")
            {
                if (reader.PeekState() != CborReaderState.UnsignedInteger)
                {
                    error = Invalid("'status_list.idx' is not an unsigned integer (§6.3)");
                    return false;
                }

                var value = reader.ReadUInt64();
                if (value > int.MaxValue)
                {
                    error = Invalid("'status_list.idx' is out of range");
                    return false;
                }

                index = (int)value;
            }
            else if (key == "uri")
            {
                if (reader.PeekState() != CborReaderState.TextString)
                {
                    error = Invalid("'status_list.uri' is not a text string (§6.3)");
                    return false;
                }

                uri = reader.ReadTextString();
            }
            else
            {
                reader.SkipValue();
            }
        }

        if (index is null || uri is null)
        {
            error = Invalid($"'status_list.{(index is null ? "idx" : "uri")}' is missing (§6.3)");
            return false;
        }

        return TryCreate(index.Value, uri, out reference, out error);
    }

    private static bool TryCreate(int index, string uri, [NotNullWhen(true)] out StatusListReference? reference, [NotNullWhen(false)] out VerificationError? error)
    {
        reference = null;
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            error = Invalid("'status_list.uri' is not an absolute URI (RFC 3986)");
            return false;
        }

        reference = new StatusListReference(index, parsed);
        error = null;
        return true;
    }

    private static VerificationError Invalid(string reason) => new(StatusListErrorCodes.InvalidReference, $"Invalid 'status' claim: {reason}.");
}
