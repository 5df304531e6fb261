using SealMatch.Engine.Comparison;
using SealMatch.Engine.Models;
using SealMatch.Engine.Verification;

namespace SealMatch.Engine.Tests.Comparison;

/// <summary>Fusing the pair model's logit into the calibrated score model.</summary>
public class ScoreFusionTests
{
    private static readonly ComparisonMeasurements Measurements = SampleMeasurements.Typical;

    private static ScoreModel Classical => ScoreModel.LoadClassical() ?? throw new InvalidOperationException("The engine ships no classical score model.");

    /// <summary>The classical model with one more input, the pair logit, weighted <paramref name="weight"/> per standard deviation.</summary>
    private static ScoreModel Fused(double weight, string sha = "00ff") => Classical with
    {
        FeatureNames = [.. Classical.FeatureNames, ScoreFeatures.PairLogitName],
        Means = [.. Classical.Means, 1.0],
        Scales = [.. Classical.Scales, 2.0],
        Weights = [.. Classical.Weights, weight],
        PairModelSha256 = sha,
    };

    [Fact]
    public void TheFusedFeatureVectorIsTheClassicalOnePlusTheClippedLogit()
    {
        double[] classical = ScoreFeatures.Compute(Measurements);
        Assert.Equal([.. classical, 3.5], ScoreFeatures.Compute(Measurements, 3.5));
        Assert.Equal(SealPairInput.MaxLogit, ScoreFeatures.Compute(Measurements, 1e6)[^1]);
        Assert.Equal(-SealPairInput.MaxLogit, ScoreFeatures.Compute(Measurements, double.NegativeInfinity)[^1]);
        Assert.Equal(ScoreFeatures.Names.Count + 1, ScoreFeatures.FusedNames.Count);
        Assert.Equal(ScoreFeatures.PairLogitName, ScoreFeatures.FusedNames[^1]);
    }

    [Fact]
    public void TheLogitMovesTheFusedProbabilityByItsWeightAndLeavesTheClassicalOneAlone()
    {
        ScoreModel fused = Fused(weight: 0.8);
        double z0 = Logit(Classical.Probability(Measurements));

        // At the logit's mean the fused model equals the classical; each scale step adds the weight.
        Assert.Equal(z0, Logit(fused.Probability(Measurements, 1.0)), 9);
        Assert.Equal(z0 + 0.8, Logit(fused.Probability(Measurements, 3.0)), 9);
        Assert.Equal(z0 - 0.8, Logit(fused.Probability(Measurements, -1.0)), 9);

        Assert.Equal(Classical.Probability(Measurements), Classical.Probability(Measurements, 5.0));
        Assert.False(Classical.UsesPairLogit);
        Assert.True(fused.UsesPairLogit);
        Assert.Throws<ArgumentException>(() => fused.Probability(Measurements));
    }

    [Fact]
    public void AFusedModelSurvivesTheRoundTripAndMustNameItsPairModel()
    {
        ScoreModel fused = Fused(weight: 0.5, sha: "abc123");
        using var stream = new MemoryStream();
        fused.Save(stream);
        stream.Position = 0;
        ScoreModel loaded = ScoreModel.Load(stream);
        Assert.Equal(fused.FeatureNames, loaded.FeatureNames);
        Assert.Equal("abc123", loaded.PairModelSha256);
        Assert.Equal(fused.Probability(Measurements, 2.0), loaded.Probability(Measurements, 2.0), 12);

        using var anonymous = new MemoryStream();
        (fused with { PairModelSha256 = null }).Save(anonymous);
        anonymous.Position = 0;
        Assert.Throws<InvalidDataException>(() => ScoreModel.Load(anonymous));
    }

    [Fact]
    public void WithoutThePairModelTheEngineRunsTheClassicalModelOnly()
    {
        var engine = new SealEngine(Classical);
        Assert.Null(engine.PairModel);
        Assert.False(engine.Model!.UsesPairLogit);
    }

    [Fact]
    public void TheEngineRefusesAFusedModelWithoutThePairModelItWasFittedWith()
    {
        // No pair model of that hash exists: either none is embedded or the embedded one differs.
        Assert.Throws<InvalidOperationException>(() => new SealEngine(Fused(weight: 0.5, sha: "not-a-real-model")));
    }

    [Fact]
    public void TheShippedFusedModelMatchesTheShippedPairModel()
    {
        ScoreModel? fused = ScoreModel.LoadFused();
        OnnxModel? pair = OnnxModel.Embedded(SealPairInput.ModelName);
        Assert.Equal(fused is null, pair is null);
        if (fused is not null)
        {
            Assert.True(fused.UsesPairLogit);
            Assert.Equal(pair!.Sha256, fused.PairModelSha256);
            Assert.Same(pair, new SealEngine(fused).PairModel);
        }
    }

    [Fact]
    public void TheDefaultModelIsTheOneFusionByDefaultNames()
    {
        ScoreModel? expected = ScoreModel.FusionByDefault ? ScoreModel.LoadFused() : ScoreModel.LoadClassical();
        Assert.Equal(expected?.FeatureNames, ScoreModel.LoadDefault()?.FeatureNames);
    }

    [Fact]
    public void AModelNamesItsInputsAndAnyOfTheEnginesInputsInAnyOrderLoad()
    {
        // A model fitted before an input was added keeps working: it computes only what it names.
        string[] names = [ScoreFeatures.Names[3], ScoreFeatures.Names[0], ScoreFeatures.Names[^1]];
        var subset = new ScoreModel
        {
            EngineVersion = "test",
            FeatureNames = names,
            Means = [0, 0, 0],
            Scales = [1, 1, 1],
            Weights = [1, -2, 0.5],
            Bias = 0.25,
            AcceptThreshold = 0.9,
            RejectThreshold = 0.1,
        };
        ScoreModel loaded = RoundTrip(subset);
        double[] all = ScoreFeatures.Compute(Measurements);
        double z = all[3] - 2 * all[0] + 0.5 * all[^1] + 0.25;
        Assert.Equal(1 / (1 + Math.Exp(-z)), loaded.Probability(Measurements), 12);
        Assert.Equal([all[3], all[0], all[^1]], ScoreFeatures.Compute(names, Measurements, null));
        Assert.False(loaded.UsesPairLogit);

        Assert.Throws<InvalidDataException>(() => RoundTrip(subset with { FeatureNames = [names[0], names[1], "no_such_input"] }));
        Assert.Throws<InvalidDataException>(() => RoundTrip(subset with { FeatureNames = [names[0], names[1], names[0]] }));
        Assert.Throws<InvalidDataException>(() => RoundTrip(subset with { FeatureNames = [ScoreFeatures.PairLogitName, names[1], names[2]], PairModelSha256 = "ab" }));
        Assert.Throws<ArgumentException>(() => ScoreFeatures.Compute(["no_such_input"], Measurements, null));
    }

    private static ScoreModel RoundTrip(ScoreModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return ScoreModel.Load(stream);
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
