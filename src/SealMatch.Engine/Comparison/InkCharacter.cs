using OpenCvSharp;

namespace SealMatch.Engine.Comparison;

/// <summary>
/// How the ink of one seal looks, independent of any specimen: texture and variation inside the
/// strokes and the sharpness of their edges. A stamp's paste varies with pressure and has crisp
/// edges; a printed copy is flatter, softer and carries halftone or dither texture.
/// </summary>
internal sealed record InkCharacter(double Texture, double Variation, double EdgeSharpness)
{
    public static InkCharacter Measure(Mat strength, Mat valid)
    {
        using Mat core = StrokeCores(strength, valid);
        if (Cv2.CountNonZero(core) < 200)
        {
            return new InkCharacter(0, 0, MeasureEdgeSharpness(strength, valid));
        }

        using var f = new Mat();
        strength.ConvertTo(f, MatType.CV_32F);
        double mean = Math.Max(1, Cv2.Mean(f, core).Val0);

        // Texture: RMS of the detail finer than 1.5 px (0.15 mm), relative to the stroke mean.
        using var smooth = new Mat();
        Cv2.GaussianBlur(f, smooth, new Size(0, 0), 1.5);
        using var detail = new Mat();
        Cv2.Subtract(f, smooth, detail);
        Cv2.MeanStdDev(detail, out _, out Scalar detailSd, core);

        return new InkCharacter(detailSd.Val0 / mean, PressureVariation(strength, valid), MeasureEdgeSharpness(strength, valid));
    }

    /// <summary>
    /// Coefficient of variation, across 3 mm cells, of the mean ink in each cell's strokes: a stamp's
    /// pressure and ink load vary over the seal; a printed copy is flat.
    /// </summary>
    private static double PressureVariation(Mat strength, Mat valid)
    {
        const int Cell = 30;
        using var inked = new Mat();
        Cv2.Threshold(strength, inked, 100, 255, ThresholdTypes.Binary);
        Cv2.BitwiseAnd(inked, valid, inked);
        int w = strength.Cols, h = strength.Rows;
        ReadOnlySpan<byte> s = strength.AsSpan<byte>(), m = inked.AsSpan<byte>();
        var means = new List<double>();
        for (int cy = 0; cy + Cell <= h; cy += Cell)
        {
            for (int cx = 0; cx + Cell <= w; cx += Cell)
            {
                long sum = 0;
                int count = 0;
                for (int y = cy; y < cy + Cell; y++)
                {
                    int row = y * w;
                    for (int x = cx; x < cx + Cell; x++)
                    {
                        if (m[row + x] != 0)
                        {
                            sum += s[row + x];
                            count++;
                        }
                    }
                }

                if (count >= 40)
                {
                    means.Add(sum / (double)count);
                }
            }
        }

        if (means.Count < 4)
        {
            return 0;
        }

        double average = means.Average();
        double variance = means.Sum(v => (v - average) * (v - average)) / (means.Count - 1);
        return Math.Sqrt(variance) / Math.Max(1, average);
    }

    /// <summary>Mean gradient magnitude at stroke edges per unit of full stroke strength.</summary>
    public static double MeasureEdgeSharpness(Mat strength, Mat valid)
    {
        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(strength, gx, MatType.CV_32F, 1, 0, 3, 1.0 / 8);
        Cv2.Sobel(strength, gy, MatType.CV_32F, 0, 1, 3, 1.0 / 8);
        using var magnitude = new Mat();
        Cv2.Magnitude(gx, gy, magnitude);

        // Edge band: pixels mid-way between paper and full ink.
        using var band = new Mat();
        Cv2.InRange(strength, new Scalar(61), new Scalar(159), band);
        Cv2.BitwiseAnd(band, valid, band);
        return Cv2.CountNonZero(band) < 100 ? 0 : Cv2.Mean(magnitude, band).Val0 / Specimens.CanonicalSeal.NormalisedInk;
    }

    /// <summary>Stroke cores: strong ink, one pixel inside the stroke, observed.</summary>
    private static Mat StrokeCores(Mat strength, Mat valid)
    {
        var core = new Mat();
        Cv2.Threshold(strength, core, 150, 255, ThresholdTypes.Binary);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3));
        Cv2.Erode(core, core, kernel);
        Cv2.BitwiseAnd(core, valid, core);
        return core;
    }
}
