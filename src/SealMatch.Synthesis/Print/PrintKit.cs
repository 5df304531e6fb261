using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>The page being printed: a canvas in millimetres over its bitmap.</summary>
internal sealed record PrintSurface(SKCanvas Canvas, SKBitmap Bitmap, double PxPerMm);

/// <summary>Horizontal anchor of printed text.</summary>
internal enum TextAnchor
{
    Left,
    Centre,
    Right,
}

/// <summary>
/// Drawing helpers for printed matter on a Skia canvas whose units are millimetres. Everything printed is
/// drawn with multiply blending, so overlapping layers behave like subtractive inks.
/// </summary>
internal static class PrintKit
{
    /// <summary>A canvas transform of <paramref name="pxPerMm"/> with pixel centres at integer coordinates.</summary>
    public static void UseMillimetres(SKCanvas canvas, double pxPerMm) => canvas.Scale((float)pxPerMm);

    public static SKPaint InkPaint(SKColor colour) => new()
    {
        IsAntialias = true,
        Color = colour,
        BlendMode = SKBlendMode.Multiply,
        Style = SKPaintStyle.Fill,
    };

    /// <summary>Draws text whose ideographs are <paramref name="heightMm"/> tall, vertically centred on <paramref name="yMm"/>.</summary>
    public static SKRect Text(
        SKCanvas canvas, string text, SealFont font, double xMm, double yMm, double heightMm, SKColor colour, TextAnchor anchor = TextAnchor.Left, double widthScale = 1, bool bold = false)
    {
        (float size, float baseline) = FontLibrary.SizeForHeight(font, heightMm);
        using var f = new SKFont(FontLibrary.Typeface(font), size)
        {
            ScaleX = (float)widthScale,
            Embolden = bold,
            Subpixel = true,
            LinearMetrics = true,
            Hinting = SKFontHinting.None,
            Edging = SKFontEdging.Antialias,
        };
        using SKPaint paint = InkPaint(colour);
        float width = f.MeasureText(text);
        float x = anchor switch
        {
            TextAnchor.Centre => (float)xMm - (width / 2),
            TextAnchor.Right => (float)xMm - width,
            _ => (float)xMm,
        };
        canvas.DrawText(text, x, (float)yMm + baseline, SKTextAlign.Left, f, paint);
        return new SKRect(x, (float)(yMm - (heightMm * 0.6)), x + width, (float)(yMm + (heightMm * 0.6)));
    }

