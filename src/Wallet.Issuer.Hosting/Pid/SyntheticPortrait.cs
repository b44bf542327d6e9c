using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace Wallet.Issuer.Pid;

/// <summary>
/// The facial image of a synthetic person: a drawn avatar (head, hair, eyes, mouth, shoulders on a plain background),
/// its colours and proportions derived from a seed, so the same person always gets the same picture and nobody's
/// photograph is in the register. JPEG, because the PID Rule Book (ARF Annex 3.01 §4.1.1 and PID_03) encodes the
/// portrait as JPEG in both formats.
/// </summary>
internal static class SyntheticPortrait
{
    /// <summary>Passport-photo proportions (ICAO 9303: 35 × 45 mm), small enough to keep a PID a few kilobytes larger.</summary>
    public const int Width = 140;

    /// <summary>See <see cref="Width"/>.</summary>
    public const int Height = 180;

    private const int Quality = 80;

    private static readonly SKColor[] Skins = [new(0xF1, 0xC2, 0x7D), new(0xE0, 0xAC, 0x69), new(0xC6, 0x86, 0x42), new(0x8D, 0x55, 0x24), new(0xFF, 0xDB, 0xAC), new(0x6B, 0x44, 0x23)];
    private static readonly SKColor[] Hairs = [new(0x2C, 0x22, 0x2B), new(0x71, 0x63, 0x5A), new(0xB7, 0xA6, 0x9E), new(0xD6, 0xC4, 0xC2), new(0xA5, 0x6B, 0x46), new(0x0F, 0x0E, 0x0E)];
    private static readonly SKColor[] Clothes = [new(0x1F, 0x4E, 0x79), new(0x38, 0x76, 0x1D), new(0x7F, 0x1D, 0x1D), new(0x4B, 0x3F, 0x72), new(0x33, 0x33, 0x33), new(0x0B, 0x61, 0x5E)];
    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    /// <summary>The JPEG bytes of the portrait drawn from <paramref name="seed"/> (the register's person identifier).</summary>
    public static byte[] For(string seed) => Cache.GetOrAdd(seed, Draw);

    private static byte[] Draw(string seed)
    {
        // SHA-256 of the seed gives independent, stable choices without a seeded Random (whose sequence .NET may change).
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var skin = Skins[h[0] % Skins.Length];
        var hair = Hairs[h[1] % Hairs.Length];
        var clothes = Clothes[h[2] % Clothes.Length];
        var background = new SKColor((byte)(200 + (h[3] % 40)), (byte)(205 + (h[4] % 40)), (byte)(210 + (h[5] % 40)));
        var faceWidth = 62f + (h[6] % 14);
        var faceHeight = 80f + (h[7] % 14);
        var longHair = h[8] % 2 == 0;
        var eyeSpacing = 13f + (h[9] % 5);

        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill })
        {
            canvas.Clear(background);
            var cx = Width / 2f;
            var cy = 78f;

            paint.Color = hair;
            if (longHair)
            {
                canvas.DrawRoundRect(new SKRect(cx - (faceWidth / 2) - 8, cy - (faceHeight / 2) - 8, cx + (faceWidth / 2) + 8, cy + (faceHeight / 2) + 22), 30, 30, paint);
            }

            paint.Color = clothes;
            canvas.DrawOval(new SKRect(cx - 66, 140, cx + 66, 230), paint);
            paint.Color = skin;
            canvas.DrawRect(new SKRect(cx - 12, cy + (faceHeight / 2) - 8, cx + 12, 150), paint);
            canvas.DrawOval(new SKRect(cx - (faceWidth / 2), cy - (faceHeight / 2), cx + (faceWidth / 2), cy + (faceHeight / 2)), paint);

            paint.Color = hair;
            canvas.DrawArc(new SKRect(cx - (faceWidth / 2) - 4, cy - (faceHeight / 2) - 10, cx + (faceWidth / 2) + 4, cy + 10), 180, 180, true, paint);

            paint.Color = SKColors.White;
            canvas.DrawOval(cx - eyeSpacing, cy + 4, 7, 4.5f, paint);
            canvas.DrawOval(cx + eyeSpacing, cy + 4, 7, 4.5f, paint);
            paint.Color = new SKColor(0x2B, 0x1D, 0x0E);
            canvas.DrawCircle(cx - eyeSpacing, cy + 4, 3, paint);
            canvas.DrawCircle(cx + eyeSpacing, cy + 4, 3, paint);

            using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2.5f, Color = new SKColor(0x8A, 0x3B, 0x3B) };
            canvas.DrawArc(new SKRect(cx - 12, cy + 14, cx + 12, cy + 30), 20, 140, false, stroke);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return data.ToArray();
    }
}
