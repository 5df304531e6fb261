using OpenCvSharp;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Matching;
using SealMatch.Engine.Registration;

namespace SealMatch.Engine.Specimens;

/// <summary>
/// Everything matching needs from one specimen, computed once from its canonical form and reused
/// for every impression compared with it. Owns the canonical seal.
/// </summary>
internal sealed class SpecimenFeatures : IDisposable
{
    private SpecimenFeatures(CanonicalSeal canvas)
    {
        Canvas = canvas;
    }

    public CanonicalSeal Canvas { get; }

    /// <summary>Polar signature about the canvas centre.</summary>
    public required PolarSignature Polar { get; init; }

    /// <summary>Angular Fourier-magnitude signature (rotation without the centre).</summary>
    public required SpectrumSignature Spectrum { get; init; }

    /// <summary>Strength at the translation-search scale.</summary>
    public required Mat Coarse { get; init; }

    public required long CoarseInkCount { get; init; }

    public required LucasKanade.TemplateLevel[] Template { get; init; }

    /// <summary>The seal's domain: its outline grown by 1.5 mm (255 inside).</summary>
    public required Mat Domain { get; init; }

    /// <summary>Domain ∧ specimen valid (255 where the specimen is known).</summary>
    public required Mat Known { get; init; }

    /// <summary>Specimen ink (strength above the comparison threshold).</summary>
    public required BitMatrix Ink { get; init; }

    /// <summary>Specimen ink dilated by the near tolerance (0.2 mm).</summary>
    public required BitMatrix InkNear { get; init; }

    /// <summary>Specimen ink dilated by the far tolerance (0.4 mm).</summary>
    public required BitMatrix InkFar { get; init; }

    /// <summary>Specimen ink where the specimen is known.</summary>
    public required long KnownInkCount { get; init; }

    /// <summary>Edge sharpness of the specimen's strokes.</summary>
    public required double EdgeSharpness { get; init; }

    /// <summary>Specimen at the local-shift scale: blurred strength and its gradients (float).</summary>
    public required LocalShiftLevel[] Shift { get; init; }

    /// <summary>Outer radius of the polar signature in canvas pixels: the outline's half diagonal plus 1 mm.</summary>
    internal static double PolarRadius(CanonicalSeal canvas) =>
        0.5 * Math.Sqrt(canvas.Outline.Width * canvas.Outline.Width + canvas.Outline.Height * canvas.Outline.Height)
        + 1.0 / CanonicalSeal.MillimetresPerPixel;

    /// <summary>Computes the features; takes ownership of <paramref name="canvas"/>.</summary>
    public static SpecimenFeatures Build(CanonicalSeal canvas)
    {
        using var blurred = new Mat();
        Cv2.GaussianBlur(canvas.Strength, blurred, new Size(0, 0), 2.0);
        PolarSignature polar = PolarSignature.Sample(blurred, canvas.Centre, PolarRadius(canvas));
        Mat coarse = SealRegistrar.Downsample(canvas.Strength, CanonicalSeal.MillimetresPerPixel / 0.4);

        var domain = new Mat(canvas.Strength.Size(), MatType.CV_8UC1, Scalar.All(0));
        SealDetector.DrawFilled(domain, canvas.Outline, 255, growBy: SealComparer.DomainMarginMm / CanonicalSeal.MillimetresPerPixel);
        var known = new Mat();
        Cv2.BitwiseAnd(domain, canvas.Valid, known);
        BitMatrix ink = Bits.FromMat(canvas.Strength, SealComparer.InkThreshold);
        BitMatrix knownBits = Bits.FromMat(known, 127);

        return new SpecimenFeatures(canvas)
        {
            Polar = polar,
            Spectrum = SpectrumSignature.Compute(canvas.Strength),
            Coarse = coarse,
            CoarseInkCount = Bits.FromMat(coarse, SealComparer.InkThreshold).PopCount(),
            Template = LucasKanade.BuildTemplate(canvas),
            Domain = domain,
            Known = known,
            Ink = ink,
            InkNear = ink.Dilate(SealComparer.NearPixels),
            InkFar = ink.Dilate(SealComparer.FarPixels),
            KnownInkCount = ink.CountAnd(knownBits),
            EdgeSharpness = InkCharacter.MeasureEdgeSharpness(canvas.Strength, canvas.Valid),
            Shift = LocalShiftLevel.BuildAll(canvas.Strength),
        };
    }

