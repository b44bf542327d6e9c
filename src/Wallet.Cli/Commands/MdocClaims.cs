using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Mdoc;

namespace Wallet.Cli.Commands;

/// <summary>
/// Turns a claims file <c>{ namespace: { element: value } }</c> into mdoc data elements. Elements the PID Rule Book
/// (and ISO/IEC 18013-5 for the mDL) types specially get that CBOR type: <c>full-date</c> (tag 1004) for dates, a byte
/// string for the portrait (given as base64), an array of text for the nationalities, an unsigned integer for sex.
/// Everything else maps the obvious way: text, integer, float, boolean, null, array, map.
/// </summary>
internal static class MdocClaims
{
    // ISO/IEC 18013-5 7.2.1: the mDL's issue date has the same full-date type as the PID's issuance_date.
    private const string MdlIssueDate = "issue_date";

    private static readonly HashSet<string> FullDateElements = new([PidMdoc.BirthDate, PidMdoc.ExpiryDate, PidMdoc.IssuanceDate, MdlIssueDate], StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> ToNameSpaces(JsonObject claims, string described)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0)
        {
            throw new UsageException($"The {described} holds no namespace; it must be {{\"namespace\": {{\"element\": value}}}}.");
        }

        var nameSpaces = new Dictionary<string, IReadOnlyDictionary<string, CborValue>>(StringComparer.Ordinal);
        foreach (var (nameSpace, elements) in claims)
        {
            if (elements is not JsonObject elementObject)
            {
                throw new UsageException($"The {described} member '{nameSpace}' is not an object of data elements; the file must be {{\"namespace\": {{\"element\": value}}}}, e.g. {{\"{PidMdoc.NameSpace}\": {{\"{PidMdoc.GivenName}\": …}}}}.");
            }

            var converted = new Dictionary<string, CborValue>(StringComparer.Ordinal);
            foreach (var (identifier, value) in elementObject)
            {
                converted[identifier] = ToElement(identifier, value, $"element '{nameSpace}/{identifier}' of the {described}");
            }

            nameSpaces[nameSpace] = converted;
        }

        return nameSpaces;
    }

    private static CborValue ToElement(string identifier, JsonNode? value, string described)
    {
        if (FullDateElements.Contains(identifier))
        {
            return CborValue.FullDate(ParseDate(value, described));
        }

        switch (identifier)
        {
            case PidMdoc.Portrait:
                return CborValue.Bytes(ParseBase64(value, described));
            case PidMdoc.Nationality:
                if (value is not JsonArray nationalities || nationalities.Any(n => n?.GetValueKind() != JsonValueKind.String))
                {
                    throw new UsageException($"The {described} must be an array of ISO 3166-1 alpha-2 codes (PID Rule Book: nationality).");
                }

                return CborValue.Array(nationalities.Select(n => CborValue.Text(n!.GetValue<string>())));
            case PidMdoc.Sex:
                if (value?.GetValueKind() != JsonValueKind.Number || !value.GetValue<JsonElement>().TryGetInt64(out var sex) || sex < 0)
                {
                    throw new UsageException($"The {described} must be an unsigned integer (PID Rule Book: sex, ISO/IEC 5218).");
                }

                return CborValue.Integer(sex);
            default:
                return ToCbor(value, described, depth: 0);
        }
    }

    private static CborValue ToCbor(JsonNode? value, string described, int depth)
    {
        if (depth > 16)
        {
            throw new UsageException($"The {described} nests deeper than 16 levels.");
        }

        switch (value)
        {
            case null:
                return CborValue.Null;
            case JsonArray array:
                return CborValue.Array(array.Select(item => ToCbor(item, described, depth + 1)));
            case JsonObject map:
                return CborValue.Map(map.Select(member => new KeyValuePair<string, CborValue>(member.Key, ToCbor(member.Value, described, depth + 1))));
        }

        var element = value.GetValue<JsonElement>();
        return element.ValueKind switch
        {
            JsonValueKind.String => CborValue.Text(element.GetString()!),
            JsonValueKind.True => CborValue.True,
            JsonValueKind.False => CborValue.False,
            JsonValueKind.Number when element.TryGetInt64(out var integer) => CborValue.Integer(integer),
            JsonValueKind.Number => CborValue.Float(element.GetDouble()),
            _ => throw new UsageException($"The {described} has a value of unsupported JSON kind {element.ValueKind}."),
        };
    }

    private static DateOnly ParseDate(JsonNode? value, string described)
    {
        if (value?.GetValueKind() == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new UsageException($"The {described} must be a full-date 'YYYY-MM-DD' (RFC 3339), encoded as CBOR tag 1004.");
    }

    private static byte[] ParseBase64(JsonNode? value, string described)
    {
        if (value?.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            try
            {
                // The portrait may be given in either alphabet; padding is optional.
                return text.Contains('+', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal) || text.EndsWith('=')
                    ? Convert.FromBase64String(text)
                    : Base64Url.DecodeFromChars(text);
            }
            catch (FormatException)
            {
            }
        }

        throw new UsageException($"The {described} must be the image bytes in base64 or base64url; it is encoded as a CBOR byte string.");
    }
}
