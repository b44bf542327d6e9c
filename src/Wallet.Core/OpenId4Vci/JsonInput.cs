using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vci;

/// <summary>Bounded JSON reading shared by the OpenID4VCI parsers; never throws for malformed input.</summary>
internal static class JsonInput
{
    public static bool TryParseObject(ReadOnlySpan<byte> utf8, int maxLength, int maxDepth, out JsonElement element, [NotNullWhen(false)] out VerificationError? error)
    {
        element = default;
        if (utf8.Length > maxLength)
        {
            error = new VerificationError(JsonErrorCodes.Malformed, $"The JSON is {utf8.Length} bytes long; the limit is {maxLength}.");
            return false;
        }

        if (!StrictJson.TryParseElement(utf8.ToArray(), maxDepth, allowDuplicateProperties: false, out element, out error))
        {
            return false;
        }

        error = element.ValueKind == JsonValueKind.Object ? null : new VerificationError(JsonErrorCodes.Malformed, "The JSON is not an object.");
        return error is null;
    }

    public static bool TryParseObject(string json, int maxLength, int maxDepth, out JsonElement element, [NotNullWhen(false)] out VerificationError? error)
    {
        element = default;
        if (json.Length > maxLength)
        {
            // Every character takes at least one UTF-8 byte, so a longer string can be refused before encoding it.
            error = new VerificationError(JsonErrorCodes.Malformed, $"The JSON is {json.Length} characters long; the limit is {maxLength}.");
            return false;
        }

        if (!StrictJson.TryParseElement(json, maxDepth, allowDuplicateProperties: false, out element, out error))
        {
            return false;
        }

        if (Encoding.UTF8.GetByteCount(json) > maxLength)
        {
            error = new VerificationError(JsonErrorCodes.Malformed, $"The JSON is longer than {maxLength} bytes.");
            return false;
        }

        error = element.ValueKind == JsonValueKind.Object ? null : new VerificationError(JsonErrorCodes.Malformed, "The JSON is not an object.");
        return error is null;
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
}
