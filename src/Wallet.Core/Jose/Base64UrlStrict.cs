using System.Buffers.Text;

namespace Wallet.Core.Jose;

/// <summary>
/// Base64url without padding, strictly as RFC 7515 §2 and the RFC 9901 §4 ABNF define it:
/// only <c>[A-Za-z0-9_-]</c>, no padding, no whitespace.
/// </summary>
internal static class Base64UrlStrict
{
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }

        // A remainder of one character cannot encode a whole byte.
        return value.Length % 4 != 1;
    }

    public static bool TryDecode(ReadOnlySpan<char> value, out byte[] bytes)
    {
        if (!IsValid(value))
        {
            bytes = [];
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(value);
            return true;
        }
        catch (FormatException)
        {
            // Non-zero trailing bits (a non-canonical encoding such as "not") pass the alphabet check but not the decoder.
            bytes = [];
            return false;
        }
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}
