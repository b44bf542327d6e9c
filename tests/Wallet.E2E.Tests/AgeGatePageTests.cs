using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Wallet.Cli.Demo;
using Wallet.Client;

namespace Wallet.E2E.Tests;

/// <summary>
/// The age-gate page (<c>/rp/age</c>) in Chromium, answered by Wallet.Client with an age verification attestation: the
/// page shows yes or no and nothing else, passes axe-core's WCAG 2.1 AA rules in every state, and works by keyboard.
/// </summary>
public sealed class AgeGatePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string AgeConfiguration = "proof_of_age";

    [Theory]
    [InlineData("kari-nordmann", "en", "YES")]
    [InlineData("ola-minor", "nb", "NEI")]
    public async Task Age_gate_page_shows_only_yes_or_no_and_has_no_WCAG_2_1_AA_violations(string personId, string lang, string verdict)
    {
        var options = fixture.WalletOptions();
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(fixture.Http, options, store);
        var (offerUri, txCode) = await fixture.Apis.CreateOfferAsync(personId, [AgeConfiguration], CancellationToken.None);
        var session = await issuance.RedeemPreAuthorizedCodeAsync(await issuance.ResolveOfferAsync(offerUri), txCode);
        await issuance.RequestCredentialsAsync(session, AgeConfiguration);

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/rp/age?lang=" + lang).AbsoluteUri);
        await AssertNoViolationsAsync(page, "age gate, empty");

        // Keyboard only: 18 is preselected; Tab to the button and press Enter.
        string focused;
        var stops = 0;
        do
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string>("() => document.activeElement.tagName");
        }
        while (focused != "BUTTON" && ++stops < 20);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#request").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await AssertNoViolationsAsync(page, "age gate, waiting");
        var requestUri = await page.Locator("#link").GetAttributeAsync("href");
        (await QrCodeReader.ReadAsync(page, page.Locator("#qr"))).Should().Be(requestUri, "the link is the QR code's text alternative");

        await new OpenId4VpClient(fixture.Http, options, store).RespondAsync(requestUri!);
        await Assertions.Expect(page.Locator("#verdict")).ToHaveTextAsync(verdict, new LocatorAssertionsToHaveTextOptions { Timeout = BrowserFixture.TimeoutMilliseconds });
        await AssertNoViolationsAsync(page, "age gate, answered");
        var shown = await page.Locator("main").InnerTextAsync();
        shown.Should().NotContain("Nordmann").And.NotContain("1985").And.NotContain("2014", "the page receives no name and no birth date");
    }

    private static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        result.Violations.Should().BeEmpty("{0}: {1}", what, string.Join("; ", result.Violations.Select(v => $"{v.Id} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
