using SealMatch.Engine.Comparison;
using SealMatch.Engine.Verification;
using SealMatch.Evaluation.Seals;

namespace SealMatch.Evaluation.Tests.Seals;

/// <summary>The accept threshold is chosen over the forgeries that could be accepted at all.</summary>
public class SealCalibrationEvidenceTests
{
    private static readonly ComparisonMeasurements Match = new()
    {
        GainNear = 0.001, GainFar = 0, LossNear = 0.01, LossFar = 0.005, LargestGainMm2 = 0.02, LargestDisplacedLossMm2 = 0.02,
        MaxCellGain = 0.01, MaxLocalShiftMm = 0.08, MedianLocalShiftMm = 0.03, Correlation = 0.95, Coverage = 0.99,
        RegistrationOverlap = 1.0, ScaleDeviation = 0.002, InkTexture = 0.09, InkVariation = 0.1, EdgeSharpnessRatio = 0.9,
        LocalShiftClusterMm = 0.1, HueShiftBlue = 0, HueShiftRed = 0, ImpressionRedToGreen = 0.1,
    };

    private static readonly ComparisonMeasurements Mismatch = Match with
    {
        GainNear = 0.2, GainFar = 0.1, LossNear = 0.3, LossFar = 0.2, LargestGainMm2 = 5, LargestDisplacedLossMm2 = 4, MaxCellGain = 0.6,
        MaxLocalShiftMm = 0.9, Correlation = 0.4,
    };

    [Fact]
    public void AForgeryShowingTooLittleOfTheSealDoesNotRaiseTheAcceptThreshold()
    {
        ScoreModel shipped = ScoreModel.LoadClassical() ?? throw new InvalidOperationException("no classical model");
        var records = new List<ImpressionRecord>();
        for (int i = 0; i < 80; i++)
        {
            records.Add(Record(i, genuine: true, Match with { Correlation = 0.85 + (i * 0.0015), LossNear = 0.03 }));
            records.Add(Record(100 + i, genuine: false, Mismatch with { Correlation = 0.3 + (i * 0.002) }, i % 2 == 0 ? "F1" : "F5"));
        }

        // One re-carved seal whose changed part was covered: it looks as good as the genuine ones over what was seen.
        ComparisonMeasurements hidden = Match with { Coverage = 0.8, Correlation = 0.99, LossNear = 0.001 };
        records.Add(Record(999, genuine: false, hidden, "F1"));
        var run = new SealBenchmarkResult(new SealBenchmarkOptions { Seed = 5, Genuine = 80, Forged = 81 }, records, [], TimeSpan.Zero);

        ScoreModel gated = SealCalibration.Rethreshold(run, shipped, new SealCalibration.CalibrationTargets { MinimumEvidenceToAccept = 0.95 });
        ScoreModel ungated = SealCalibration.Rethreshold(run, shipped);

        double pHidden = shipped.Probability(hidden);
        Assert.True(ungated.AcceptThreshold > pHidden, "without the condition the hidden forgery sets the threshold");
        Assert.True(gated.AcceptThreshold < ungated.AcceptThreshold);
        Assert.Equal(SealDecision.Review, gated.Decide(pHidden, hidden));
        Assert.Equal(0.95, gated.MinimumEvidenceToAccept);
        Assert.Equal(0, ungated.MinimumEvidenceToAccept);
        Assert.Equal(shipped.Weights, gated.Weights);
        Assert.Contains("weights kept", gated.TrainedOn, StringComparison.Ordinal);

        // The genuine impressions it now accepts are the whole ones; no forgery is accepted.
        int accepted = records.Count(r => r.Genuine && gated.Decide(gated.Probability(r.Measurements!), r.Measurements!) == SealDecision.Accept);
        int acceptedBefore = records.Count(r => r.Genuine && ungated.Decide(ungated.Probability(r.Measurements!), r.Measurements!) == SealDecision.Accept);
        Assert.True(accepted > acceptedBefore, $"{accepted} vs {acceptedBefore}");
        Assert.DoesNotContain(records, r => !r.Genuine && gated.Decide(gated.Probability(r.Measurements!), r.Measurements!) == SealDecision.Accept);
    }

    private static ImpressionRecord Record(int slip, bool genuine, ComparisonMeasurements m, string cls = "genuine") => new()
    {
        Slip = slip,
        Slot = 0,
        Genuine = genuine,
        Class = genuine ? "genuine" : cls,
        ExpectedKind = "FinanceSeal",
        Found = true,
        Measurements = m,
        VisibleFraction = 1,
    };
}
