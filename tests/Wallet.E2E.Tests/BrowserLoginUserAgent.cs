using Microsoft.Playwright;
using Wallet.Client;

namespace Wallet.E2E.Tests;

/// <summary>
/// The wallet's user agent as a real browser: opens the authorization URL in Chromium, records the persons the
/// development login lists, clicks the one to sign in as, and hands the issuer's redirect back to the wallet. The
/// redirect goes to the wallet's own URI scheme, which a browser cannot open, so the form post is answered through
/// Playwright (the request still goes to the issuer unchanged) and its <c>Location</c> is what the wallet receives.
/// </summary>
internal sealed class BrowserLoginUserAgent(IPage page, string personId) : IAuthorizationUserAgent
{
    public string PageTitle { get; private set; } = string.Empty;

    public IReadOnlyList<string> ListedPersons { get; private set; } = [];

    public async Task<Uri> AuthorizeAsync(Uri authorizationUrl, Uri redirectUri, CancellationToken cancellationToken)
    {
        var location = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/authorize/login", async route =>
        {
            var response = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0, Timeout = BrowserFixture.TimeoutMilliseconds });
            var target = response.HeadersArray.FirstOrDefault(h => h.Name.Equals("location", StringComparison.OrdinalIgnoreCase))?.Value;
            location.TrySetResult(target ?? $"no redirect: HTTP {response.Status}");
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/plain", Body = "Back to the wallet." });
        });

        var loaded = await page.GotoAsync(authorizationUrl.AbsoluteUri);
        if (loaded?.Status != 200)
        {
            throw new InvalidOperationException($"The authorization URL answered HTTP {loaded?.Status}.");
        }

        PageTitle = await page.TitleAsync();
        ListedPersons = await page.Locator("form input[name=person_id]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
        await page.Locator($"form:has(input[name=person_id][value=\"{personId}\"]) button[type=submit]").ClickAsync();
        var redirect = await location.Task.WaitAsync(TimeSpan.FromMilliseconds(BrowserFixture.TimeoutMilliseconds), cancellationToken);
        return Uri.TryCreate(redirect, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"The login did not redirect to the wallet ({redirect}).");
    }
}
