using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Wallet.Cli.Demo;
using Wallet.Client;

namespace Wallet.E2E.Tests;

/// <summary>
/// WCAG 2.1 AA: axe-core (the WCAG 2.0/2.1 A and AA rules) finds no violation on any page, in any state, in either
/// language; the pages work with the keyboard alone; each QR code has a text alternative, the same-device link.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Theory]
    [InlineData("en")]
    [InlineData("nb")]
    public async Task Issuer_offer_help_login_and_error_pages_have_no_WCAG_2_1_AA_violations(string lang)
    {
        var (offerPageUrl, _) = await fixture.Apis.CreateOfferPageAsync(OnlineDemo.Persons[0], [OnlineDemo.SdJwtConfiguration], CancellationToken.None);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(offerPageUrl + "?lang=" + lang);
        await AssertNoViolationsAsync(page, "offer page");
        (await page.Locator("#offer-qr").GetAttributeAsync("alt")).Should().NotBeNullOrWhiteSpace();

        await page.GotoAsync(new Uri(fixture.Services.IssuerUrl, "/help").AbsoluteUri);
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be(lang, "the switch's choice is remembered in the cookie");
        await AssertNoViolationsAsync(page, "help page");

        await page.GotoAsync(new Uri(fixture.Services.IssuerUrl, "/offers/no-such-offer").AbsoluteUri);
        await AssertNoViolationsAsync(page, "offer-not-available page");

        await page.GotoAsync(new Uri(fixture.Services.IssuerUrl, "/authorize?client_id=w&request_uri=urn%3Aunknown").AbsoluteUri);
        await AssertNoViolationsAsync(page, "request-not-accepted page");

        var userAgent = new AxeCheckingLoginUserAgent(page, OnlineDemo.Persons[1], AssertNoViolationsAsync);
        var client = new OpenId4VciClient(fixture.Http, fixture.WalletOptions(), new InMemoryCredentialStore());
        var issuer = await client.LoadIssuerAsync(fixture.Services.IssuerUrl.GetLeftPart(UriPartial.Authority), CancellationToken.None);
        await client.AuthorizeAsync(issuer, [OnlineDemo.SdJwtConfiguration], userAgent, CancellationToken.None);
        userAgent.Checked.Should().BeTrue("the login page was scanned");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nb")]
    public async Task Relying_party_page_has_no_WCAG_2_1_AA_violations_before_during_and_after_a_presentation(string lang)
    {
        var options = fixture.WalletOptions();
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(fixture.Http, options, store);
        var (offerUri, txCode) = await fixture.Apis.CreateOfferAsync(OnlineDemo.Persons[0], [OnlineDemo.SdJwtConfiguration], CancellationToken.None);
        var session = await issuance.RedeemPreAuthorizedCodeAsync(await issuance.ResolveOfferAsync(offerUri), txCode);
        await issuance.RequestCredentialsAsync(session, OnlineDemo.SdJwtConfiguration);

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/rp?lang=" + lang).AbsoluteUri);
        await AssertNoViolationsAsync(page, "relying-party page, empty");

        await page.Locator("form#choice button[type=submit]").ClickAsync();
        await page.Locator("#request").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await AssertNoViolationsAsync(page, "relying-party page, waiting for the wallet");
        (await page.Locator("#qr").GetAttributeAsync("alt")).Should().NotBeNullOrWhiteSpace();
        var requestUri = await page.Locator("#link").GetAttributeAsync("href");

        await new OpenId4VpClient(fixture.Http, options, store).RespondAsync(requestUri!);
        await Assertions.Expect(page.Locator("#status")).ToHaveClassAsync("verified", new LocatorAssertionsToHaveClassOptions { Timeout = BrowserFixture.TimeoutMilliseconds });
        await AssertNoViolationsAsync(page, "relying-party page, verified");
    }

    [Fact]
    public async Task Relying_party_page_works_with_the_keyboard_alone_and_the_QR_code_has_the_link_as_text_alternative()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/rp").AbsoluteUri);

        // Tab from the top: the language switch comes first, then the form; Enter on the button creates the request.
        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).Should().Be("A:nb", "the language switch is the first stop");
        string focused;
        var stops = 0;
        do
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await FocusedAsync(page);
        }
        while (focused != "BUTTON:" && ++stops < 30);
        focused.Should().Be("BUTTON:", "the submit button is reachable by Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#request").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

        // The text alternative of the QR code is the same-device link, reachable by Tab.
        stops = 0;
        do
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string>("() => document.activeElement.id");
        }
        while (focused != "link" && ++stops < 30);
        focused.Should().Be("link");
        (await page.Locator("#link").GetAttributeAsync("href")).Should().StartWith("openid4vp:");
    }

    [Fact]
    public async Task Issuer_offer_page_works_with_the_keyboard_alone()
    {
        var (offerPageUrl, _) = await fixture.Apis.CreateOfferPageAsync(OnlineDemo.Persons[0], [OnlineDemo.SdJwtConfiguration], CancellationToken.None);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(offerPageUrl);

        var reached = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.textContent"));
        }

        reached.Should().Contain("offer-link", "the same-device link, the QR code's text alternative, is reachable by Tab");
        reached.Should().Contain("Help: getting your first PID");

        // Enter on the Norwegian switch link changes the page's language.
        await page.GotoAsync(offerPageUrl);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nb");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("nb")]
    public async Task Statistics_pages_of_both_services_have_no_WCAG_2_1_AA_violations(string lang)
    {
        await using var context = await fixture.NewContextAsync();
        await context.SetExtraHTTPHeadersAsync([new("X-API-Key", DemoServices.StatisticsApiKey)]);
        var page = await context.NewPageAsync();
        foreach (var service in new[] { fixture.Services.IssuerUrl, fixture.Services.VerifierUrl })
        {
            await page.GotoAsync(new Uri(service, "/statistics?lang=" + lang).AbsoluteUri);
            (await page.Locator("html").GetAttributeAsync("lang")).Should().Be(lang);
            await AssertNoViolationsAsync(page, $"statistics page of {service}");

            // Every table behind its disclosure, opened: the figures are the charts' text alternative.
            foreach (var details in await page.Locator("details").AllAsync())
            {
                await details.EvaluateAsync("d => d.open = true");
            }

            await AssertNoViolationsAsync(page, $"statistics page of {service} with every table open");
        }
    }

    [Fact]
    public async Task Statistics_page_works_with_the_keyboard_alone()
    {
        await using var context = await fixture.NewContextAsync();
        await context.SetExtraHTTPHeadersAsync([new("X-API-Key", DemoServices.StatisticsApiKey)]);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/statistics?lang=en").AbsoluteUri);

        // Tab from the top: the language switch first, then the period form; Enter on its button shows the period.
        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).Should().Be("A:nb", "the language switch is the first stop");
        var stops = 0;
        while (await page.EvaluateAsync<string>("() => document.activeElement.id") != "from" && ++stops < 10)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("from");
        // A date field is one Tab stop per part (day, month, year) in Chromium: Tab on until the next field, then the button.
        foreach (var (script, expected) in new[] { ("document.activeElement.id", "to"), ("document.activeElement.tagName", "BUTTON") })
        {
            stops = 0;
            while (await page.EvaluateAsync<string>($"() => {script}") != expected && ++stops < 5)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            (await page.EvaluateAsync<string>($"() => {script}")).Should().Be(expected);
        }

        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("from=", StringComparison.Ordinal) && url.Contains("to=", StringComparison.Ordinal));
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en", "the chosen language is remembered");

        // Each table's disclosure is reachable by Tab and opens with Enter.
        stops = 0;
        while (await page.EvaluateAsync<string>("() => document.activeElement.tagName") != "SUMMARY" && ++stops < 30)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");
        (await page.EvaluateAsync<bool>("() => document.activeElement.parentElement.open")).Should().BeTrue();
    }

    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.activeElement.tagName + ':' + (document.activeElement.getAttribute('lang') || '')");

    private static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(Wcag21AA);
        result.Violations.Should().BeEmpty(
            "{0} must pass WCAG 2.1 AA, but axe found: {1}",
            what,
            string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    /// <summary>Signs in through the development login in the browser, scanning the login page first.</summary>
    private sealed class AxeCheckingLoginUserAgent(IPage page, string personId, Func<IPage, string, Task> check) : IAuthorizationUserAgent
    {
        public bool Checked { get; private set; }

        public async Task<Uri> AuthorizeAsync(Uri authorizationUrl, Uri redirectUri, CancellationToken cancellationToken)
        {
            await page.GotoAsync(authorizationUrl.AbsoluteUri);
            await check(page, "login page");
            Checked = true;
            return await new BrowserLoginUserAgent(page, personId).AuthorizeAsync(authorizationUrl, redirectUri, cancellationToken);
        }
    }
}
