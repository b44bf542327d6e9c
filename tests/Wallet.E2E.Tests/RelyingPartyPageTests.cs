using Microsoft.Playwright;
using Wallet.Cli.Demo;
using Wallet.Client;

namespace Wallet.E2E.Tests;

/// <summary>The verifier's relying-party page (<c>/rp</c>) in Chromium, answered by the wallet client.</summary>
public sealed class RelyingPartyPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Relying_party_page_QR_code_is_the_request_URI_and_the_same_device_return_shows_the_verified_claims_OpenID4VP_8_2()
    {
        // The wallet holds a PID from the issuer (pre-authorized code with tx_code, as the demo does).
        var options = fixture.WalletOptions();
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(fixture.Http, options, store);
        var (offerUri, txCode) = await fixture.Apis.CreateOfferAsync(OnlineDemo.Persons[0], [OnlineDemo.SdJwtConfiguration], CancellationToken.None);
        var session = await issuance.RedeemPreAuthorizedCodeAsync(await issuance.ResolveOfferAsync(offerUri), txCode);
        await issuance.RequestCredentialsAsync(session, OnlineDemo.SdJwtConfiguration);

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Services.VerifierUrl, "/rp").AbsoluteUri);
        await page.Locator("input[name=preset][value=pid_basics]").CheckAsync();
        await page.Locator("input[name=format][value='dc+sd-jwt']").CheckAsync();
        await page.Locator("details:has(#same_device) > summary").ClickAsync();
        await page.Locator("#same_device").CheckAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create request" }).ClickAsync();
        await page.Locator("#request").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

        var requestUri = await page.Locator("#link").GetAttributeAsync("href");
        requestUri.Should().NotBeNullOrEmpty();
        (await page.Locator("#uri").TextContentAsync()).Should().Be(requestUri);
        var decoded = await QrCodeReader.ReadAsync(page, page.Locator("#qr"));
        decoded.Should().Be(requestUri, "the QR code must carry exactly the authorization request URI the link opens");

        // Same device: the wallet answers, then the browser follows the redirect it got (a new tab, as when a wallet app hands back to the browser).
        var presented = await new OpenId4VpClient(fixture.Http, options, store).RespondAsync(requestUri!);
        presented.RedirectUri.Should().NotBeNull();
        presented.RedirectUri!.GetLeftPart(UriPartial.Path).Should().Be(new Uri(fixture.Services.VerifierUrl, "/rp").AbsoluteUri);
        presented.ResponseCode.Should().NotBeNullOrEmpty();

        var returned = await context.NewPageAsync();
        await returned.GotoAsync(presented.RedirectUri.AbsoluteUri);
        var status = returned.Locator("#status");
        await Assertions.Expect(status).ToHaveTextAsync("Verified: every check passed.", new LocatorAssertionsToHaveTextOptions { Timeout = BrowserFixture.TimeoutMilliseconds });
        var claims = await returned.Locator("#claims").InnerTextAsync();
        claims.Should().Contain("given_name").And.Contain("family_name").And.Contain("birthdate");
        claims.Should().Contain("Holder binding verified");
        (await returned.Locator("#checks li").CountAsync()).Should().BePositive();
        (await returned.Locator("#errors-block").IsHiddenAsync()).Should().BeTrue();
        (await returned.Locator("body").GetAttributeAsync("data-live")).Should().Be("sse", "the page follows the result over server-sent events, polling only when they fail");
    }
}
