using QRCoder;

namespace Wallet.Verifier.Page;

/// <summary>Renders the authorization request URI as a QR code, server-side, so the page needs no script library for it.</summary>
internal static class QrCodeImage
{
    public const string SvgMediaType = "image/svg+xml";

    /// <summary>
    /// An SVG QR code of <paramref name="text"/>: error correction level M (the URI is short enough for a small symbol
    /// and M survives a glare spot on a screen), black on white, with the quiet zone.
    /// </summary>
    public static string ToSvg(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
