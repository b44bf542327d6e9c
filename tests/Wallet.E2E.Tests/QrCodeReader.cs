using Microsoft.Playwright;

namespace Wallet.E2E.Tests;

/// <summary>
/// Reads the QR code a page shows, inside the browser: draws the rendered image onto a canvas (with a white quiet zone)
/// and decodes the pixels with jsQR, so the test checks what a phone camera would see, not the page's source.
/// </summary>
internal static class QrCodeReader
{
    private const string Decode = """
        async (element) => {
          if (!element.complete || element.naturalWidth === 0) {
            await new Promise((resolve, reject) => { element.onload = resolve; element.onerror = () => reject(new Error("the QR image did not load")); });
          }
          await element.decode();
          const size = 600, margin = 48;
          const canvas = document.createElement("canvas");
          canvas.width = canvas.height = size + 2 * margin;
          const context = canvas.getContext("2d", { willReadFrequently: true });
          context.fillStyle = "#fff";
          context.fillRect(0, 0, canvas.width, canvas.height);
          context.imageSmoothingEnabled = false;
          context.drawImage(element, margin, margin, size, size);
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
          const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: "dontInvert" });
          return code === null ? null : code.data;
        }
        """;

    private static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "jsqr", "jsQR.js");

    /// <summary>The text of the QR code in the <c>&lt;img&gt;</c> (PNG or SVG source) at <paramref name="image"/>; null when none is found.</summary>
    public static async Task<string?> ReadAsync(IPage page, ILocator image)
    {
        if (!File.Exists(ScriptPath))
        {
            throw new InvalidOperationException($"{ScriptPath} is missing: run `npm ci` in tests/Wallet.E2E.Tests before building.");
        }

        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath });
        return await image.EvaluateAsync<string?>(Decode);
    }
}
