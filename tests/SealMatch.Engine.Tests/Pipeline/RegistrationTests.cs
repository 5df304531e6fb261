using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Synthesis;

namespace SealMatch.Engine.Tests.Pipeline;

public class RegistrationTests
{
    public static TheoryData<SealKind, double> Rotations => new()
    {
        { SealKind.CompanySeal, 0 },
        { SealKind.CompanySeal, 137 },
        { SealKind.CompanySeal, -95 },
        { SealKind.FinanceSeal, 210 },
        { SealKind.LegalRepresentativeNameSeal, 33 },
        { SealKind.LegalRepresentativeNameSeal, 181 },
    };

    [Theory]
    [MemberData(nameof(Rotations))]
    public void RecoversAnyRotationOfAGenuineImpression(SealKind kind, double rotation)
    {
        SealLayout layout = SyntheticSeals.Account(21).Layout(kind);
        using SealTemplate specimen = SyntheticSeals.Specimen(layout, 1);
        ImpressionConditions conditions = ImpressionConditions.RandomGenuine(new SynthRandom(5)) with { RotationDeg = rotation, Cut = null, InkAmount = 1.0 };
        SealImage image = SyntheticSeals.Impression(layout, conditions, 7);
        SealComparison c = SyntheticSeals.Compare(specimen, image);

        // The specimen was itself stamped at a small angle; the pose is relative to it.
        double specimenRotation = SpecimenRotation(layout, 1);
        Assert.InRange(SyntheticSeals.AngleError(c.Pose.RotationDeg, rotation - specimenRotation), 0, 0.5);
        Assert.InRange(c.Pose.Scale, 0.99, 1.01);
        Assert.InRange(c.Pose.CentrePx.X - image.Truth.CentreX, -1.5, 1.5);
        Assert.InRange(c.Pose.CentrePx.Y - image.Truth.CentreY, -1.5, 1.5);
    }

    [Fact]
    public void RegistersAnImpressionWithAThirdMissing()
    {
        SealLayout layout = SyntheticSeals.Account(22).Layout(SealKind.CompanySeal);
        using SealTemplate specimen = SyntheticSeals.Specimen(layout, 2);
        var cut = new PartialCut(DirectionDeg: 40, AreaFraction: 0.33, SoftnessMm: 0.6, RaggednessMm: 0.6);
        ImpressionConditions conditions = ImpressionConditions.RandomGenuine(new SynthRandom(8)) with { RotationDeg = 71, Cut = cut };
        SealImage image = SyntheticSeals.Impression(layout, conditions, 9);
        SealComparison c = SyntheticSeals.Compare(specimen, image);
        Assert.InRange(SyntheticSeals.AngleError(c.Pose.RotationDeg, 71 - SpecimenRotation(layout, 2)), 0, 0.5);
        Assert.InRange(c.Measurements.GainNear, 0, 0.02);
    }

    [Fact]
    public void RecoversScaleWithinFivePercent()
    {
        SealLayout layout = SyntheticSeals.Account(23).Layout(SealKind.FinanceSeal);
        using SealTemplate specimen = SyntheticSeals.Specimen(layout, 3);
        ImpressionConditions conditions = ImpressionConditions.RandomGenuine(new SynthRandom(10)) with { RotationDeg = -40, Cut = null };
        SealImage image = SyntheticSeals.Impression(layout, conditions, 11);

        // Declaring 5 % more dpi than the image has makes the impression look 5 % smaller.
        using var scan = Engine.Imaging.ScanImage.Load(image.Encoded.Span, dpi: image.Dpi * 1.05);
        var seals = SyntheticSeals.Engine.FindSeals(scan, specimen.Ink);
        SealComparison c = SyntheticSeals.Engine.Compare(specimen, scan, seals.MaxBy(s => s.Confidence)!, seals);
        Assert.InRange(c.Pose.Scale, 1 / 1.05 - 0.01, 1 / 1.05 + 0.01);
        Assert.InRange(SyntheticSeals.AngleError(c.Pose.RotationDeg, -40 - SpecimenRotation(layout, 3)), 0, 0.5);
    }

    /// <summary>The rotation <see cref="SyntheticSeals.Specimen"/> stamped the specimen at (same random stream).</summary>
    private static double SpecimenRotation(SealLayout layout, int seed) =>
        ImpressionConditions.RandomSpecimen(new SynthRandom((ulong)seed).Fork("specimen").Fork("conditions")).RotationDeg;
}
