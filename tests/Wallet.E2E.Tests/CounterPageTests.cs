using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Wallet.Cli.Demo;
using Wallet.Client;

namespace Wallet.E2E.Tests;

/// <summary>
/// Issue 13 §5 and §6: the counter ID check page (<c>/rp/counter</c>) in Chromium, answered by Wallet.Client holding a
/// PID from the register. A valid PID turns the panel green with the generated portrait, name, birth date and age; a
/// revoked one turns it red with the reason; the result clears itself; axe-core's WCAG 2.1 AA rules pass in every state
/// and both languages; the clerk needs only the keyboard. Revocation has its own class: the Verifier caches a status
/// list for its <c>ttl</c> (the list's <c>ttl</c>, Token Status List), so it must not have fetched the list before the revocations.
/// </summary>
public sealed class CounterPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("kari-nordmann", "en", "ACCEPTED", "Kari Nordmann", "1985-04-12")]
    [InlineData("partial-birthdate", "nb", "GODKJENT", "Leila Ahmadi", "1969-01-01")]
    public async Task A_valid_PID_turns_the_panel_green_with_the_portrait_and_the_result_clears_itself(string personId, string lang, string verdict, string name, string birthDate)
    {
        var (options, store) = await HolderWithPidAsync(fixture, personId);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/rp/counter?lang=" + lang).AbsoluteUri);
        await AssertNoViolationsAsync(page, $"counter ({lang}), start");

        await StartByKeyboardAsync(page);
        await AssertNoViolationsAsync(page, $"counter ({lang}), waiting");
        var requestUri = await page.Locator("#link").GetAttributeAsync("href");
        (await QrCodeReader.ReadAsync(page, page.Locator("#qr"))).Should().Be(requestUri, "the link is the QR code's text alternative");

        await new OpenId4VpClient(fixture.Http, options, store).RespondAsync(requestUri!);

        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync(verdict, new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.TimeoutMilliseconds });
        (await page.Locator("#panel").GetAttributeAsync("class")).Should().Be("panel accepted");
        var portrait = page.Locator("#portrait");
        await Assertions.Expect(portrait).ToBeVisibleAsync();
        (await portrait.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))")).Should().Be(140, "the register's generated portrait is shown");
        (await portrait.GetAttributeAsync("alt")).Should().Contain(name);
        var facts = await page.Locator("#facts").InnerTextAsync();
        facts.Should().Contain(name).And.Contain(birthDate);
        await AssertNoViolationsAsync(page, $"counter ({lang}), accepted");

        await page.Clock.FastForwardAsync("00:31");
        await Assertions.Expect(page.Locator("#result")).ToBeHiddenAsync();
        (await page.Locator("main").InnerTextAsync()).Should().NotContain(name, "the person's data has left the page");
        (await portrait.GetAttributeAsync("src")).Should().BeNull();
        await AssertNoViolationsAsync(page, $"counter ({lang}), cleared");
    }

    [Theory]
    [InlineData("kari-nordmann", "en", "ACCEPTED", "Kari Nordmann", "1985-04-12")]
    [InlineData("partial-birthdate", "nb", "GODKJENT", "Leila Ahmadi", "1969-01-01")]
    public async Task A_wallet_holding_only_the_mdoc_PID_answers_the_mdoc_alternative_and_the_panel_shows_its_portrait_OpenID4VP_6_2(string personId, string lang, string verdict, string name, string birthDate)
    {
        var (options, store) = await HolderWithPidAsync(fixture, personId, OnlineDemo.MdocConfiguration);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/rp/counter?lang=" + lang).AbsoluteUri);

        await StartByKeyboardAsync(page);
        await new OpenId4VpClient(fixture.Http, options, store).RespondAsync((await page.Locator("#link").GetAttributeAsync("href"))!);

        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync(verdict, new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.TimeoutMilliseconds });
        (await page.Locator("#panel").GetAttributeAsync("class")).Should().Be("panel accepted");
        var portrait = page.Locator("#portrait");
        await Assertions.Expect(portrait).ToBeVisibleAsync();
        (await portrait.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))")).Should().Be(140, "the mdoc portrait (a bstr of the register's generated JPEG) is shown");
        (await portrait.GetAttributeAsync("alt")).Should().Contain(name);
        var facts = await page.Locator("#facts").InnerTextAsync();
        facts.Should().Contain(name).And.Contain(birthDate);

        await AssertNoViolationsAsync(page, $"counter ({lang}), accepted from an mdoc PID");
    }

    internal static async Task<(WalletClientOptions Options, InMemoryCredentialStore Store)> HolderWithPidAsync(BrowserFixture fixture, string personId, string configuration = OnlineDemo.SdJwtConfiguration)
    {
        var options = fixture.WalletOptions();
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(fixture.Http, options, store);
        var (offerUri, txCode) = await fixture.Apis.CreateOfferAsync(personId, [configuration], CancellationToken.None);
        var session = await issuance.RedeemPreAuthorizedCodeAsync(await issuance.ResolveOfferAsync(offerUri), txCode);
        await issuance.RequestCredentialsAsync(session, configuration);
        return (options, store);
    }

    internal static async Task RevokeAllAsync(BrowserFixture fixture, string personId)
    {
        using var list = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Services.IssuerUrl, $"/api/persons/{personId}/credentials"));
        list.Headers.Add("X-API-Key", DemoServices.AgencyApiKey);
        var issued = (await (await fixture.Http.SendAsync(list)).Content.ReadFromJsonAsync<JsonArray>())!;
        issued.Should().NotBeEmpty();
        foreach (var credential in issued)
        {
            using var revoke = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Services.IssuerUrl, $"/api/credentials/{credential!["credentialId"]}/revoke"));
            revoke.Headers.Add("X-API-Key", DemoServices.AgencyApiKey);
            (await fixture.Http.SendAsync(revoke)).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);
        }
    }

    // Keyboard only: Tab from the top (past the language switch) to the start button, then Enter.
    internal static async Task StartByKeyboardAsync(IPage page)
    {
        string focused;
        var stops = 0;
        do
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string>("() => document.activeElement.id");
        }
        while (focused != "start" && ++stops < 20);
        focused.Should().Be("start");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#request").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
    }

    internal static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        result.Violations.Should().BeEmpty("{0}: {1}", what, string.Join("; ", result.Violations.Select(v => $"{v.Id} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
