using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Wallet.Core.OAuth;

/// <summary>
/// Which <c>redirect_uri</c> values an authorization server sends a user agent to, as an explicit allow-list of rules:
/// <list type="number">
/// <item>an absolute URI with its scheme written out, without fragment (RFC 6749 §3.1.2);</item>
/// <item><c>https</c>;</item>
/// <item><c>http</c> only on the loopback interface: <c>127.0.0.1</c>, <c>[::1]</c> or <c>localhost</c>, any port (RFC 8252 §7.3, §8.3);</item>
/// <item>a private-use scheme in reverse domain name form, i.e. containing a dot, such as <c>com.example.app:/cb</c> (RFC 8252 §7.1);</item>
/// <item>a scheme on the configured list <see cref="AdditionalSchemes"/>.</item>
/// </list>
/// Everything else is refused: <c>javascript:</c>, <c>vbscript:</c>, <c>data:</c>, <c>file:</c>, <c>about:</c>,
/// <c>blob:</c>, <c>filesystem:</c>, <c>ms-appx:</c> and every other single-word scheme run code, read local content
/// or name no client (RFC 9700 §4.1).
/// </summary>
public sealed class RedirectUriPolicy
{
    // Schemes that run script, read local or browser-internal content, or would reopen plain http. They can never be
    // added to the allow-list.
    private static readonly HashSet<string> NeverAllowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "http", "https", "javascript", "vbscript", "data", "file", "about", "blob", "filesystem", "view-source",
        "ms-appx", "ms-appx-web", "ms-appdata", "ms-local-stream", "jar", "chrome", "chrome-extension", "resource",
    };

    /// <summary>Creates a policy that also accepts the schemes in <paramref name="additionalSchemes"/>.</summary>
    /// <param name="additionalSchemes">Private-use schemes accepted although they are not in reverse domain name form.</param>
    /// <exception cref="ArgumentException">A scheme is not a valid RFC 3986 scheme or is never allowed (<see cref="IsAllowableScheme"/>).</exception>
    public RedirectUriPolicy(IEnumerable<string> additionalSchemes)
    {
        ArgumentNullException.ThrowIfNull(additionalSchemes);
        var schemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var scheme in additionalSchemes)
        {
            if (!IsAllowableScheme(scheme, out var reason))
            {
                throw new ArgumentException(reason, nameof(additionalSchemes));
            }

            schemes.Add(scheme);
        }

        AdditionalSchemes = schemes;
    }

    /// <summary>The policy without additional schemes.</summary>
    public static RedirectUriPolicy Default { get; } = new([]);

    /// <summary>The configured private-use schemes accepted in addition to the rules (compared case-insensitively).</summary>
    public IReadOnlySet<string> AdditionalSchemes { get; }

    /// <summary>
    /// True when <paramref name="scheme"/> may be put on the allow-list: a syntactically valid scheme (RFC 3986 §3.1)
    /// that is not one of the schemes that run code, read local content or are http(s).
    /// </summary>
    public static bool IsAllowableScheme([NotNullWhen(true)] string? scheme, [NotNullWhen(false)] out string? reason)
    {
        if (string.IsNullOrEmpty(scheme) || !IsSchemeSyntax(scheme))
        {
            reason = $"'{scheme}' is not a URI scheme (RFC 3986 §3.1): a letter followed by letters, digits, '+', '-' or '.', without ':'.";
            return false;
        }

        if (NeverAllowed.Contains(scheme))
        {
            reason = $"The scheme '{scheme}' can never be allowed for redirect URIs: https and loopback http follow their own rules, and the others run code or read local content in the user agent.";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Checks <paramref name="value"/> against the rules; on failure the error's message names the rule it broke.</summary>
    public bool TryValidate(string? value, [NotNullWhen(true)] out Uri? redirectUri, [NotNullWhen(false)] out VerificationError? error)
    {
        redirectUri = null;
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (value is null || colon <= 0 || !IsSchemeSyntax(value.AsSpan(0, colon)) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            // The scheme must be written out: .NET reads "/cb" as a file URI on Unix.
            return Fail("'redirect_uri' must be an absolute URI with a scheme (RFC 6749 §3.1.2).", out error);
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return Fail("'redirect_uri' must not include a fragment component (RFC 6749 §3.1.2).", out error);
        }

        var scheme = uri.Scheme;
        if (scheme == Uri.UriSchemeHttp)
        {
            if (!IsLoopback(uri))
            {
                return Fail("An http 'redirect_uri' is only allowed on the loopback interface: 127.0.0.1, [::1] or localhost (RFC 8252 §7.3); use https.", out error);
            }
        }
        else if (scheme != Uri.UriSchemeHttps)
        {
            if (NeverAllowed.Contains(scheme))
            {
                return Fail($"The scheme '{scheme}' is never a redirect target: it runs code or reads local content in the user agent (RFC 9700 §4.1).", out error);
            }

            if (!scheme.Contains('.', StringComparison.Ordinal) && !AdditionalSchemes.Contains(scheme))
            {
                return Fail($"The private-use scheme '{scheme}' is not in reverse domain name form such as 'com.example.app' (RFC 8252 §7.1) and is not on this server's list of allowed schemes.", out error);
            }
        }

        redirectUri = uri;
        error = null;
        return true;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.HostNameType switch
        {
            UriHostNameType.IPv4 => IPAddress.TryParse(uri.DnsSafeHost, out var v4) && v4.Equals(IPAddress.Loopback),
            UriHostNameType.IPv6 => IPAddress.TryParse(uri.DnsSafeHost, out var v6) && v6.Equals(IPAddress.IPv6Loopback),
            UriHostNameType.Dns => string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    private static bool IsSchemeSyntax(ReadOnlySpan<char> scheme)
    {
        if (!char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Fail(string message, out VerificationError error)
    {
        error = new VerificationError(OAuthErrorCodes.AuthorizationRequestRedirectUriInvalid, message);
        return false;
    }
}
