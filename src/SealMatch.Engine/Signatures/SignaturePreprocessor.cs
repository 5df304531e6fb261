using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Signatures;

/// <summary>
/// Turns a signature on a colour scan (a whole image or a region of a slip) into a
/// <see cref="SignatureImage"/>. The one implementation used for training (through
/// <c>sealmatch signatures prepare</c>) and for serving, so both see identical inputs.
/// </summary>
/// <remarks>
/// <para>
/// Each channel is divided by a local paper estimate (a wide maximum filter on a reduced copy),
/// which removes the paper's tint, shadows and uneven light of phone photographs. Ink is then the
/// darkness in the red channel: red seal ink and red form rules reflect red light and vanish there,
/// while black and blue pens stay dark, so a seal stamped over a signature drops out. When the
/// red channel holds almost no ink the signature itself is written in a red or orange ink and the
/// darkest channel is used instead (no seal can then be told from it by colour).
/// </para>
/// <para>
/// A global threshold (Otsu, never below <see cref="MinimumInkDarkness"/>) drops light security
/// patterns, and a region with nothing darker than such a pattern is refused; straight runs spanning most of the region (box and table lines) are removed; specks are
/// dropped; the rest is cropped, fitted into the canvas with its aspect kept, and its stroke
/// contrast is normalised so that a faint pen and a heavy one give the same ink levels.
/// </para>
/// </remarks>
public static class SignaturePreprocessor
{
    /// <summary>Darkness (1 − reflectance relative to the paper) below which nothing counts as ink.</summary>
    public const double MinimumInkDarkness = 0.15;

    /// <summary>A region whose darkest pixels (99.5th percentile) are lighter than this holds no pen ink.</summary>
    public const double MinimumPeakDarkness = 0.3;

    /// <summary>Longest side of the working copy; larger regions are reduced first (speed).</summary>
    private const int WorkingSide = 900;

    /// <summary>Longest side of the reduced copy the paper is estimated on.</summary>
    private const int PaperSide = 150;

    /// <summary>Empty border kept around the ink on the canvas.</summary>
    private const int CanvasMargin = 4;

    /// <summary>A horizontal line spans at least this share of the region's width.</summary>
    private const double HorizontalLineShare = 0.6;

    /// <summary>A vertical line spans at least this share of the region's height (pen strokes rarely do).</summary>
    private const double VerticalLineShare = 0.9;

    /// <summary>Ink components smaller than this share of all ink are specks.</summary>
    private const double SpeckShare = 0.003;

    /// <summary>
    /// Normalises the signature in <paramref name="region"/> of <paramref name="scan"/> (the whole
    /// scan when null).
    /// </summary>
    /// <exception cref="ScanRejectedException">The region is too small or holds no signature ink.</exception>
    public static SignatureImage Prepare(ScanImage scan, PixelBox? region = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        PixelBox box = (region ?? new PixelBox(0, 0, scan.Width, scan.Height)).ClipTo(scan.Width, scan.Height);
        if (box.Width < 16 || box.Height < 16)
        {
            throw new ScanRejectedException(ScanProblem.TooSmall, "region",
                $"The signature region is {box.Width}×{box.Height} pixels inside the scan; at least 16×16 is needed.");
        }

        using var roi = new Mat(scan.Bgr, new Rect(box.X, box.Y, box.Width, box.Height));
        double scale = Math.Min(1.0, (double)WorkingSide / Math.Max(box.Width, box.Height));
        using var work = new Mat();
        if (scale < 1)
        {
            Cv2.Resize(roi, work, new Size(Math.Max(1, (int)Math.Round(box.Width * scale)), Math.Max(1, (int)Math.Round(box.Height * scale))), 0, 0, InterpolationFlags.Area);
        }
        else
        {
            roi.CopyTo(work);
        }

        int w = work.Cols, h = work.Rows;
        float[] dark = InkDarkness(work);
        byte threshold = Threshold(dark, out double peak);
        if (peak < MinimumPeakDarkness)
        {
            throw new ScanRejectedException(ScanProblem.Empty, "region", "No signature ink was found in the region (nothing darker than a light background pattern).");
        }

        var binary = new byte[w * h];
        for (int i = 0; i < binary.Length; i++)
        {
            binary[i] = dark[i] * 255 > threshold ? (byte)255 : (byte)0;
        }

        RemoveLines(binary, w, h);
        byte[] keep = KeepSignatureInk(binary, w, h, out Rect inkRect)
            ?? throw new ScanRejectedException(ScanProblem.Empty, "region", "No signature ink was found in the region.");

        // Soft ink near the kept strokes (anti-aliased edges), nothing elsewhere.
        float floor = threshold / 255f / 2;
        var soft = new float[w * h];
        for (int i = 0; i < soft.Length; i++)
        {
            soft[i] = keep[i] != 0 ? Math.Clamp((dark[i] - floor) / (1 - floor), 0, 1) : 0;
        }

        byte[] canvas = FitToCanvas(soft, w, inkRect);
        var inkBox = new PixelBox(
            box.X + (int)Math.Floor(inkRect.X / scale),
            box.Y + (int)Math.Floor(inkRect.Y / scale),
            (int)Math.Ceiling(inkRect.Width / scale),
            (int)Math.Ceiling(inkRect.Height / scale));
        return new SignatureImage(canvas, inkBox.ClipTo(scan.Width, scan.Height));
    }

