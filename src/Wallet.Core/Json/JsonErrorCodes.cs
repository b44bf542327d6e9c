namespace Wallet.Core.Json;

/// <summary>
/// Error codes of <see cref="StrictJson"/>, the one entry point through which JSON from other parties becomes a
/// <see cref="System.Text.Json.JsonDocument"/>. <c>specs/hardening.md</c> lists them.
/// </summary>
public static class JsonErrorCodes
{
    /// <summary>The text is not one JSON value (RFC 8259 §2): a syntax error, trailing data, a comment or an empty input.</summary>
    public const string Malformed = "json.malformed";

    /// <summary>
    /// A string or member name is not valid Unicode (RFC 8259 §8.1, §7): raw bytes that are not well-formed UTF-8
    /// (invalid or overlong sequences, encoded surrogates) or an escape that leaves an unpaired surrogate (<c>\udc00</c>).
    /// </summary>
    public const string InvalidUtf8 = "json.invalid_utf8";

    /// <summary>Objects and arrays nest deeper than the caller's limit.</summary>
    public const string TooDeep = "json.too_deep";

    /// <summary>An object repeats a member name where the caller requires unique names (RFC 8259 §4, RFC 7515 §4).</summary>
    public const string DuplicateMember = "json.duplicate_member";
}
