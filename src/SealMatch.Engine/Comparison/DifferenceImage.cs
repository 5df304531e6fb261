using OpenCvSharp;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Comparison;

/// <summary>
/// Renders the reviewer's difference picture in the specimen's frame: ink both share in black,
/// ink only the impression has (gained: what forgeries show) solid red, ink only the specimen has
/// (lost: what fading shows) dotted blue, and areas that could not be seen hatched grey. A legend
/// with labels is drawn below, so colour is never the only cue.
/// </summary>
internal static class DifferenceImage
{
    private static readonly Vec3b Paper = new(255, 255, 255);
    private static readonly Vec3b Shared = new(40, 40, 40);
    private static readonly Vec3b SpecimenOnly = new(200, 90, 20);   // blue (BGR)
    private static readonly Vec3b ImpressionOnly = new(30, 30, 220); // red (BGR)
    private static readonly Vec3b Hidden = new(175, 175, 175);

    public static byte[] RenderPng(CanonicalSeal specimen, Mat warpedImpression, Mat observed)
    {
        int tolerance = 2; // 0.2 mm, as in the measurements
        using var sInk = new Mat();
        using var iInk = new Mat();
        Cv2.Threshold(specimen.Strength, sInk, SealComparer.InkThreshold, 255, ThresholdTypes.Binary);
        Cv2.Threshold(warpedImpression, iInk, SealComparer.InkThreshold, 255, ThresholdTypes.Binary);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * tolerance + 1, 2 * tolerance + 1));
        using var sNear = new Mat();
        using var iNear = new Mat();
        Cv2.Dilate(sInk, sNear, kernel);
        Cv2.Dilate(iInk, iNear, kernel);
        using var domain = new Mat(specimen.Strength.Size(), MatType.CV_8UC1, Scalar.All(0));
        SealDetector.DrawFilled(domain, specimen.Outline, 255, growBy: SealComparer.DomainMarginMm / CanonicalSeal.MillimetresPerPixel);

        int w = specimen.Width, h = specimen.Height;
        sInk.GetArray(out byte[] s);
        iInk.GetArray(out byte[] im);
        sNear.GetArray(out byte[] sn);
        iNear.GetArray(out byte[] imn);
        observed.GetArray(out byte[] seen);
        domain.GetArray(out byte[] inside);
        var pixels = new Vec3b[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                Vec3b colour = Paper;
                bool visible = seen[i] != 0;
                if (inside[i] != 0 && !visible)
                {
                    colour = (x + y) % 8 < 2 ? Hidden : Paper; // hatching
                }

                if (im[i] != 0)
                {
                    colour = visible && sn[i] == 0 ? ImpressionOnly : Shared;
                }
                else if (s[i] != 0)
                {
                    if (!visible)
                    {
                        colour = new Vec3b(215, 215, 215);
                    }
                    else if (imn[i] == 0)
                    {
                        colour = ((x + y) & 1) == 0 ? SpecimenOnly : new Vec3b(235, 200, 170); // dotted
                    }
                    else
                    {
                        colour = Shared;
                    }
                }

                pixels[i] = colour;
            }
        }

        using var picture = Mat.FromPixelData(h, w, MatType.CV_8UC3, pixels);
        using Mat withLegend = AddLegend(picture);
        return withLegend.ImEncode(".png");
    }

    private static Mat AddLegend(Mat picture)
    {
        int w = Math.Max(picture.Cols, 420);
        int legendHeight = 118;
        var canvas = new Mat(picture.Rows + legendHeight, w, MatType.CV_8UC3, Scalar.White);
        using (var top = new Mat(canvas, new Rect((w - picture.Cols) / 2, 0, picture.Cols, picture.Rows)))
        {
            picture.CopyTo(top);
        }

        (string Label, Scalar Colour, bool Dotted)[] entries =
        [
            ("shared ink", new Scalar(40, 40, 40), false),
            ("GAINED: impression only (suspicious)", new Scalar(30, 30, 220), false),
            ("lost: specimen only (fading)", new Scalar(200, 90, 20), true),
            ("not visible (print, edge, other seal)", new Scalar(175, 175, 175), true),
        ];
        int y = picture.Rows + 10;
        foreach ((string label, Scalar colour, bool dotted) in entries)
        {
            var swatch = new Rect(10, y, 22, 18);
            if (dotted)
            {
                for (int yy = swatch.Top; yy < swatch.Bottom; yy++)
                {
                    for (int xx = swatch.Left; xx < swatch.Right; xx++)
                    {
                        if ((xx + yy) % 3 == 0)
                        {
                            canvas.Set(yy, xx, new Vec3b((byte)colour.Val0, (byte)colour.Val1, (byte)colour.Val2));
                        }
                    }
                }

                canvas.Rectangle(swatch, colour, 1);
            }
            else
            {
                canvas.Rectangle(swatch, colour, -1);
            }

            canvas.PutText(label, new Point(40, y + 15), HersheyFonts.HersheySimplex, 0.5, Scalar.Black, 1, LineTypes.AntiAlias);
            y += 26;
        }

        return canvas;
    }
}
