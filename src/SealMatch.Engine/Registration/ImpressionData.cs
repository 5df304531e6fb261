using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Matching;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Registration;

/// <summary>
/// What registration needs from an impression, computed once per impression and reused for every
/// specimen it is compared with.
/// </summary>
internal sealed class ImpressionData : IDisposable
{
    /// <summary>Scale of the blurred image used for polar sampling.</summary>
    public const double PolarMillimetresPerPixel = 0.2;

    private SpectrumSignature? _spectrum;
    private List<PointD>? _centres;
    private readonly CanonicalSeal _seal;

    private ImpressionData(CanonicalSeal seal)
    {
        _seal = seal;
        using Mat half = SealRegistrar.Downsample(seal.Strength, CanonicalSeal.MillimetresPerPixel / PolarMillimetresPerPixel);
        Blurred = new Mat();
        Cv2.GaussianBlur(half, Blurred, new Size(0, 0), 1.0);
        Coarse = SealRegistrar.Downsample(seal.Strength, CanonicalSeal.MillimetresPerPixel / SealRegistrar.TranslationLevelMm);
        CoarseBits = Comparison.Bits.FromMat(Coarse, Comparison.SealComparer.InkThreshold);
        CoarseInk = Math.Max(1, CoarseBits.PopCount());
        Pyramid = new LucasKanade.ImpressionPyramid(seal);
    }

    /// <summary>Ink strength at 0.2 mm per pixel, blurred by one pixel (0.2 mm), for polar signatures.</summary>
    public Mat Blurred { get; }

    /// <summary>Ink strength at the translation-search scale.</summary>
    public Mat Coarse { get; }

    public BitMatrix CoarseBits { get; }

    public long CoarseInk { get; }

    public LucasKanade.ImpressionPyramid Pyramid { get; }

    /// <summary>Fourier-magnitude signature (computed on first use).</summary>
    public SpectrumSignature Spectrum => _spectrum ??= SpectrumSignature.Compute(_seal.Strength);

    /// <summary>Candidate centres of the impression for the polar sweeps (computed on first use).</summary>
    public IReadOnlyList<PointD> Centres => _centres ??= SealRegistrar.CentreCandidates(_seal);

    public static ImpressionData Build(CanonicalSeal seal) => new(seal);

    /// <summary>Polar signature about a canvas point, sampled from the half-resolution image.</summary>
    public PolarSignature Polar(PointD centre, double maxRadius)
    {
        double f = CanonicalSeal.MillimetresPerPixel / PolarMillimetresPerPixel;
        PolarSignature polar = PolarSignature.Sample(Blurred, Similarity.ScalePoint(centre, f), maxRadius * f);
        return new PolarSignature(polar.Bits, maxRadius);
    }

    public void Dispose()
    {
        Blurred.Dispose();
        Coarse.Dispose();
    }
}
