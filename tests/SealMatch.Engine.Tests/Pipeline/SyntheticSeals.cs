using SealMatch.Engine.Imaging;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Synthesis;
using EngineInk = SealMatch.Engine.Imaging.InkColour;

namespace SealMatch.Engine.Tests.Pipeline;

/// <summary>Seals from the synthetic generator, turned into engine inputs, for pipeline tests.</summary>
internal static class SyntheticSeals
{
    public static readonly SealEngine Engine = new();

    public static AccountSeals Account(int seed) => SealDesigner.CreateAccount(new SynthRandom((ulong)seed).Fork("account"));

    public static EngineInk Ink(SealLayout layout) => (EngineInk)(int)layout.Ink;

    /// <summary>A specimen template made the way a bank makes one: a careful impression, scanned, detected and normalised.</summary>
    public static SealTemplate Specimen(SealLayout layout, int seed)
    {
        var rng = new SynthRandom((ulong)seed).Fork("specimen");
        SealImage image = SingleSealImage.Render(layout, ImpressionConditions.RandomSpecimen(rng.Fork("conditions")), new SingleSealOptions(), rng.Fork("render"));
        using ScanImage scan = ScanImage.Load(image.Encoded.Span);
        return Engine.CreateTemplateFromSealImage(scan, Ink(layout));
    }

    /// <summary>An impression image with its truth.</summary>
    public static SealImage Impression(SealLayout layout, ImpressionConditions conditions, int seed, SingleSealBackground background = SingleSealBackground.Printed) =>
        SingleSealImage.Render(layout, conditions, new SingleSealOptions { Background = background }, new SynthRandom((ulong)seed).Fork("impression"));

    /// <summary>Detects the impression on an image and compares it with the specimen.</summary>
    public static SealComparison Compare(SealTemplate specimen, SealImage image, bool difference = false)
    {
        using ScanImage scan = ScanImage.Load(image.Encoded.Span);
        var seals = Engine.FindSeals(scan, specimen.Ink);
        Assert.NotEmpty(seals);
        var best = seals.MaxBy(s => s.Confidence)!;
        return Engine.Compare(specimen, scan, best, seals, difference);
    }

    public static double AngleError(double a, double b) => Math.Abs(ImpressionTruth.NormaliseDeg(a - b));
}
