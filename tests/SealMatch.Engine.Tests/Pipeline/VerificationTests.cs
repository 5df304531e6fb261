using OpenCvSharp;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Synthesis;

namespace SealMatch.Engine.Tests.Pipeline;

/// <summary>End-to-end behaviour of the calibrated engine on generated impressions (fixed seeds below 2000).</summary>
public class VerificationTests
{
    private static ScoreModel Model => SyntheticSeals.Engine.Model ?? throw new InvalidOperationException("The engine has no embedded score model.");

    [Fact]
    public void TheEngineShipsACalibratedModelForItsOwnFeatures()
    {
        ScoreModel model = Model;
        Assert.Equal(ScoreModel.FusionByDefault ? ScoreFeatures.FusedNames : ScoreFeatures.Names, model.FeatureNames);
        Assert.InRange(model.RejectThreshold, 0, model.AcceptThreshold);
        Assert.InRange(model.AcceptThreshold, 0.5, 1);
    }

    [Theory]
    [InlineData(SealKind.FinanceSeal, 0)]
    [InlineData(SealKind.FinanceSeal, 123)]
    [InlineData(SealKind.CompanySeal, -67)]
    [InlineData(SealKind.LegalRepresentativeNameSeal, 200)]
    public void ARotatedGenuineImpressionScoresHigh(SealKind kind, double rotation)
    {
        SealLayout layout = SyntheticSeals.Account(31).Layout(kind);
        using SealTemplate specimen = SyntheticSeals.Specimen(layout, 4);
        ImpressionConditions conditions = ImpressionConditions.RandomGenuine(new SynthRandom(12)) with { RotationDeg = rotation, Cut = null, InkAmount = 1.0 };
        SealComparison c = SyntheticSeals.Compare(specimen, SyntheticSeals.Impression(layout, conditions, 13));
        Assert.NotNull(c.Probability);
        Assert.InRange(c.Probability!.Value, 0.5, 1);
        Assert.NotEqual(SealDecision.Reject, c.Decision);
    }

    [Theory]
    [InlineData(ForgeryClass.F1ReCarved)]
    [InlineData(ForgeryClass.F2LookAlike)]
    [InlineData(ForgeryClass.F3PrintedCopy)]
    [InlineData(ForgeryClass.F4OtherSealOfCustomer)]
    [InlineData(ForgeryClass.F5Unrelated)]
    public void EachForgeryClassScoresLowerThanItsGenuineTwinOnMostSeeds(ForgeryClass forgery)
    {
        const int Seeds = 8;
        int lower = 0;
        var margins = new List<string>();
        for (int seed = 1; seed <= Seeds; seed++)
        {
            AccountSeals account = SyntheticSeals.Account(200 + seed);
            SealKind kind = seed % 2 == 0 ? SealKind.FinanceSeal : SealKind.LegalRepresentativeNameSeal;
            using SealTemplate specimen = SyntheticSeals.Specimen(account.Layout(kind), seed);
            ForgeryTwin twin = Forger.MakeTwin(account, kind, forgery, new SynthRandom((ulong)seed).Fork("twin"));
            var options = new SingleSealOptions { Background = SingleSealBackground.Printed };
            double genuine = Probability(specimen, SingleSealImage.Render(twin.Genuine, options, new SynthRandom((ulong)seed).Fork("render")));
            double forged = Probability(specimen, SingleSealImage.Render(twin.Forged, options, new SynthRandom((ulong)seed).Fork("render")));
            margins.Add($"{genuine:F3}/{forged:F3}");
            if (forged < genuine)
            {
                lower++;
            }
        }

        Assert.True(lower >= 6, $"{forgery}: forged below genuine twin on {lower} of {Seeds} seeds (genuine/forged: {string.Join(", ", margins)})");
    }

