using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QRCoder;

namespace Wallet.Issuer.Tests;

/// <summary>
/// The user-facing offer page: a QR code and a same-device link, both carrying exactly the offer link returned by the
/// agency API (OpenID4VCI 1.0 §4.1: the offer is passed as a QR code or a link). Browser-level QR decoding comes with
/// the end-to-end tests.
/// </summary>
public sealed partial class OfferPageTests : IssuerTestBase
{
    private static string Attribute(string html, string elementId, string attribute)
    {
        var element = Regex.Match(html, "<[a-z]+ id=\"" + elementId + "\"[^>]*>").Value;
        element.Should().NotBeEmpty($"the page has an element with id {elementId}");
        var value = Regex.Match(element, " " + attribute + "=\"([^\"]*)\"");
        value.Success.Should().BeTrue($"{elementId} has {attribute}");
        return WebUtility.HtmlDecode(value.Groups[1].Value);
    }

    [Fact]
    public async Task Offer_page_shows_exactly_the_offer_link_as_qr_code_and_same_device_link_OID4VCI_4_1()
    {
        var created = await CreateOfferAsync(new { personId = "kari-nordmann", txCode = true });
        var offerUri = created["offerUri"]!.GetValue<string>();
        var pageUrl = created["offerPageUrl"]!.GetValue<string>();

        var page = await Http.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        page.Headers.CacheControl!.NoStore.Should().BeTrue();
        offerUri.Should().StartWith("openid-credential-offer://?credential_offer_uri=");
        Attribute(html, "offer-link", "href").Should().Be(offerUri);
        Attribute(html, "offer-qr", "data-offer-uri").Should().Be(offerUri);
        var src = Attribute(html, "offer-qr", "src");
        src.Should().StartWith("data:image/png;base64,");
        using var generator = new QRCodeGenerator();
        using var expected = generator.CreateQrCode(offerUri, QRCodeGenerator.ECCLevel.M);
        Convert.FromBase64String(src["data:image/png;base64,".Length..]).Should().Equal(new PngByteQRCode(expected).GetGraphic(6), "the QR code's input is the offer link");
        html.Should().NotContain(created["txCode"]!.GetValue<string>(), "the transaction code goes to the user out of band, never onto the page");
    }

    [Fact]
    public async Task Offer_page_of_a_redeemed_or_unknown_offer_is_not_found()
    {
        var created = await CreateOfferAsync(new { personId = "kari-nordmann" });
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);

        var redeemed = await Http.GetAsync(created["offerPageUrl"]!.GetValue<string>());
        var unknown = await Http.GetAsync("/offers/no-such-offer");

        redeemed.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await redeemed.Content.ReadAsStringAsync()).Should().NotContain("openid-credential-offer://");
    }
}
