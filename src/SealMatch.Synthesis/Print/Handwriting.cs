using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>
/// Ballpoint handwriting on a millimetre canvas: 楷体 glyphs with per-character jitter in position, size,
/// rotation, slant and pressure (outline weight and ink opacity), plus cursive Bezier strokes.
/// </summary>
internal static class Handwriting
{
    /// <summary>Black (60 %) or blue ballpoint ink.</summary>
    public static SKColor PenColour(SynthRandom rng) =>
        rng.Bernoulli(0.6) ? new SKColor((byte)rng.Int(15, 45), (byte)rng.Int(15, 45), (byte)rng.Int(25, 60)) : new SKColor((byte)rng.Int(15, 40), (byte)rng.Int(35, 70), (byte)rng.Int(120, 170));

    /// <summary>Writes <paramref name="text"/> starting at (x, yCentre); returns its bounding box in mm.</summary>
    public static SKRect Write(SKCanvas canvas, string text, double x, double yCentre, double heightMm, SKColor colour, SynthRandom rng, double slantMax = 0.25)
    {
        double slant = rng.Uniform(-slantMax, 0.05);
        double baseWeight = rng.Uniform(0.04, 0.12);
        double driftY = rng.Uniform(-0.06, 0.06);
        var box = SKRect.Empty;
        double cx = x;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            double h = heightMm * (ch < 128 ? rng.Uniform(1.0, 1.2) : rng.Uniform(0.88, 1.1));
            if (ch == ' ')
            {
                cx += h * 0.4;
                continue;
            }

            SealFont font = ch < 128 ? SealFont.Hei : SealFont.Kai;
            double adv = FontLibrary.AdvanceMm(font, ch, h) * (ch < 128 ? 0.9 : 0.92);
            double y = yCentre + (driftY * (cx - x)) + rng.Normal(0, 0.06 * heightMm);
            double rot = rng.Normal(0, 3.5);
            using SKPath path = FontLibrary.GlyphPath(font, ch, cx + (adv / 2), y, h, rng.Uniform(0.9, 1.05), rot);
            path.Transform(Shear(slant, y));
            using var paint = new SKPaint
            {
                IsAntialias = true,
                Color = colour.WithAlpha((byte)rng.Int(190, 256)),
                BlendMode = SKBlendMode.Multiply,
                Style = SKPaintStyle.StrokeAndFill,
                StrokeWidth = (float)Math.Max(0, baseWeight + rng.Normal(0, 0.02)),
                StrokeJoin = SKStrokeJoin.Round,
            };
            canvas.DrawPath(path, paint);
            SKRect b = path.Bounds;
            box = box.IsEmpty ? b : SKRect.Union(box, b);
            cx += adv * rng.Uniform(0.85, 1.05);
        }

        return box;
    }

    /// <summary>A horizontal shear about the line y = <paramref name="y"/>.</summary>
    private static SKMatrix Shear(double slant, double y) =>
        new((float)1, (float)slant, (float)(-slant * y), 0, 1, 0, 0, 0, 1);

    /// <summary>A cursive stroke: a chain of cubic Beziers through jittered points, drawn with varying width.</summary>
    public static SKRect Stroke(SKCanvas canvas, IReadOnlyList<SKPoint> points, SKColor colour, double widthMm, SynthRandom rng)
    {
        using var builder = new SKPathBuilder();
        builder.MoveTo(points[0]);
        for (int i = 1; i < points.Count; i++)
        {
            SKPoint a = points[i - 1];
            SKPoint b = points[i];
            float dx = b.X - a.X;
            float dy = b.Y - a.Y;
            var c1 = new SKPoint(a.X + (dx / 3) + (float)rng.Normal(0, 0.8), a.Y + (dy / 3) + (float)rng.Normal(0, 0.8));
            var c2 = new SKPoint(a.X + (2 * dx / 3) + (float)rng.Normal(0, 0.8), a.Y + (2 * dy / 3) + (float)rng.Normal(0, 0.8));
            builder.CubicTo(c1, c2, b);
        }

        using SKPath path = builder.Detach();
        using var paint = new SKPaint
        {
            IsAntialias = true,
            Color = colour.WithAlpha((byte)rng.Int(200, 256)),
            BlendMode = SKBlendMode.Multiply,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = (float)widthMm,
            StrokeCap = SKStrokeCap.Round,
            StrokeJoin = SKStrokeJoin.Round,
        };
        canvas.DrawPath(path, paint);
        return path.Bounds;
    }

    /// <summary>
    /// A signature: the name in a fast, slanted 楷 hand, joined by cursive ligatures and finished with a
    /// flourish; fits roughly into <paramref name="area"/>.
    /// </summary>
    public static SKRect Signature(SKCanvas canvas, string name, SKRect area, SKColor colour, SynthRandom rng)
    {
        double h = Math.Min(area.Height * 0.6, area.Width / (name.Length + 0.5) * 1.1);
        double x = area.Left + rng.Uniform(0.5, 2);
        double y = area.MidY + rng.Uniform(-0.1, 0.1) * area.Height;
        SKRect box = Write(canvas, name, x, y, h, colour, rng, slantMax: 0.45);
        var pts = new List<SKPoint>();
        int n = rng.Int(3, 6);
        for (int i = 0; i <= n; i++)
        {
            float px = box.Left + (box.Width * i / n);
            pts.Add(new SKPoint(px, box.MidY + (float)rng.Normal(0, h * 0.25)));
        }

        box = SKRect.Union(box, Stroke(canvas, pts, colour, rng.Uniform(0.2, 0.35), rng));
        var flourish = new List<SKPoint>
        {
            new(box.Right - (float)(h * 0.3), box.MidY),
            new(box.Right + (float)rng.Uniform(1, 4), box.Bottom - (float)rng.Uniform(0, h * 0.3)),
            new(box.Left + (float)rng.Uniform(0, box.Width * 0.4), box.Bottom + (float)rng.Uniform(0.5, 2)),
        };
        return SKRect.Union(box, Stroke(canvas, flourish, colour, rng.Uniform(0.18, 0.3), rng));
    }
}
