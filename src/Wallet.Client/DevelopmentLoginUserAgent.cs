using System.Net;
using System.Text.RegularExpressions;

namespace Wallet.Client;

/// <summary>
/// Signs in at an issuer's development login page without a browser: loads the page at the authorization URL, picks
/// the form whose <c>person_id</c> is <paramref name="personId"/>, posts its fields, and returns the redirect back to the
/// wallet. For demos and tests against an issuer with its development login turned on; a real wallet opens a browser.
/// </summary>
/// <param name="http">A client that does not follow redirects.</param>
/// <param name="personId">The synthetic person to sign in as.</param>
public sealed partial class DevelopmentLoginUserAgent(HttpClient http, string personId) : IAuthorizationUserAgent
{
    private const int MaxPageBytes = 256 * 1024;

    /// <inheritdoc />
    public async Task<Uri> AuthorizeAsync(Uri authorizationUrl, Uri redirectUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        ArgumentNullException.ThrowIfNull(redirectUri);
        using var page = await http.GetAsync(authorizationUrl, cancellationToken).ConfigureAwait(false);
        var html = await page.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (page.StatusCode != HttpStatusCode.OK || html.Length > MaxPageBytes)
        {
            throw Fail($"The authorization endpoint answered HTTP {(int)page.StatusCode} instead of a login page.", (int)page.StatusCode);
        }

        foreach (Match form in FormPattern().Matches(html))
        {
            var fields = InputPattern().Matches(form.Groups["body"].Value)
                .ToDictionary(i => WebUtility.HtmlDecode(i.Groups["name"].Value), i => WebUtility.HtmlDecode(i.Groups["value"].Value), StringComparer.Ordinal);
            if (!fields.TryGetValue("person_id", out var id) || id != personId)
            {
                continue;
            }

            var action = new Uri(authorizationUrl, WebUtility.HtmlDecode(form.Groups["action"].Value));
            using var content = new FormUrlEncodedContent(fields);
            using var login = await http.PostAsync(action, content, cancellationToken).ConfigureAwait(false);
            if (login.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found) || login.Headers.Location is not { } location)
            {
                throw Fail($"The login form post answered HTTP {(int)login.StatusCode} instead of a redirect.", (int)login.StatusCode);
            }

            return location.IsAbsoluteUri ? location : new Uri(action, location);
        }

        throw Fail($"The login page offers no person '{personId}'.", 200);
    }

    private static WalletFlowException Fail(string description, int status) =>
        new(new WalletFlowError(WalletSteps.Authorize, WalletClientErrors.InvalidResponse, description, status));

    [GeneratedRegex("""<form[^>]*\saction="(?<action>[^"]*)"[^>]*>(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input[^>]*\sname="(?<name>[^"]*)"[^>]*\svalue="(?<value>[^"]*)"[^>]*>""", RegexOptions.Singleline | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InputPattern();
}
