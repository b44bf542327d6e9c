using System.Text;

namespace Wallet.Core.OAuth;

/// <summary>
/// Makes a message fit the <c>error_description</c> character set of RFC 6749 §5.2 and OpenID4VCI 1.0 §8.3.1.2
/// (<c>%x20-21 / %x23-5B / %x5D-7E</c>: printable ASCII without <c>"</c> and <c>\</c>).
/// </summary>
public static class OAuthErrorDescription
{
    /// <summary>Longest description produced; longer messages are cut.</summary>
    public const int MaxLength = 500;

    /// <summary>
    /// Replaces <c>"</c> with <c>'</c>, <c>\</c> with <c>/</c>, <c>§</c> with <c>Sec. </c>, every other character outside the
    /// set with <c>?</c>, and cuts the result to <see cref="MaxLength"/> characters.
    /// </summary>
    public static string Sanitize(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var builder = new StringBuilder(Math.Min(message.Length, MaxLength));
        foreach (var c in message)
        {
            if (builder.Length >= MaxLength)
            {
                break;
            }

            builder.Append(c switch
            {
                '"' => "'",
                '\\' => "/",
                '§' => "Sec. ",
                >= '\x20' and <= '\x7E' => c.ToString(),
                _ => "?",
            });
        }

        return builder.Length > MaxLength ? builder.ToString(0, MaxLength) : builder.ToString();
    }

    /// <summary>True when <paramref name="value"/> uses only the allowed characters.</summary>
    public static bool IsValid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.All(c => c is >= '\x20' and <= '\x7E' and not '"' and not '\\');
    }
}
