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

        // Variation: spread of the stroke strength at 0.4 mm scale (pressure), relative to the mean.
        Cv2.GaussianBlur(f, smooth, new Size(0, 0), 4);
        Cv2.MeanStdDev(smooth, out _, out Scalar variationSd, core);
        return new InkCharacter(detailSd.Val0 / mean, variationSd.Val0 / mean, MeasureEdgeSharpness(strength, valid));
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
