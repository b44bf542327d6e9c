using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Wallet.Cli.Demo;
using Wallet.Client;

namespace Wallet.E2E.Tests;

/// <summary>The issuer's pages in Chromium: the offer page (QR code and same-device link) and the development login.</summary>
public sealed class IssuerPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Offer_page_QR_code_and_same_device_link_carry_the_offer_URI_OpenID4VCI_4_1()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Services.IssuerUrl, "/api/offers"))
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["credentialConfigurationIds"] = new JsonArray(OnlineDemo.SdJwtConfiguration, OnlineDemo.MdocConfiguration),
                ["personId"] = OnlineDemo.Persons[0],
                ["txCode"] = true,
            }),
        };
        request.Headers.Add("X-API-Key", DemoServices.AgencyApiKey);
        using var response = await fixture.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var offerUri = created["offerUri"]!.GetValue<string>();
        var offerPageUrl = created["offerPageUrl"]!.GetValue<string>();
        offerUri.Should().StartWith("openid-credential-offer://");

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var loaded = await page.GotoAsync(offerPageUrl);
        loaded!.Status.Should().Be(200);
        (await page.TitleAsync()).Should().Contain("Add your PID to your wallet");

        var decoded = await QrCodeReader.ReadAsync(page, page.Locator("#offer-qr"));
        decoded.Should().Be(offerUri, "the QR code a wallet on another device scans must be the offer link itself");
        (await page.Locator("#offer-link").GetAttributeAsync("href")).Should().Be(offerUri, "the same-device link opens the wallet with the same offer");
    }

    [Fact]
    public async Task Development_login_lists_the_persons_and_signing_in_in_the_browser_issues_a_PID_RFC9126_RFC6749_4_1()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var userAgent = new BrowserLoginUserAgent(page, OnlineDemo.Persons[1]);
        var store = new InMemoryCredentialStore();
        var client = new OpenId4VciClient(fixture.Http, fixture.WalletOptions(), store);

        var issuer = await client.LoadIssuerAsync(fixture.Services.IssuerUrl.GetLeftPart(UriPartial.Authority), CancellationToken.None);
        var session = await client.AuthorizeAsync(issuer, [OnlineDemo.SdJwtConfiguration], userAgent, CancellationToken.None);
        await client.RequestCredentialsAsync(session, OnlineDemo.SdJwtConfiguration, cancellationToken: CancellationToken.None);

        userAgent.PageTitle.Should().Contain("Sign in to get your PID");
        userAgent.ListedPersons.Should().Contain(OnlineDemo.Persons, "the development login lists every synthetic person");
        userAgent.ListedPersons.Should().OnlyHaveUniqueItems();
        store.Credentials.Should().ContainSingle("signing in as a person in the browser leads to that person's PID");
    }
}
