using System.Text;

namespace Wallet.Core.Tests.Json;

/// <summary>
/// Byte sequences that are not valid Unicode once inside a JSON string (RFC 8259 §8.1 requires UTF-8; RFC 3629 §3
/// forbids overlong forms, surrogates and code points above U+10FFFF), written out by hand.
/// </summary>
public static class InvalidUnicode
{
    /// <summary>Raw bytes: reach a parser only where the input is bytes (a base64url-decoded part, a body).</summary>
    public static readonly IReadOnlyDictionary<string, byte[]> Raw = new Dictionary<string, byte[]>
    {
        ["lone continuation byte ff"] = [0xFF],
        ["lone continuation byte 80"] = [0x80],
        ["overlong '/' c0 af"] = [0xC0, 0xAF],
        ["overlong '/' e0 80 af"] = [0xE0, 0x80, 0xAF],
        ["overlong NUL f0 80 80 80"] = [0xF0, 0x80, 0x80, 0x80],
        ["encoded high surrogate ed a0 80"] = [0xED, 0xA0, 0x80],
        ["encoded low surrogate ed b0 80"] = [0xED, 0xB0, 0x80],
        ["truncated euro sign e2 82"] = [0xE2, 0x82],
        ["above U+10FFFF f4 90 80 80"] = [0xF4, 0x90, 0x80, 0x80],
    };

    /// <summary>JSON escapes that decode to an unpaired surrogate: reach every parser, text or bytes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Escaped = new Dictionary<string, string>
    {
        ["escaped lone low surrogate"] = @"\udc00",
        ["escaped lone high surrogate at the end"] = @"\ud800",
        ["escaped high surrogate before a letter"] = @"\ud800x",
        ["escaped high surrogate before an escaped letter"] = @"\ud800\u0041",
        ["escaped surrogates in the wrong order"] = @"\udc00\ud800",
    };

    /// <summary>Every case as the bytes to put between the quotes of a JSON string.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> All =>
        Raw.Select(r => (r.Key, r.Value)).Concat(Escaped.Select(e => (e.Key, Encoding.ASCII.GetBytes(e.Value))));

    /// <summary><paramref name="template"/> with <c>@</c> replaced by <paramref name="inside"/>, as UTF-8.</summary>
    public static byte[] Fill(string template, byte[] inside)
    {
        var at = template.IndexOf('@', StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(template[..at]), .. inside, .. Encoding.UTF8.GetBytes(template[(at + 1)..])];
    }
}
