using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Wallet.Core.Json;

/// <summary>
/// The single entry point through which JSON received from another party (an HTTP body, a base64url-decoded JWT
/// part or Disclosure, a decrypted JWE, a file) becomes a <see cref="JsonDocument"/>, <see cref="JsonElement"/> or
/// <see cref="JsonNode"/>. Never throws for malformed input.
/// </summary>
/// <remarks>
/// <see cref="JsonDocument"/> accepts strings and member names that are not valid Unicode and only fails later, when
/// <see cref="JsonElement.GetString"/> or <see cref="JsonProperty.Name"/> throws <see cref="InvalidOperationException"/>
/// — far from the parser, typically as an unhandled 500. Everything parsed here has been checked first, so those calls
/// cannot throw on what this type returns. The other parse APIs are banned in <c>src/BannedSymbols.txt</c>.
/// </remarks>
public static class StrictJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses UTF-8 JSON after checking its syntax, depth and every string and member name.</summary>
    /// <param name="utf8">The bytes exactly as received.</param>
    /// <param name="maxDepth">The deepest nesting of objects and arrays accepted (a bare object is depth 1).</param>
    /// <param name="allowDuplicateProperties">False to reject an object that repeats a member name.</param>
    /// <param name="document">The parsed document, owned by the caller.</param>
    /// <param name="error">The first failed check, with a <see cref="JsonErrorCodes"/> code.</param>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, int maxDepth, bool allowDuplicateProperties, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        document = null;
        if (!TryCheck(utf8.Span, maxDepth, out error))
        {
            return false;
        }

        try
        {
#pragma warning disable RS0030 // The one sanctioned call: the input was checked above.
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = allowDuplicateProperties });
#pragma warning restore RS0030
            return true;
        }
        catch (JsonException)
        {
            // Syntax, depth and Unicode were checked above, so only a repeated member name is left to fail here.
            error = new VerificationError(JsonErrorCodes.DuplicateMember, "A JSON object repeats a member name.");
            return false;
        }
    }

    /// <summary>Parses JSON text; a string holding an unpaired surrogate is refused like invalid UTF-8.</summary>
    /// <inheritdoc cref="TryParse(ReadOnlyMemory{byte}, int, bool, out JsonDocument?, out VerificationError?)"/>
    public static bool TryParse(string json, int maxDepth, bool allowDuplicateProperties, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        document = null;
        return TryEncode(json, out var utf8, out error) && TryParse(utf8, maxDepth, allowDuplicateProperties, out document, out error);
    }

    /// <summary>Parses UTF-8 JSON and returns its root as an element that outlives the document.</summary>
    /// <inheritdoc cref="TryParse(ReadOnlyMemory{byte}, int, bool, out JsonDocument?, out VerificationError?)"/>
    public static bool TryParseElement(ReadOnlyMemory<byte> utf8, int maxDepth, bool allowDuplicateProperties, out JsonElement element, [NotNullWhen(false)] out VerificationError? error)
    {
        element = default;
        if (!TryParse(utf8, maxDepth, allowDuplicateProperties, out var document, out error))
        {
            return false;
        }

        using (document)
        {
            element = document.RootElement.Clone();
            return true;
        }
    }

    /// <summary>Parses JSON text and returns its root as an element that outlives the document.</summary>
    /// <inheritdoc cref="TryParse(ReadOnlyMemory{byte}, int, bool, out JsonDocument?, out VerificationError?)"/>
    public static bool TryParseElement(string json, int maxDepth, bool allowDuplicateProperties, out JsonElement element, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        element = default;
        return TryEncode(json, out var utf8, out error) && TryParseElement(utf8, maxDepth, allowDuplicateProperties, out element, out error);
    }

    /// <summary>Parses JSON text into a mutable node; <paramref name="node"/> is null for the JSON literal <c>null</c>.</summary>
    /// <inheritdoc cref="TryParse(ReadOnlyMemory{byte}, int, bool, out JsonDocument?, out VerificationError?)"/>
    public static bool TryParseNode(string json, int maxDepth, bool allowDuplicateProperties, out JsonNode? node, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        node = null;
        return TryEncode(json, out var utf8, out error) && TryParseNode(utf8, maxDepth, allowDuplicateProperties, out node, out error);
    }

    /// <summary>Parses UTF-8 JSON into a mutable node; <paramref name="node"/> is null for the JSON literal <c>null</c>.</summary>
    /// <inheritdoc cref="TryParse(ReadOnlyMemory{byte}, int, bool, out JsonDocument?, out VerificationError?)"/>
    public static bool TryParseNode(ReadOnlyMemory<byte> utf8, int maxDepth, bool allowDuplicateProperties, out JsonNode? node, [NotNullWhen(false)] out VerificationError? error)
    {
        node = null;
        if (!TryParse(utf8, maxDepth, allowDuplicateProperties, out var document, out error))
        {
            return false;
        }

        using (document)
        {
            node = ToNode(document.RootElement);
            return true;
        }
    }

    /// <summary>
    /// Converts an element parsed by this type into a mutable node without a second parse; null for JSON <c>null</c>.
    /// </summary>
    public static JsonNode? ToNode(JsonElement element)
    {
        var root = element.Clone();
        return root.ValueKind switch
        {
            JsonValueKind.Object => JsonObject.Create(root),
            JsonValueKind.Array => JsonArray.Create(root),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => JsonValue.Create(root),
        };
    }

    /// <summary>
    /// The error a parser reports when <see cref="StrictJson"/> refused its input: the JSON layer's own error when a
    /// string was not valid Unicode (so <see cref="JsonErrorCodes.InvalidUtf8"/> reaches the caller unchanged), the
    /// parser's <paramref name="code"/> for every other failure.
    /// </summary>
    internal static VerificationError Failure(VerificationError jsonError, string code, string message) =>
        jsonError.Code == JsonErrorCodes.InvalidUtf8
            ? jsonError with { Message = $"{message} {jsonError.Message}" }
            : new VerificationError(code, $"{message} {jsonError.Message}");

    private static bool TryEncode(string json, out byte[] utf8, [NotNullWhen(false)] out VerificationError? error)
    {
        try
        {
            utf8 = StrictUtf8.GetBytes(json);
            error = null;
            return true;
        }
        catch (EncoderFallbackException)
        {
            // A lone surrogate in the text itself would otherwise be silently replaced by U+FFFD.
            utf8 = [];
            error = InvalidUnicode("The JSON text contains an unpaired surrogate.");
            return false;
        }
    }

    private static bool TryCheck(ReadOnlySpan<byte> utf8, int maxDepth, [NotNullWhen(false)] out VerificationError? error)
    {
        // The reader's own depth limit would surface as a JsonException indistinguishable from a syntax error, so the
        // reader is given one more level and the depth is checked here.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= maxDepth:
                        error = new VerificationError(JsonErrorCodes.TooDeep, $"The JSON nests objects and arrays deeper than {maxDepth} levels.");
                        return false;
                    case JsonTokenType.String or JsonTokenType.PropertyName when !IsValidString(ref reader):
                        error = InvalidUnicode(reader.TokenType == JsonTokenType.PropertyName
                            ? $"A member name at byte {reader.TokenStartIndex} is not valid UTF-8 or holds an unpaired surrogate escape."
                            : $"A string at byte {reader.TokenStartIndex} is not valid UTF-8 or holds an unpaired surrogate escape.");
                        return false;
                }
            }
        }
        catch (JsonException)
        {
            error = new VerificationError(JsonErrorCodes.Malformed, "The input is not one well-formed JSON value (RFC 8259).");
            return false;
        }

        error = null;
        return true;
    }

    private static bool IsValidString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            // Unescaping is where "\udc00" fails; only escaped values pay for the allocation.
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static VerificationError InvalidUnicode(string message) => new(JsonErrorCodes.InvalidUtf8, message + " (json.invalid_utf8, RFC 8259 §8.1)");
}
