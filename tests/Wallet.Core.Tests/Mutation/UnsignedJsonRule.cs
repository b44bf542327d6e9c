using System.Text;
using System.Text.Json;

namespace Wallet.Core.Tests.Mutation;

/// <summary>
/// The yardstick for unsigned JSON inputs, where a change can leave a different but valid request: an accepted
/// change is harmless only if the result is strict JSON (RFC 8259 §8.1 UTF-8, no lone surrogate escapes, unique
/// member names) and the change lies inside a string or a number of the original, so it changed a value or a name
/// and not the structure.
/// </summary>
internal static class UnsignedJsonRule
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why an accepted change is harmless by the rule above, or null when it is not.</summary>
    /// <param name="original">The valid JSON.</param>
    /// <param name="mutation">A change of the JSON itself (byte or invalid UTF-8 family).</param>
    /// <param name="seen">The JSON as the parser received it.</param>
    public static string? ValueChange(byte[] original, Mutation mutation, byte[] seen)
    {
        var position = mutation.Family == MutationFamilies.InvalidUtf8 ? mutation.Argument : mutation.Offset;
        return IsValueOffset(original, position) && IsStrict(seen)
            ? "unsigned JSON: a string or number became another, well-formed value"
            : null;
    }

    public static bool IsStrict(byte[] json)
    {
        try
        {
            Utf8.GetString(json);
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
            return Strings(document.RootElement).All(s => !HasLoneSurrogate(s));
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsValueOffset(byte[] json, int offset)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            var (start, length) = reader.TokenType switch
            {
                JsonTokenType.String or JsonTokenType.PropertyName => ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length),
                JsonTokenType.Number => ((int)reader.TokenStartIndex, reader.ValueSpan.Length),
                _ => (0, 0),
            };
            if (offset >= start && offset < start + length)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        _ => [],
    };

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