    [Fact]
    public void PrintOverTheSealDoesNotLowerTheScore()
    {
        SealLayout layout = SyntheticSeals.Account(41).Layout(SealKind.FinanceSeal);
        using SealTemplate specimen = SyntheticSeals.Specimen(layout, 5);
        ImpressionConditions conditions = ImpressionConditions.RandomGenuine(new SynthRandom(21)) with { RotationDeg = 30, Cut = null, InkAmount = 1.0 };
        SealImage clean = SyntheticSeals.Impression(layout, conditions, 22, SingleSealBackground.Plain);
        SealComparison before = SyntheticSeals.Compare(specimen, clean);

        // Black print laid across a third of the seal: the seal is unknown there, not different.
        using Mat image = Cv2.ImDecode(clean.Encoded.Span, ImreadModes.Color);
        var g = clean.Truth;
        int r = (int)(g.WidthMm / 2 * g.PixelsPerMm);
        for (int line = 0; line < 6; line++)
        {
            int y = (int)g.CentreY - r / 2 + line * r / 6;
            image.Line(new Point((int)g.CentreX - r, y), new Point((int)g.CentreX + r, y + 8), new Scalar(20, 20, 20), 4);
        }

        using ScanImage printedOver = ScanImage.FromBgr(Pixels(image), image.Cols, image.Rows, clean.Dpi);
        var seals = SyntheticSeals.Engine.FindSeals(printedOver, specimen.Ink);
        SealComparison after = SyntheticSeals.Engine.Compare(specimen, printedOver, seals.MaxBy(s => s.Confidence)!, seals);

        Assert.True(after.Measurements.Coverage < before.Measurements.Coverage - 0.05, "the print should hide part of the seal");
        Assert.InRange(after.Measurements.GainNear, 0, before.Measurements.GainNear + 0.01);
        Assert.InRange(after.Probability!.Value, before.Probability!.Value - 0.1, 1);
    }

    [Fact]
    public void TheDifferencePictureShowsTheInkAForgeryGained()
    {
        AccountSeals account = SyntheticSeals.Account(51);
        using SealTemplate specimen = SyntheticSeals.Specimen(account.Layout(SealKind.CompanySeal), 6);
        ForgeryTwin twin = Forger.MakeTwin(account, SealKind.CompanySeal, ForgeryClass.F5Unrelated, new SynthRandom(7));
        var options = new SingleSealOptions { Background = SingleSealBackground.Plain };
        int genuineRed = RedPixels(SyntheticSeals.Compare(specimen, SingleSealImage.Render(twin.Genuine, options, new SynthRandom(8)), difference: true).DifferencePng!);
        int forgedRed = RedPixels(SyntheticSeals.Compare(specimen, SingleSealImage.Render(twin.Forged, options, new SynthRandom(8)), difference: true).DifferencePng!);
        Assert.True(forgedRed > 5 * Math.Max(genuineRed, 100), $"gained-ink pixels: genuine {genuineRed}, forged {forgedRed}");
    }

    private static double Probability(SealTemplate specimen, SealImage image)
    {
        using ScanImage scan = ScanImage.Load(image.Encoded.Span);
        var seals = SyntheticSeals.Engine.FindSeals(scan, specimen.Ink);

        // A forgery the detector does not even recognise as a seal is as good as rejected.
        return seals.Count == 0 ? 0 : SyntheticSeals.Engine.Compare(specimen, scan, seals.MaxBy(s => s.Confidence)!, seals).Probability ?? 0;
    }

    private static int RedPixels(byte[] png)
    {
        using Mat picture = Cv2.ImDecode(png, ImreadModes.Color);
        picture.GetArray(out Vec3b[] pixels);
        return pixels.Count(p => p.Item2 > 180 && p.Item1 < 80 && p.Item0 < 80);
    }

    private static byte[] Pixels(Mat bgr)
    {
        bgr.GetArray(out Vec3b[] px);
        var bytes = new byte[px.Length * 3];
        for (int i = 0; i < px.Length; i++)
        {
            bytes[3 * i] = px[i].Item0;
            bytes[3 * i + 1] = px[i].Item1;
            bytes[3 * i + 2] = px[i].Item2;
        }

        return bytes;
    }
}
