namespace Wallet.Core.OpenId4Vp;

/// <summary>Character-set rules shared by several parameters.</summary>
internal static class OpenId4VpSyntax
{
    /// <summary>The <c>nonce</c> / <c>state</c> alphabet of OpenID4VP 1.0 §5.2: <c>[A-Za-z0-9._~-]</c>, non-empty.</summary>
    public static bool IsUnreservedToken(string? value, int maxLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '~' or '-');

    /// <summary>A DNS name: dot-separated labels of ASCII letters, digits and hyphens, no label empty, starting or ending with a hyphen.</summary>
    public static bool IsDnsName(string value)
    {
        if (value.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in value.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
