using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace Wallet.Issuer.Endpoints;

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
        var body = new StringBuilder()
            .Append("<p>Scan the code with your EU Digital Identity Wallet, or open the link on the device where the wallet is installed.</p>")
            .Append("<figure><img id=\"offer-qr\" width=\"300\" height=\"300\" alt=\"QR code of the credential offer\" data-offer-uri=\"").Append(uri)
            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(QrPng(offerUri))).Append("\"></figure>")
            .Append("<p><a id=\"offer-link\" href=\"").Append(uri).Append("\">Open in wallet on this device</a></p>")
            .Append(HtmlPage.Paragraph("If you were given a code, the wallet will ask for it. The offer expires at " + expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC and can be used once."));
        return HtmlPage.Render(issuer, "Add your PID to your wallet", body.ToString());
    }
}