    public void Dispose()
    {
        Canvas.Dispose();
        Coarse.Dispose();
        Domain.Dispose();
        Known.Dispose();
        foreach (LocalShiftLevel level in Shift)
        {
            level.Dispose();
        }
    }
}

/// <summary>
/// The specimen side of the local-shift estimate at 0.2 mm per pixel and one blur: the blurred ink,
/// its gradients, and the window sums of the Gauss–Newton matrix, which depend on the specimen only.
/// </summary>
internal sealed class LocalShiftLevel : IDisposable
{
    public const double MillimetresPerPixel = 0.2;

    /// <summary>Window side (4 mm) and grid step (2 mm) in pixels.</summary>
    public const int Window = 20;

    public const int Step = 10;

    /// <summary>Blurs of the coarse-to-fine passes: a wide one catches millimetre shifts, a narrow one measures them precisely.</summary>
    public static readonly double[] Sigmas = [2.5, 1.0];

    private LocalShiftLevel(Mat blurred, Mat[] jacobian, Mat[] hessian, double sigma)
    {
        Blurred = blurred;
        Jacobian = jacobian;
        Hessian = hessian;
        Sigma = sigma;
    }

    public Mat Blurred { get; }

    /// <summary>Per pixel J = [−Sx, −Sy, S] (the fourth column is 1) for the model e ≈ −∇S·d + a·S + b.</summary>
    public Mat[] Jacobian { get; }

    /// <summary>Window sums of J_r·J_c for r ≤ c (10 maps, row-major upper triangle of the 4×4 matrix).</summary>
    public Mat[] Hessian { get; }

    public double Sigma { get; }

    /// <summary>Index of the (r, c) entry in <see cref="Hessian"/>.</summary>
    public static int HessianIndex(int r, int c)
    {
        if (r > c)
        {
            (r, c) = (c, r);
        }

        return r * 4 - r * (r - 1) / 2 + (c - r);
    }

    /// <summary>One level per entry of <see cref="Sigmas"/>.</summary>
    public static LocalShiftLevel[] BuildAll(Mat strength) => [.. Sigmas.Select(s => Build(strength, s))];

    public static LocalShiftLevel Build(Mat strength, double sigma)
    {
        Mat blurred = Prepare(strength, sigma);
        Mat[] j = [new Mat(), new Mat(), blurred.Clone()];
        Cv2.Sobel(blurred, j[0], MatType.CV_32F, 1, 0, 3, -1.0 / 8);
        Cv2.Sobel(blurred, j[1], MatType.CV_32F, 0, 1, 3, -1.0 / 8);
        var hessian = new Mat[10];
        var ksize = new Size(Window, Window);
        for (int r = 0; r < 4; r++)
        {
            for (int c = r; c < 4; c++)
            {
                var sum = new Mat();
                if (r == 3)
                {
                    sum = new Mat(blurred.Size(), MatType.CV_32F, Scalar.All(1));
                }
                else if (c == 3)
                {
                    j[r].CopyTo(sum);
                }
                else
                {
                    Cv2.Multiply(j[r], j[c], sum);
                }

                Cv2.BoxFilter(sum, sum, MatType.CV_32F, ksize, normalize: false);
                hessian[HessianIndex(r, c)] = sum;
            }
        }

        return new LocalShiftLevel(blurred, j, hessian, sigma);
    }

    /// <summary>Canonical strength → float at this scale, blurred.</summary>
    public static Mat Prepare(Mat strength, double sigma)
    {
        using Mat small = SealRegistrar.Downsample(strength, CanonicalSeal.MillimetresPerPixel / MillimetresPerPixel);
        var f = new Mat();
        small.ConvertTo(f, MatType.CV_32F, 1.0 / 255);
        Cv2.GaussianBlur(f, f, new Size(0, 0), sigma);
        return f;
    }

    public void Dispose()
    {
        Blurred.Dispose();
        foreach (Mat m in Jacobian.Concat(Hessian))
        {
            m.Dispose();
        }
    }
}
