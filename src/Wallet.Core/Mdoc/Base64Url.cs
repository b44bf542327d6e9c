using System.Diagnostics.CodeAnalysis;
using Wallet.Core.Jose;

namespace Wallet.Core.Mdoc;

/// <summary>Strict, size-checked base64url decoding for the OpenID4VCI/OpenID4VP wire forms of mdoc structures.</summary>
internal static class Base64Url
{
    public static bool TryDecode(string text, MdocLimits limits, string what, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out VerificationError? error)
    {
        bytes = null;

        // Four characters carry three bytes: check the size before allocating anything.
        if ((long)text.Length * 3 / 4 > limits.MaxInputBytes)
        {
            error = new VerificationError(MdocErrorCodes.TooLarge, $"{what} is longer than the {limits.MaxInputBytes}-byte limit.");
            return false;
        }

        if (text.Length == 0 || !Base64UrlStrict.TryDecode(text, out var decoded))
        {
            error = new VerificationError(MdocErrorCodes.Malformed, $"{what} is not base64url without padding.");
            return false;
        }

        bytes = decoded;
        error = null;
        return true;
    }
}
