using OpenCvSharp;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Tests.Signatures;

/// <summary>Hand-built signature scans: pen strokes on paper, optionally with a pattern, box lines and a red seal over them.</summary>
internal static class SignatureScans
{
    public const int Width = 900;
    public const int Height = 400;

    /// <summary>Where the strokes lie (scan pixels).</summary>
    public static readonly Rect StrokeArea = new(250, 120, 420, 170);

    /// <summary>A scan of the strokes, with the chosen clutter.</summary>
    public static ScanImage Create(Scalar? pen = null, bool pattern = false, bool boxLines = false, bool redSeal = false, int offsetX = 0, int thickness = 5, bool otherShape = false)
    {
        using var bgr = new Mat(Height, Width, MatType.CV_8UC3, new Scalar(236, 242, 246)); // off-white paper
        if (pattern)
        {
            // A light green guilloche-like security background.
            for (int y = 0; y < Height; y += 6)
            {
                for (int x = 0; x < Width; x += 3)
                {
                    int yy = y + (int)(4 * Math.Sin(x / 17.0));
                    Cv2.Circle(bgr, new Point(x, yy), 1, new Scalar(200, 228, 196), -1);
                }
            }
        }

        if (boxLines)
        {
            Cv2.Line(bgr, new Point(0, 60), new Point(Width - 1, 62), new Scalar(40, 40, 40), 3);
            Cv2.Line(bgr, new Point(0, 340), new Point(Width - 1, 339), new Scalar(40, 40, 40), 3);
            Cv2.Line(bgr, new Point(120, 0), new Point(121, Height - 1), new Scalar(40, 40, 40), 3);
        }

        DrawStrokes(bgr, pen ?? new Scalar(140, 40, 20), offsetX, thickness, otherShape); // dark blue ballpoint by default
        if (redSeal)
        {
            // Stamp paste is translucent: multiply a red ring and text bars over the strokes.
            using var seal = new Mat(Height, Width, MatType.CV_8UC3, Scalar.All(255));
            Cv2.Circle(seal, new Point(470 + offsetX, 200), 110, new Scalar(60, 50, 225), 9);
            Cv2.Rectangle(seal, new Rect(410 + offsetX, 150, 120, 20), new Scalar(60, 50, 225), -1);
            Cv2.Rectangle(seal, new Rect(400 + offsetX, 220, 140, 24), new Scalar(60, 50, 225), -1);
            Cv2.Multiply(bgr, seal, bgr, 1 / 255.0);
        }

        bgr.GetArray(out Vec3b[] pixels);
        var bytes = new byte[pixels.Length * 3];
        for (int i = 0; i < pixels.Length; i++)
        {
            bytes[3 * i] = pixels[i].Item0;
            bytes[3 * i + 1] = pixels[i].Item1;
            bytes[3 * i + 2] = pixels[i].Item2;
        }

        return ScanImage.FromBgr(bytes, Width, Height, 300);
    }

    /// <summary>A cursive-like scribble filling <see cref="StrokeArea"/> (shifted by <paramref name="offsetX"/>); another wave for <paramref name="otherShape"/>.</summary>
    private static void DrawStrokes(Mat bgr, Scalar pen, int offsetX, int thickness, bool otherShape)
    {
        Rect a = StrokeArea;
        var points = new List<Point>();
        for (int i = 0; i <= 200; i++)
        {
            double t = i / 200.0;
            double x = a.X + offsetX + t * a.Width;
            double y = otherShape
                ? a.Y + a.Height / 2.0 + a.Height * 0.45 * Math.Sin(t * 2 * Math.PI + 1)
                : a.Y + a.Height / 2.0 + a.Height * 0.45 * Math.Sin(t * 5 * Math.PI) * Math.Cos(t * 1.3);
            points.Add(new Point((int)x, (int)y));
        }

        Cv2.Polylines(bgr, [points], false, pen, thickness, LineTypes.AntiAlias);
        Cv2.Line(bgr, new Point(a.X + offsetX + 60, a.Y + 10), new Point(a.X + offsetX + 110, a.Bottom - 10), pen, thickness, LineTypes.AntiAlias);
        Cv2.Ellipse(bgr, new Point(a.X + offsetX + 300, a.Y + 60), new Size(40, 25), 20, 0, 300, pen, thickness, LineTypes.AntiAlias);
    }
}