    /// <summary>Per-pixel ink darkness in [0, 1] relative to the local paper (see the remarks on the class).</summary>
    private static float[] InkDarkness(Mat work)
    {
        int w = work.Cols, h = work.Rows;
        using Mat paper = EstimatePaper(work);
        work.GetArray(out Vec3b[] pixels);
        paper.GetArray(out Vec3b[] background);

        var red = new float[w * h];
        var darkest = new float[w * h];
        int redInk = 0, anyInk = 0;
        for (int i = 0; i < red.Length; i++)
        {
            Vec3b p = pixels[i], q = background[i];
            float b = Reflectance(p.Item0, q.Item0), g = Reflectance(p.Item1, q.Item1), r = Reflectance(p.Item2, q.Item2);
            red[i] = 1 - r;
            darkest[i] = 1 - Math.Min(r, Math.Min(g, b));
            redInk += red[i] > 0.35f ? 1 : 0;
            anyInk += darkest[i] > 0.35f ? 1 : 0;
        }

        return redInk >= 0.1 * anyInk ? red : darkest;
    }

    private static float Reflectance(byte value, byte paper) => Math.Min(1f, value / (float)Math.Max(paper, (byte)40));

    /// <summary>The paper's colour at each pixel: a maximum filter wider than any stroke on a reduced copy, smoothed.</summary>
    private static Mat EstimatePaper(Mat work)
    {
        double reduce = Math.Min(1.0, (double)PaperSide / Math.Max(work.Cols, work.Rows));
        using var small = new Mat();
        Cv2.Resize(work, small, new Size(Math.Max(1, (int)Math.Round(work.Cols * reduce)), Math.Max(1, (int)Math.Round(work.Rows * reduce))), 0, 0, InterpolationFlags.Area);
        int k = Math.Max(7, Math.Max(small.Cols, small.Rows) / 10) | 1;
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(k, k));
        using var max = new Mat();
        Cv2.Dilate(small, max, kernel);
        Cv2.GaussianBlur(max, max, new Size(k, k), 0);
        var paper = new Mat();
        Cv2.Resize(max, paper, new Size(work.Cols, work.Rows), 0, 0, InterpolationFlags.Linear);
        return paper;
    }

    /// <summary>
    /// Otsu's threshold on the darkness histogram, never below <see cref="MinimumInkDarkness"/>;
    /// <paramref name="peak"/> is the 99.5th percentile of the darkness.
    /// </summary>
    private static byte Threshold(float[] dark, out double peak)
    {
        var bytes = new byte[dark.Length];
        var histogram = new int[256];
        for (int i = 0; i < dark.Length; i++)
        {
            bytes[i] = (byte)Math.Clamp((int)(dark[i] * 255 + 0.5f), 0, 255);
            histogram[bytes[i]]++;
        }

        int above = 0, level = 255;
        while (level > 0 && (above += histogram[level]) < 0.005 * dark.Length)
        {
            level--;
        }

        peak = level / 255.0;
        using var mat = Mat.FromPixelData(1, bytes.Length, MatType.CV_8UC1, bytes);
        using var unused = new Mat();
        double otsu = Cv2.Threshold(mat, unused, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
        return (byte)Math.Clamp(Math.Max(otsu, MinimumInkDarkness * 255), 0, 254);
    }

    /// <summary>Clears straight horizontal and vertical runs spanning most of the region (box and table lines).</summary>
    private static void RemoveLines(byte[] binary, int w, int h)
    {
        using var ink = Mat.FromPixelData(h, w, MatType.CV_8UC1, binary);
        using var lines = new Mat(h, w, MatType.CV_8UC1, Scalar.All(0));
        foreach (bool horizontal in (ReadOnlySpan<bool>)[true, false])
        {
            int run = horizontal ? (int)(w * HorizontalLineShare) : (int)(h * VerticalLineShare);
            if (run < 20)
            {
                continue;
            }

            // A small perpendicular dilation first tolerates a few degrees of skew and ragged edges.
            using var across = Cv2.GetStructuringElement(MorphShapes.Rect, horizontal ? new Size(1, 3) : new Size(3, 1));
            using var thick = new Mat();
            Cv2.Dilate(ink, thick, across);
            using var along = Cv2.GetStructuringElement(MorphShapes.Rect, horizontal ? new Size(run, 1) : new Size(1, run));
            using var found = new Mat();
            Cv2.MorphologyEx(thick, found, MorphTypes.Open, along);
            Cv2.BitwiseOr(lines, found, lines);
        }

        if (Cv2.CountNonZero(lines) == 0)
        {
            return;
        }

        using var grow = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));
        Cv2.Dilate(lines, lines, grow);
        lines.GetArray(out byte[] mask);
        for (int i = 0; i < binary.Length; i++)
        {
            if (mask[i] != 0)
            {
                binary[i] = 0;
            }
        }
    }

    /// <summary>
    /// The ink to keep (components that are not specks, grown by two pixels so soft stroke edges
    /// survive) and the box around it; null when there is no ink.
    /// </summary>
    private static byte[]? KeepSignatureInk(byte[] binary, int w, int h, out Rect inkRect)
    {
        inkRect = default;
        using var ink = Mat.FromPixelData(h, w, MatType.CV_8UC1, binary);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(ink, labels, stats, centroids, PixelConnectivity.Connectivity8);
        long total = 0;
        for (int i = 1; i < count; i++)
        {
            total += stats.At<int>(i, (int)ConnectedComponentsTypes.Area);
        }

        // Too little ink to be a signature: a few dots, dust, or an empty box.
        if (total < Math.Max(30, 0.0005 * w * h))
        {
            return null;
        }

        double minimum = Math.Max(4, SpeckShare * total);
        var kept = new bool[count];
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int i = 1; i < count; i++)
        {
            if (stats.At<int>(i, (int)ConnectedComponentsTypes.Area) < minimum)
            {
                continue;
            }

            kept[i] = true;
            int left = stats.At<int>(i, (int)ConnectedComponentsTypes.Left), top = stats.At<int>(i, (int)ConnectedComponentsTypes.Top);
            x0 = Math.Min(x0, left);
            y0 = Math.Min(y0, top);
            x1 = Math.Max(x1, left + stats.At<int>(i, (int)ConnectedComponentsTypes.Width));
            y1 = Math.Max(y1, top + stats.At<int>(i, (int)ConnectedComponentsTypes.Height));
        }

        if (x1 < 0)
        {
            return null;
        }

        labels.GetArray(out int[] label);
        var keep = new byte[w * h];
        for (int i = 0; i < keep.Length; i++)
        {
            keep[i] = kept[label[i]] ? (byte)255 : (byte)0;
        }

        using var keepMat = Mat.FromPixelData(h, w, MatType.CV_8UC1, keep);
        using var grow = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5));
        using var grown = new Mat();
        Cv2.Dilate(keepMat, grown, grow);
        grown.GetArray(out byte[] result);

        const int Pad = 2;
        x0 = Math.Max(0, x0 - Pad);
        y0 = Math.Max(0, y0 - Pad);
        x1 = Math.Min(w, x1 + Pad);
        y1 = Math.Min(h, y1 + Pad);
        inkRect = new Rect(x0, y0, x1 - x0, y1 - y0);
        return result;
    }

    /// <summary>Fits the ink box into the canvas (aspect kept, centred) and normalises the stroke contrast.</summary>
    private static byte[] FitToCanvas(float[] soft, int w, Rect inkRect)
    {
        int h = soft.Length / w;
        using var all = Mat.FromPixelData(h, w, MatType.CV_32FC1, soft);
        using var crop = new Mat(all, inkRect);
        int innerW = SignatureImage.Width - 2 * CanvasMargin, innerH = SignatureImage.Height - 2 * CanvasMargin;
        double fit = Math.Min((double)innerW / inkRect.Width, (double)innerH / inkRect.Height);
        int outW = Math.Clamp((int)Math.Round(inkRect.Width * fit), 1, innerW);
        int outH = Math.Clamp((int)Math.Round(inkRect.Height * fit), 1, innerH);
        using var resized = new Mat();
        Cv2.Resize(crop, resized, new Size(outW, outH), 0, 0, fit < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);
        resized.GetArray(out float[] values);

        // Stroke contrast: the 90th percentile of the inked pixels becomes full ink.
        float[] inked = [.. values.Where(v => v > 0.05f)];
        float reference = 1;
        if (inked.Length > 0)
        {
            Array.Sort(inked);
            reference = Math.Max(0.05f, inked[(int)(0.9 * (inked.Length - 1))]);
        }

        var canvas = new byte[SignatureImage.Width * SignatureImage.Height];
        Array.Fill(canvas, (byte)255);
        int ox = (SignatureImage.Width - outW) / 2, oy = (SignatureImage.Height - outH) / 2;
        for (int y = 0; y < outH; y++)
        {
            for (int x = 0; x < outW; x++)
            {
                float v = Math.Min(1f, values[y * outW + x] / reference);
                canvas[(oy + y) * SignatureImage.Width + ox + x] = (byte)(255 - (int)MathF.Round(255 * v));
            }
        }

        return canvas;
    }
}
