using System.Text;
using System.Text.Json;
using SealMatch.Engine.Comparison;
using SealMatch.Evaluation.Seals;

namespace SealMatch.Evaluation.Tests.Seals;

/// <summary>The training export of registered pairs, and the classical-versus-fused comparison of the report.</summary>
public sealed class SealPairExportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sealmatch-pair-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void PairsAndLabelsAreWrittenInTheSameOrderAndOnlyForComparedImpressions()
    {
        SealBenchmarkResult run = Run(
            Record(0, 0, genuine: true, fill: 11),
            Record(0, 1, genuine: false, fill: 22, cls: "F1", side: 64, change: "rotate"),
            Record(1, 0, genuine: true, fill: null),
            Record(1, 1, genuine: false, fill: 33, cls: "F3"));

        SealPairExport.Summary summary = SealPairExport.Write(run, _folder, ScoreModel.LoadClassical());

        Assert.Equal(new SealPairExport.Summary(3, 1, 1), summary);

        // Pairs of different sides follow each other; labels.csv gives each one's side and offset.
        byte[] data = File.ReadAllBytes(Path.Combine(_folder, "pairs.bin"));
        int small = SealPairInput.Channels * 32 * 32, large = SealPairInput.Channels * 64 * 64;
        Assert.Equal(small + large + small, data.Length);
        Assert.All(data.AsSpan(0, small).ToArray(), b => Assert.Equal(11, b));
        Assert.All(data.AsSpan(small, large).ToArray(), b => Assert.Equal(22, b));
        Assert.All(data.AsSpan(small + large).ToArray(), b => Assert.Equal(33, b));

        string[] lines = File.ReadAllLines(Path.Combine(_folder, "labels.csv"));
        Assert.Equal(4, lines.Length);
        string[] header = lines[0].Split(',');
        Assert.Equal(["index", "seed", "slip", "slot", "genuine", "class"], header[..6]);
        Assert.Equal(["0", "77", "0", "0", "1", "genuine"], lines[1].Split(',')[..6]);
        Assert.Equal(["1", "77", "0", "1", "0", "F1"], lines[2].Split(',')[..6]);
        Assert.Equal(["2", "77", "1", "1", "0", "F3"], lines[3].Split(',')[..6]);
        int side = Array.IndexOf(header, "side"), offset = Array.IndexOf(header, "offset");
        Assert.Equal(["32", "64", "32"], lines[1..].Select(l => l.Split(',')[side]));
        Assert.Equal(["0", small.ToString(System.Globalization.CultureInfo.InvariantCulture), (small + large).ToString(System.Globalization.CultureInfo.InvariantCulture)], lines[1..].Select(l => l.Split(',')[offset]));
        Assert.Equal("primary_change", header[^1]);
        Assert.Equal(["", "rotate", ""], lines[1..].Select(l => l.Split(',')[^1]));
        int probability = Array.IndexOf(header, "classical_probability");
        Assert.InRange(double.Parse(lines[1].Split(',')[probability], System.Globalization.CultureInfo.InvariantCulture), 0, 1);

        using JsonDocument meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "export.json")));
        Assert.Equal(3, meta.RootElement.GetProperty("pairs").GetInt32());
        Assert.Equal(1, meta.RootElement.GetProperty("slot_impressions_without_pair").GetInt32());
        Assert.Equal(SealPairInput.Version, meta.RootElement.GetProperty("input_version").GetInt32());
    }

    [Fact]
    public void TheComparisonScoresTheSameImpressionsUnderEachModel()
    {
        // The pair logit separates perfectly; the measurements are the same for every impression.
        var records = new List<ImpressionRecord>();
        for (int i = 0; i < 60; i++)
        {
            string cls = i % 2 == 0 ? "genuine" : "F" + (1 + (i / 2 % 5));
            records.Add(Record(i, 0, cls == "genuine", fill: null, cls: cls, measured: true, logit: cls == "genuine" ? 6 : -6));
        }

        ScoreModel classical = ScoreModel.LoadClassical()!;
        ScoreModel fused = classical with
        {
            FeatureNames = [.. classical.FeatureNames, ScoreFeatures.PairLogitName],
            Means = [.. classical.Means, 0.0],
            Scales = [.. classical.Scales, 1.0],
            Weights = [.. classical.Weights, 20.0],
            Bias = 0,
            AcceptThreshold = 0.5,
            RejectThreshold = 0.01,
            PairModelSha256 = "feed",
        };

        IReadOnlyList<SealEvaluationReport.ModelFigures> figures = SealEvaluationReport.CompareModels(Run([.. records]), [("classical", classical), ("fused", fused)]);

        Assert.Equal(["classical", "fused"], figures.Select(f => f.Model));
        Assert.False(figures[0].UsesPairLogit);
        Assert.True(figures[1].UsesPairLogit);
        Assert.Equal("feed", figures[1].PairModelSha256);

        // Identical measurements: the classical model cannot tell them apart; the fused one can.
        Assert.Equal(0.5, figures[0].Eer, 6);
        Assert.Equal(0, figures[1].Eer);
        Assert.All(figures[1].EerByClass.Values, e => Assert.Equal(0, e));
        Assert.Equal(1, figures[1].GenuineAutoAcceptRate);
        Assert.Equal(0, figures[1].FarAtAccept);
    }

    [Fact]
    public void ReCarvedForgeriesAreAlsoReportedByTheirDeliberateChange()
    {
        // Under the fused model below, shifted characters are caught (logit −6) and ring-size changes
        // look genuine (logit +6, like the genuine impressions).
        var records = new List<ImpressionRecord>();
        for (int i = 0; i < 40; i++)
        {
            records.Add(Record(i, 0, genuine: true, fill: null, measured: true, logit: 6));
            string change = i % 2 == 0 ? "shift" : "ring-size";
            records.Add(Record(i, 1, genuine: false, fill: null, cls: "F1", measured: true, logit: change == "shift" ? -6 : 6) with { PrimaryChange = change });
        }

        records.Add(Record(40, 0, genuine: false, fill: null, cls: "F3", measured: true, logit: -6));
        ScoreModel classical = ScoreModel.LoadClassical()!;
        ScoreModel fused = classical with
        {
            FeatureNames = [.. classical.FeatureNames, ScoreFeatures.PairLogitName],
            Means = [.. classical.Means, 0.0],
            Scales = [.. classical.Scales, 1.0],
            Weights = [.. Enumerable.Repeat(0.0, classical.Weights.Count), 20.0],
            Bias = 0,
            AcceptThreshold = 0.5,
            RejectThreshold = 0.01,
            PairModelSha256 = "feed",
        };

        SealEvaluationReport.Figures f = SealEvaluationReport.Compute(Run([.. records]), fused);

        Assert.Equal(["shift", "ring-size"], f.ReCarvedByChange.Keys);
        Assert.Equal(20, f.ReCarvedByChange["shift"].Count);
        Assert.Equal(0, f.ReCarvedByChange["shift"].Eer);
        Assert.Equal(0, f.ReCarvedByChange["shift"].Accepted);
        Assert.Equal(1, f.ReCarvedByChange["ring-size"].Accepted);
        Assert.InRange(f.ReCarvedByChange["ring-size"].Eer, 0.4, 1.0);
    }

    [Fact]
    public void AFusedCalibrationNeedsAPairLogitForEveryImpression()
    {
        var records = new List<ImpressionRecord>();
        for (int i = 0; i < 120; i++)
        {
            records.Add(Record(i, 0, i % 2 == 0, fill: null, cls: i % 2 == 0 ? "genuine" : "F1", measured: true, logit: i == 7 ? null : 0.0));
        }

        Assert.Throws<InvalidOperationException>(() => SealCalibration.Fit(Run([.. records]), pairModelSha256: "feed"));
    }

    private static SealBenchmarkResult Run(params ImpressionRecord[] records) =>
        new(new SealBenchmarkOptions { Seed = 77, Genuine = 1, Forged = 1 }, records, [], TimeSpan.Zero);

    private static ImpressionRecord Record(int slip, int slot, bool genuine, byte? fill, string cls = "genuine", bool measured = false, double? logit = null, int side = 32, string? change = null) => new()
    {
        Slip = slip,
        Slot = slot,
        Genuine = genuine,
        Class = genuine ? "genuine" : cls,
        ExpectedKind = "FinanceSeal",
        Found = fill is not null || measured,
        Measurements = fill is not null || measured ? Measurements : null,
        VisibleFraction = 1,
        PairInput = fill is byte b ? new SealPairInput.Pair(Enumerable.Repeat(b, SealPairInput.Channels * side * side).ToArray(), side) : null,
        PairLogit = logit,
        PrimaryChange = change,
    };

    private static readonly ComparisonMeasurements Measurements = new()
    {
        GainNear = 0.01, GainFar = 0.002, LossNear = 0.05, LossFar = 0.02, LargestGainMm2 = 0.1, LargestDisplacedLossMm2 = 0.05,
        MaxCellGain = 0.08, MaxLocalShiftMm = 0.12, MedianLocalShiftMm = 0.04, Correlation = 0.9, Coverage = 0.95,
        RegistrationOverlap = 0.9, ScaleDeviation = 0.004, InkTexture = 0.07, InkVariation = 0.1, EdgeSharpnessRatio = 0.9,
        LocalShiftClusterMm = 0.2, HueShiftBlue = 0, HueShiftRed = 0, ImpressionRedToGreen = 0.1,
    };
}
