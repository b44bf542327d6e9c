using Microsoft.Playwright;
using Wallet.Client;

namespace Wallet.E2E.Tests;

/// <summary>
/// A revoked PID at the counter: red with the reason, in both languages. Both persons are revoked before the Verifier
/// fetches the (shared) status list for the first time, with a Verifier of its own (a fresh fixture).
/// </summary>
public sealed class CounterPageRevocationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_revoked_PID_turns_the_panel_red_with_the_reason_in_both_languages()
    {
        var holders = new Dictionary<string, (WalletClientOptions Options, InMemoryCredentialStore Store)>();
        foreach (var personId in new[] { "yusuf-stateless", "amina-haddad" })
        {
            holders[personId] = await CounterPageTests.HolderWithPidAsync(fixture, personId);
            await CounterPageTests.RevokeAllAsync(fixture, personId);
        }

        foreach (var (personId, lang, verdict, reason) in new[] { ("yusuf-stateless", "en", "REFUSED", "revoked"), ("amina-haddad", "nb", "AVVIST", "tilbakekalt") })
        {
            var (options, store) = holders[personId];
            await using var context = await fixture.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/rp/counter?lang=" + lang).AbsoluteUri);

            await CounterPageTests.StartByKeyboardAsync(page);
            await new OpenId4VpClient(fixture.Http, options, store).RespondAsync((await page.Locator("#link").GetAttributeAsync("href"))!);

            await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync(verdict, new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.TimeoutMilliseconds });
            (await page.Locator("#panel").GetAttributeAsync("class")).Should().Be("panel refused");
            (await page.Locator("#reasons").InnerTextAsync()).Should().Contain(reason).And.Contain("sd_jwt_vc.revoked");
            await Assertions.Expect(page.Locator("#person")).ToBeHiddenAsync();
            await CounterPageTests.AssertNoViolationsAsync(page, $"counter ({lang}), refused");
        }
    }
}
