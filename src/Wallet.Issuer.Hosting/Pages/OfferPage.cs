using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace Wallet.Issuer.Pages;

/// <summary>
/// The user-facing page of an offer: the <c>openid-credential-offer://</c> link as a QR code for a wallet on another
/// device and as a same-device link. The QR code's input is exactly the offer link, repeated in
/// <c>data-offer-uri</c> so that tests and tools can compare it.
/// </summary>
internal static class OfferPage
{
    /// <summary>The PNG of the QR code (error correction M, 6 pixels per module) for <paramref name="offerUri"/>.</summary>
    public static byte[] QrPng(string offerUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(offerUri, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    public static IResult Render(string issuer, string offerUri, DateTimeOffset expiresAt)
    {
        var uri = HtmlEncoder.Default.Encode(offerUri);
        var qr = Convert.ToBase64String(QrPng(offerUri));
        var expires = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return HtmlPage.Render(issuer, t => t.OfferTitle, t => new StringBuilder()
            .Append(HtmlPage.Paragraph(t.OfferWhat))
            .Append(HtmlPage.Paragraph(t.OfferScan))
            .Append("<figure><img id=\"offer-qr\" width=\"300\" height=\"300\" alt=\"").Append(HtmlEncoder.Default.Encode(t.OfferQrAlt)).Append("\" data-offer-uri=\"").Append(uri)
            .Append("\" src=\"data:image/png;base64,").Append(qr).Append("\"><figcaption>").Append(HtmlEncoder.Default.Encode(t.OfferQrCaption)).Append("</figcaption></figure>")
            .Append("<p><a id=\"offer-link\" href=\"").Append(uri).Append("\">").Append(HtmlEncoder.Default.Encode(t.OfferLink)).Append("</a></p>")
            .Append(HtmlPage.Paragraph(t.OfferCodeAndExpiry(expires)))
            .ToString());
    }
}
