using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Wallet.Verifier.Endpoints;

/// <summary>Checks the media type of request bodies and parses forms strictly; the bodies are read by <c>ReadBoundedBodyAsync</c>.</summary>
internal static class RequestBody
{
    /// <summary>True when the content type is <c>application/x-www-form-urlencoded</c> (any charset parameter must be UTF-8).</summary>
    public static bool IsForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the content type is <c>application/json</c> (any charset parameter must be UTF-8, RFC 8259 §8.1).</summary>
    public static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Parses a form body. Fails on a repeated parameter: a request whose meaning depends on which copy is read is
    /// refused rather than guessed at.
    /// </summary>
    public static bool TryParseForm(byte[] body, out Dictionary<string, string> form)
    {
        form = new Dictionary<string, string>(StringComparer.Ordinal);
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return false;
        }

        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields;
        try
        {
            using var reader = new FormReader(text) { ValueCountLimit = 64, KeyLengthLimit = 256, ValueLengthLimit = body.Length + 1 };
            fields = reader.ReadForm();
        }
        catch (InvalidDataException)
        {
            return false;
        }

        foreach (var (key, values) in fields)
        {
            if (values.Count != 1)
            {
                return false;
            }

            form[key] = values[0] ?? string.Empty;
        }

        return true;
    }
}
