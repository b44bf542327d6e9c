using System.Text;
using System.Text.Json;

namespace Wallet.Core.OpenId4Vci;

/// <summary>Bounded JSON reading shared by the OpenID4VCI parsers; never throws for malformed input.</summary>
internal static class JsonInput
{
    public static bool TryParseObject(ReadOnlySpan<byte> utf8, int maxLength, int maxDepth, out JsonElement element)
    {
        element = default;
        if (utf8.Length > maxLength)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object || HasDuplicateMembers(document.RootElement))
            {
                return false;
            }

            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static bool TryParseObject(string json, int maxLength, int maxDepth, out JsonElement element)
    {
        element = default;

        // Every character takes at least one UTF-8 byte, so a longer string can be refused before encoding it.
        return json.Length <= maxLength && TryParseObject(Encoding.UTF8.GetBytes(json), maxLength, maxDepth, out element);
    }

    public static string? GetString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>True when the member is absent or a string of at most <paramref name="maxLength"/> characters; the value is returned.</summary>
    public static bool TryGetOptionalString(JsonElement obj, string name, int maxLength, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return value!.Length <= maxLength;
    }

    /// <summary>An https URL without query and fragment (OpenID4VCI 1.0 §12.2.1 Credential Issuer Identifier).</summary>
    public static bool IsIssuerIdentifier(string? value) =>
        value is not null
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && !value.Contains('?', StringComparison.Ordinal) && !value.Contains('#', StringComparison.Ordinal)
        && string.IsNullOrEmpty(uri.UserInfo);

    public static bool IsHttpsUrl(string? value) =>
        value is not null && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    private static bool HasDuplicateMembers(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name) || HasDuplicateMembers(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (HasDuplicateMembers(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