    /// <summary>Width in mm of text at a given ideograph height.</summary>
    public static double TextWidth(string text, SealFont font, double heightMm, double widthScale = 1)
    {
        (float size, _) = FontLibrary.SizeForHeight(font, heightMm);
        using var f = new SKFont(FontLibrary.Typeface(font), size) { ScaleX = (float)widthScale, Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
        return f.MeasureText(text);
    }

    public static void Line(SKCanvas canvas, double x1, double y1, double x2, double y2, double widthMm, SKColor colour)
    {
        using SKPaint p = InkPaint(colour);
        p.Style = SKPaintStyle.Stroke;
        p.StrokeWidth = (float)widthMm;
        canvas.DrawLine((float)x1, (float)y1, (float)x2, (float)y2, p);
    }

    public static void Rect(SKCanvas canvas, SKRect rect, double widthMm, SKColor colour)
    {
        using SKPaint p = InkPaint(colour);
        p.Style = SKPaintStyle.Stroke;
        p.StrokeWidth = (float)widthMm;
        canvas.DrawRect(rect, p);
    }

    public static void Fill(SKCanvas canvas, SKRect rect, SKColor colour)
    {
        using SKPaint p = InkPaint(colour);
        canvas.DrawRect(rect, p);
    }

    /// <summary>
    /// Security background, rasterised directly into the bitmap (call right after clearing it, before any other
    /// drawing): a pale tint multiplied over <paramref name="area"/> (mm) plus two crossing families of fine
    /// sinusoidal guilloche lines (0.06–0.12 mm wide, 0.6–1.4 mm apart, wavelength 6–18 mm, amplitude
    /// 0.8–3 mm, phase drifting from line to line) in a stronger shade of the tint.
    /// </summary>
    public static void Guilloche(PrintSurface surface, SKRect area, SKColor tint, SKColor lineColour, SynthRandom rng)
    {
        SKBitmap bitmap = surface.Bitmap;
        double pxPerMm = surface.PxPerMm;
        surface.Canvas.Flush();
        int w = bitmap.Width;
        int h = bitmap.Height;
        int rowBytes = bitmap.RowBytes;
        var px = new byte[rowBytes * h];
        System.Runtime.InteropServices.Marshal.Copy(bitmap.GetPixels(), px, 0, px.Length);
        int x0 = Math.Max(0, (int)(area.Left * pxPerMm));
        int x1 = Math.Min(w, (int)Math.Ceiling(area.Right * pxPerMm));
        int y0 = Math.Max(0, (int)(area.Top * pxPerMm));
        int y1 = Math.Min(h, (int)Math.Ceiling(area.Bottom * pxPerMm));
        int cols = x1 - x0;
        var coverage = new float[cols];
        var families = new (float HalfWidth, float Spacing, float Amp, float Sign, double Lambda, double Phase0, double Drift, float Slope)[2];
        for (int f = 0; f < 2; f++)
        {
            double width = rng.Uniform(0.06, 0.12) * pxPerMm;
            double spacing = rng.Uniform(0.6, 1.4) * pxPerMm;
            double lambda = rng.Uniform(6, 18) * pxPerMm;
            double amp = rng.Uniform(0.8, 3.0) * pxPerMm;
            double phase0 = rng.Uniform(0, 2 * Math.PI);
            double drift = rng.Uniform(-0.6, 0.6);
            families[f] = ((float)(width / 2), (float)spacing, (float)amp, f == 0 ? 1f : -1f, lambda, phase0, drift / spacing, (float)(amp * 2 * Math.PI / lambda));
        }

        var sinA = new float[2][];
        var cosA = new float[2][];
        for (int f = 0; f < 2; f++)
        {
            sinA[f] = new float[cols];
            cosA[f] = new float[cols];
            for (int i = 0; i < cols; i++)
            {
                double a = 2 * Math.PI * (x0 + i + 0.5) / families[f].Lambda;
                sinA[f][i] = (float)Math.Sin(a);
                cosA[f][i] = (float)Math.Cos(a);
            }
        }

        float tr = tint.Red / 255f;
        float tg = tint.Green / 255f;
        float tb = tint.Blue / 255f;
        float lr = lineColour.Red / 255f;
        float lg = lineColour.Green / 255f;
        float lb = lineColour.Blue / 255f;
        for (int y = y0; y < y1; y++)
        {
            Array.Clear(coverage);
            for (int f = 0; f < 2; f++)
            {
                // sin(a(x) + b(y)) from per-column and per-row values.
                var fam = families[f];
                float[] sa = sinA[f];
                float[] ca = cosA[f];
                double b = fam.Phase0 + (fam.Drift * y);
                float sb = (float)Math.Sin(b);
                float cb = (float)Math.Cos(b);

                float inv = 1f / fam.Spacing;
                for (int i = 0; i < cols; i++)
                {
                    float sn = (sa[i] * cb) + (ca[i] * sb);
                    float cs = (ca[i] * cb) - (sa[i] * sb);
                    float v = y + 0.5f - (fam.Sign * fam.Amp * sn);
                    float r = v - (MathF.Floor(v * inv) * fam.Spacing);
                    float d = MathF.Min(r, fam.Spacing - r);
                    float slope = fam.Slope * cs;
                    d /= MathF.Sqrt(1 + (slope * slope));
                    float c = Math.Clamp(fam.HalfWidth + 0.5f - d, 0f, 1f);
                    coverage[i] = MathF.Max(coverage[i], c);
                }
            }

            int o = (y * rowBytes) + (x0 * 4);
            for (int i = 0; i < cols; i++, o += 4)
            {
                float c = coverage[i];
                px[o] = (byte)(px[o] * tr * (1 - (c * (1 - lr))) + 0.5f);
                px[o + 1] = (byte)(px[o + 1] * tg * (1 - (c * (1 - lg))) + 0.5f);
                px[o + 2] = (byte)(px[o + 2] * tb * (1 - (c * (1 - lb))) + 0.5f);
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(px, 0, bitmap.GetPixels(), px.Length);
    }

    /// <summary>Pale security tints: light green, blue, pink, yellow, beige.</summary>
    public static (SKColor Tint, SKColor Line) SecurityTint(SynthRandom rng)
    {
        int k = rng.Int(0, 5);
        (SKColor t, SKColor l) = k switch
        {
            0 => (new SKColor(226, 242, 228), new SKColor(196, 226, 200)),
            1 => (new SKColor(226, 236, 248), new SKColor(196, 214, 240)),
            2 => (new SKColor(250, 228, 234), new SKColor(242, 196, 210)),
            3 => (new SKColor(250, 246, 218), new SKColor(238, 228, 176)),
            _ => (new SKColor(244, 236, 222), new SKColor(228, 214, 190)),
        };
        return (t, l);
    }

    /// <summary>Off-white paper with slight per-sheet variation.</summary>
    public static SKColor Paper(SynthRandom rng) =>
        new((byte)rng.Int(240, 253), (byte)rng.Int(239, 251), (byte)rng.Int(230, 246));
}
