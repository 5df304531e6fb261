using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>A handwritten-looking signature alone on white paper, e.g. for a signatory specimen in tests and demos.</summary>
public static class SyntheticSignature
{
    /// <summary>
    /// Renders <paramref name="name"/> as a signature (the generator's slip hand) on a 50 × 20 mm
    /// white card at <paramref name="dpi"/>; returns a PNG.
    /// </summary>
    public static byte[] RenderPng(string name, SynthRandom rng, int dpi = 300)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rng);
        const float widthMm = 50, heightMm = 20;
        float scale = dpi / 25.4f;
        using var bitmap = new SKBitmap((int)Math.Round(widthMm * scale), (int)Math.Round(heightMm * scale));
        bitmap.Erase(SKColors.White);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Scale(scale);
            Handwriting.Signature(canvas, name, new SKRect(3, 2, widthMm - 3, heightMm - 2), Handwriting.PenColour(rng), rng);
        }

        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
