using OpenCvSharp;
using SealMatch.Engine.Comparison;
using System.Globalization;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Review;

/// <summary>
/// Draws the side-by-side, overlay and fold pictures from the specimen canvas and the impression
/// warped into its frame (what the comparison measured), so a reviewer sees exactly what was scored.
/// </summary>
internal static class ReviewPictureRenderer
{
    private static readonly Vec3b Paper = new(255, 255, 255);
    private static readonly Vec3b SealRed = new(45, 40, 200);      // BGR
    private static readonly Vec3b Hidden = new(190, 190, 190);
    private const int Gap = 24;
    private const int LegendHeight = 34;

    public static (byte[] SideBySide, byte[] Overlay, byte[] Fold) Render(CanonicalSeal specimen, Mat warpedImpression, Mat observed, double foldAngleDeg)
    {
        int w = specimen.Width, h = specimen.Height;
        specimen.Strength.GetArray(out byte[] s);
        warpedImpression.GetArray(out byte[] im);
        observed.GetArray(out byte[] seen);
        Vec3b[] specimenInk = Inked(s, null, w);
        Vec3b[] impressionInk = Inked(im, seen, w);

        using Mat specimenPicture = Mat.FromPixelData(h, w, MatType.CV_8UC3, specimenInk);
        using Mat impressionPicture = Mat.FromPixelData(h, w, MatType.CV_8UC3, impressionInk);

        // Side by side: same scale and orientation, a gap between, a label under each.
        using var sideBySide = new Mat(h + LegendHeight, (2 * w) + Gap, MatType.CV_8UC3, new Scalar(255, 255, 255));
        using (var left = new Mat(sideBySide, new Rect(0, 0, w, h)))
        {
            specimenPicture.CopyTo(left);
        }

        using (var right = new Mat(sideBySide, new Rect(w + Gap, 0, w, h)))
        {
            impressionPicture.CopyTo(right);
        }

        Label(sideBySide, "specimen", 4, h + 22);
        Label(sideBySide, "impression (registered onto the specimen)", w + Gap + 4, h + 22);

        // Overlay: each ink tints the paper by half its strength; where both have ink it reads dark violet.
        var overlay = new Vec3b[w * h];
        for (int i = 0; i < overlay.Length; i++)
        {
            double a = s[i] / 255.0 * 0.55, b = im[i] / 255.0 * 0.55;
            double blue = 255 * (1 - b);           // the impression's red ink absorbs blue and green
            double green = 255 * (1 - a) * (1 - b);
            double red = 255 * (1 - a);            // the specimen's blue ink absorbs red and green
            overlay[i] = seen[i] == 0 && s[i] < SealComparer.InkThreshold ? Hatch(i, w) : new Vec3b(Byte(blue), Byte(green), Byte(red));
        }

        using Mat overlayPicture = WithLegend(Mat.FromPixelData(h, w, MatType.CV_8UC3, overlay), "blue: specimen  red: impression  violet: both");

        // Fold: the specimen on one side of a line through the centre, the impression on the other
        // (for a vertical fold the specimen is on the left, for a horizontal one on top).
        double angle = foldAngleDeg * Math.PI / 180;
        double nx = Math.Sin(angle), ny = Math.Cos(angle); // normal of the line (image y points down)
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        var fold = new Vec3b[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w) + x;
                double side = ((x - cx) * nx) + ((y - cy) * ny);
                fold[i] = Math.Abs(side) < 0.75 ? new Vec3b(90, 90, 90) : side < 0 ? specimenInk[i] : impressionInk[i];
            }
        }

        using Mat foldPicture = WithLegend(Mat.FromPixelData(h, w, MatType.CV_8UC3, fold), string.Create(CultureInfo.InvariantCulture, $"fold at {foldAngleDeg:0} deg: specimen | impression"));
        return (sideBySide.ImEncode(".png"), overlayPicture.ImEncode(".png"), foldPicture.ImEncode(".png"));
    }

    /// <summary>Ink as seal red on paper, darker with strength; unseen pixels hatched grey.</summary>
    private static Vec3b[] Inked(byte[] strength, byte[]? seen, int width)
    {
        var pixels = new Vec3b[strength.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            if (seen is not null && seen[i] == 0)
            {
                pixels[i] = Hatch(i, width);
                continue;
            }

            double t = strength[i] / 255.0;
            pixels[i] = new Vec3b(Mix(Paper.Item0, SealRed.Item0, t), Mix(Paper.Item1, SealRed.Item1, t), Mix(Paper.Item2, SealRed.Item2, t));
        }

        return pixels;
    }

    private static Vec3b Hatch(int i, int width) => ((i % width) + (i / width)) % 8 < 2 ? Hidden : Paper;

    private static byte Mix(byte from, byte to, double t) => Byte(from + ((to - from) * t));

    private static byte Byte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);

    private static Mat WithLegend(Mat picture, string text)
    {
        using (picture)
        {
            var framed = new Mat(picture.Rows + LegendHeight, Math.Max(picture.Cols, 8 * text.Length), MatType.CV_8UC3, new Scalar(255, 255, 255));
            using (var top = new Mat(framed, new Rect(0, 0, picture.Cols, picture.Rows)))
            {
                picture.CopyTo(top);
            }

            Label(framed, text, 4, picture.Rows + 22);
            return framed;
        }
    }

    private static void Label(Mat image, string text, int x, int y) =>
        Cv2.PutText(image, text, new Point(x, y), HersheyFonts.HersheySimplex, 0.5, new Scalar(30, 30, 30), 1, LineTypes.AntiAlias);
}
