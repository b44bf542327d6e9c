using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>Changes to a compact SD-JWT+KB that a verifier must notice; each leaves everything else byte for byte.</summary>
public static class Tamper
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>
    /// Applies the named change: <c>disclosure value changed</c> (the <c>Erika</c> Disclosure now says <c>Mallory</c>),
    /// <c>disclosure removed</c>, <c>kb-jwt removed</c>, <c>kb-jwt signature changed</c>, <c>issuer signature
    /// changed</c>; any other name leaves <paramref name="compact"/> as it is.
    /// </summary>
    public static string Apply(string mutation, string compact) => mutation switch
    {
        "disclosure value changed" => ReplaceDisclosureValue(compact, "Erika", "Mallory"),
        "disclosure removed" => RemoveDisclosure(compact, "Erika"),
        "kb-jwt removed" => compact[..(compact.LastIndexOf('~') + 1)],
        "kb-jwt signature changed" => FlipLastSignatureCharacter(compact),
        "issuer signature changed" => FlipIssuerSignatureCharacter(compact),
        _ => compact,
    };

    /// <summary>Re-encodes the Disclosure whose value is <paramref name="value"/> with <paramref name="replacement"/>, keeping its salt and name.</summary>
    private static string ReplaceDisclosureValue(string compact, string value, string replacement)
    {
        var parts = compact.Split('~');
        var index = FindDisclosure(parts, value);
        var array = JsonNode.Parse(Base64Url.DecodeFromChars(parts[index]))!.AsArray();
        array[^1] = replacement;
        parts[index] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(array.ToJsonString()));
        return string.Join('~', parts);
    }

    /// <summary>Drops the Disclosure whose value is <paramref name="value"/>.</summary>
    private static string RemoveDisclosure(string compact, string value)
    {
        var parts = compact.Split('~').ToList();
        parts.RemoveAt(FindDisclosure([.. parts], value));
        return string.Join('~', parts);
    }

    /// <summary>Changes the last character of the compact form: the KB-JWT's signature.</summary>
    private static string FlipLastSignatureCharacter(string compact) => compact[..^1] + Other(compact[^1]);

    /// <summary>Changes the last character of the Issuer-signed JWT's signature.</summary>
    private static string FlipIssuerSignatureCharacter(string compact)
    {
        var end = compact.IndexOf('~', StringComparison.Ordinal);
        return compact[..(end - 1)] + Other(compact[end - 1]) + compact[end..];
    }

    // The last base64url character of a 64-byte ES256 signature carries 2 significant bits (its top ones): flip the
    // highest, so the signature changes and its encoding stays canonical.
    private static char Other(char c) => Alphabet[Alphabet.IndexOf(c, StringComparison.Ordinal) ^ 0x20];

    private static int FindDisclosure(string[] parts, string value)
    {
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length > 0 && !parts[i].Contains('.', StringComparison.Ordinal)
                && JsonNode.Parse(Base64Url.DecodeFromChars(parts[i])) is JsonArray array
                && array[^1] is JsonValue v && v.TryGetValue<string>(out var s) && s == value)
            {
                return i;
            }
        }

        throw new ArgumentException($"No Disclosure with the value '{value}'.", nameof(value));
    }
}
