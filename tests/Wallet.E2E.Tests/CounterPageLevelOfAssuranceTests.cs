using Microsoft.Playwright;
using Wallet.Client;
using Wallet.Core.Trust;

namespace Wallet.E2E.Tests;

/// <summary>The demo's services with the Verifier's anchor for the issuer tagged <c>substantial</c>, below the counter's default minimum (high).</summary>
public sealed class SubstantialAnchorBrowserFixture : BrowserFixture
{
    internal override LevelOfAssurance IssuerAnchorLevel => LevelOfAssurance.Substantial;
}

/// <summary>
/// A PID below the counter's minimum level of assurance in Chromium: red, with the reason in plain words next to
/// <c>verifier.level_of_assurance_too_low</c>, in both languages (issue 13 §6; the level rule in specs/user-groups.md).
/// </summary>
public sealed class CounterPageLevelOfAssuranceTests(SubstantialAnchorBrowserFixture fixture) : IClassFixture<SubstantialAnchorBrowserFixture>
{
    [Theory]
    [InlineData("en", "REFUSED", "The level of assurance is too low for this check.")]
    [InlineData("nb", "AVVIST", "Sikkerhetsnivået er for lavt for denne kontrollen.")]
    public async Task A_PID_below_the_counter_minimum_level_turns_the_panel_red_with_the_reason(string lang, string verdict, string reason)
    {
        var (options, store) = await CounterPageTests.HolderWithPidAsync(fixture, "kari-nordmann");
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/rp/counter?lang=" + lang).AbsoluteUri);

        await CounterPageTests.StartByKeyboardAsync(page);
        await new OpenId4VpClient(fixture.Http, options, store).RespondAsync((await page.Locator("#link").GetAttributeAsync("href"))!);

        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync(verdict, new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.TimeoutMilliseconds });
        (await page.Locator("#panel").GetAttributeAsync("class")).Should().Be("panel refused");
        (await page.Locator("#reasons").InnerTextAsync()).Should().Contain(reason).And.Contain("verifier.level_of_assurance_too_low");
        await Assertions.Expect(page.Locator("#person")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#portrait")).ToBeHiddenAsync();
        await CounterPageTests.AssertNoViolationsAsync(page, $"counter ({lang}), level too low");
    }
}
