using SealMatch.Engine.Signatures;

namespace SealMatch.Engine.Tests.Signatures;

public sealed class SignatureDecisionTests
{
    /// <summary>A model that trusts small distances: weights negative on every distance.</summary>
    private static SignatureScoreModel Model() => new()
    {
        EmbeddingModelSha256 = new string('a', 64),
        FeatureNames = SignatureFeatures.Names,
        Means = [0.4, 0.3, 1.0, 0.8],
        Scales = [0.1, 0.1, 0.3, 0.3],
        Weights = [-1.0, -0.5, -1.5, -0.5],
        Bias = 0,
        PriorSpread = 0.4,
        AcceptThreshold = 0.9,
        RejectThreshold = 0.2,
    };

    private static float[] Unit(params float[] v)
    {
        float n = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / n)];
    }

    [Fact]
    public void The_probability_falls_as_the_questioned_signature_moves_away_from_the_references()
    {
        SignatureScoreModel model = Model();
        List<float[]> references = [Unit(1, 0.1f, 0), Unit(1, -0.1f, 0), Unit(1, 0, 0.1f)];
        double previous = double.MaxValue;
        for (double angle = 0; angle < Math.PI; angle += 0.1)
        {
            float[] q = Unit((float)Math.Cos(angle), 0, -(float)Math.Sin(angle)); // away from every reference
            double p = model.Probability(SignatureDistances.Measure(q, references, model.PriorSpread));
            Assert.True(p <= previous + 1e-12, $"p rose to {p} at {angle:F1} rad");
            previous = p;
        }

        Assert.Equal(SignatureDecision.Accept, model.Decide(model.Probability(SignatureDistances.Measure(Unit(1, 0, 0), references, 0.4))));
        Assert.Equal(SignatureDecision.Reject, model.Decide(model.Probability(SignatureDistances.Measure(Unit(-1, 0, 0), references, 0.4))));
    }

    [Fact]
    public void The_same_distance_counts_for_less_when_the_references_vary_more()
    {
        SignatureScoreModel model = Model();
        float[] q = Unit(1, 0, 0.5f);
        List<float[]> tight = [Unit(1, 0.05f, 0), Unit(1, -0.05f, 0)];
        List<float[]> loose = [Unit(1, 0.6f, 0), Unit(1, -0.6f, 0)];
        SignatureDistances dTight = SignatureDistances.Measure(q, tight, model.PriorSpread);
        SignatureDistances dLoose = SignatureDistances.Measure(q, loose, model.PriorSpread);

        Assert.True(dLoose.Spread > dTight.Spread);
        Assert.True(dLoose.RelativeMean < dTight.RelativeMean);
    }

    [Fact]
    public void One_reference_falls_back_to_the_prior_spread()
    {
        SignatureDistances d = SignatureDistances.Measure(Unit(1, 0.2f), [Unit(1, 0)], priorSpread: 0.37);

        Assert.Equal(1, d.References);
        Assert.Equal(0.37, d.Spread, 12);
        Assert.Equal(d.Mean, d.Nearest, 12);
        double p = Model().Probability(d);
        Assert.InRange(p, 0, 1);
    }

    [Fact]
    public void No_references_or_mismatched_dimensions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SignatureDistances.Measure(Unit(1, 0), [], 0.4));
        Assert.Throws<ArgumentException>(() => SignatureDistances.Measure(Unit(1, 0), [Unit(1, 0, 0)], 0.4));
    }

    [Fact]
    public void A_model_round_trips_through_json_and_a_foreign_one_is_refused()
    {
        SignatureScoreModel model = Model();
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        SignatureScoreModel back = SignatureScoreModel.Load(stream);
        Assert.Equal(model.Weights, back.Weights);
        Assert.Equal(model.PriorSpread, back.PriorSpread);

        using var foreign = new MemoryStream("""{"embedding_model_sha256":"x","feature_names":["a"],"means":[0],"scales":[1],"weights":[1],"bias":0,"prior_spread":0.4,"accept_threshold":0.9,"reject_threshold":0.1}"""u8.ToArray());
        Assert.Throws<InvalidDataException>(() => SignatureScoreModel.Load(foreign));
    }
}
