using Microsoft.Playwright;
using Wallet.Cli.Demo;
using Wallet.Client;

namespace Wallet.E2E.Tests;

/// <summary>Issue 16: the statistics pages of both services render their server-side SVG charts in Chromium.</summary>
public sealed class StatisticsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_issuer_statistics_page_renders_its_charts_with_bars_and_a_table_for_each()
    {
        // Five offers and one issuance: enough for figures above the default threshold of 5.
        var issuance = new OpenId4VciClient(fixture.Http, fixture.WalletOptions(), new InMemoryCredentialStore());
        string offerUri = string.Empty, txCode = string.Empty;
        for (var i = 0; i < 5; i++)
        {
            (offerUri, txCode) = await fixture.Apis.CreateOfferAsync(OnlineDemo.Persons[0], [OnlineDemo.SdJwtConfiguration], CancellationToken.None);
        }

        var session = await issuance.RedeemPreAuthorizedCodeAsync(await issuance.ResolveOfferAsync(offerUri), txCode);
        await issuance.RequestCredentialsAsync(session, OnlineDemo.SdJwtConfiguration);

        await using var context = await fixture.NewContextAsync();
        await context.SetExtraHTTPHeadersAsync([new("X-API-Key", DemoServices.StatisticsApiKey)]);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.Services.IssuerUrl, "/statistics?lang=en").AbsoluteUri);

        response!.Status.Should().Be(200);
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("Usage statistics");
        var charts = page.Locator("svg[role=img]");
        (await charts.CountAsync()).Should().BeGreaterThanOrEqualTo(8, "months, days, hour of day, type, level, age band, error codes and the cross table");
        for (var i = 0; i < await charts.CountAsync(); i++)
        {
            var box = await charts.Nth(i).BoundingBoxAsync();
            box.Should().NotBeNull();
            box!.Width.Should().BeGreaterThan(100);
            box.Height.Should().BeGreaterThan(100);
            (await charts.Nth(i).GetAttributeAsync("aria-labelledby")).Should().NotBeNullOrEmpty();
        }

        // The five offers are a drawn bar in the monthly chart; the single issuance is a suppressed marker, not a bar.
        var monthly = page.Locator("#chart-by-month-h + figure svg");
        var heights = new List<float>();
        foreach (var bar in await monthly.Locator("rect.bar").AllAsync())
        {
            heights.Add((await bar.BoundingBoxAsync())?.Height ?? 0);
        }

        heights.Max().Should().BeGreaterThan(10, "earlier months of the 90 days are zero bars; this month's offers are not");
        (await monthly.Locator("circle.suppressed").CountAsync()).Should().BePositive();
        (await page.Locator("section table").CountAsync()).Should().Be(await charts.CountAsync(), "every chart has its figures as a table");
    }

    [Fact]
    public async Task The_verifier_public_subset_renders_in_bokmal_without_a_key_and_hides_relying_parties()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/statistics?lang=nb").AbsoluteUri);

        response!.Status.Should().Be(200);
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("nb");
        (await page.Locator("h1").InnerTextAsync()).Should().Contain("Bruksstatistikk").And.Contain("Offentlig utvalg");
        (await page.Locator("svg[role=img]").CountAsync()).Should().Be(5);
        (await page.Locator("h2", new() { HasTextString = "virksomhet" }).CountAsync()).Should().Be(0);
        (await page.Locator("h2", new() { HasTextString = "Per aldersgruppe" }).CountAsync()).Should().Be(1);
    }
}
