using SealMatch.Evaluation.Calibration;

namespace SealMatch.Evaluation.Tests.Calibration;

public class LogisticRegressionTests
{
    private static readonly LogisticRegressionOptions Defaults = new();

    [Fact]
    public void RecoversKnownCoefficientsFromALogisticModel()
    {
        // logit = −0.5 + 1.5·x0 − 0.8·x1 + 0.3·x2 with features on different scales and offsets.
        double[] trueWeights = [1.5, -0.8, 0.3];
        const double TrueBias = -0.5;
        var random = new Random(2024);
        var features = new List<double[]>();
        var labels = new List<bool>();
        for (int i = 0; i < 20_000; i++)
        {
            double[] x = [TestData.Gaussian(random), TestData.Gaussian(random, 3.0, 2.0), (random.NextDouble() - 0.5) * 10.0];
            double logit = TrueBias + (trueWeights[0] * x[0]) + (trueWeights[1] * x[1]) + (trueWeights[2] * x[2]);
            features.Add(x);
            labels.Add(random.NextDouble() < 1.0 / (1.0 + Math.Exp(-logit)));
        }

        LogisticModel model = LogisticRegression.Fit(features, labels, Defaults);

        Assert.True(model.Converged);
        (double[] weights, double bias) = RawCoefficients(model);
        Assert.Equal(trueWeights[0], weights[0], 0.08);
        Assert.Equal(trueWeights[1], weights[1], 0.05);
        Assert.Equal(trueWeights[2], weights[2], 0.03);
        Assert.Equal(TrueBias, bias, 0.15);
    }

    [Fact]
    public void SeparableDataConvergesToFiniteWeights()
    {
        var features = new List<double[]>();
        var labels = new List<bool>();
        for (int i = 0; i < 1000; i++)
        {
            double x = (i - 499.5) / 100.0; // ±0.005 … ±4.995, never 0
            features.Add([x, i % 7]);
            labels.Add(x > 0);
        }

        LogisticModel model = LogisticRegression.Fit(features, labels, Defaults);

        Assert.True(model.Converged);
        Assert.All(model.Weights, w => Assert.True(double.IsFinite(w)));
        Assert.True(model.Weights[0] > 5.0, "The separating feature should get a large weight.");
        Assert.True(model.Weights[0] < 1e4, "L2 should keep the weight bounded.");
        Assert.True(model.PredictProbability([1.0, 3.0]) > 0.99);
        Assert.True(model.PredictProbability([-1.0, 3.0]) < 0.01);

        LogisticModel stronger = LogisticRegression.Fit(features, labels, new LogisticRegressionOptions { L2 = 10.0 });
        Assert.True(stronger.Weights[0] < model.Weights[0]);
    }

    [Fact]
    public void FitIsDeterministic()
    {
        (List<double[]> features, List<bool> labels) = NoisyProblem(7, 2000);

        LogisticModel first = LogisticRegression.Fit(features, labels, Defaults);
        LogisticModel second = LogisticRegression.Fit(features, labels, Defaults);

        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Bias, second.Bias);
    }

    [Fact]
    public void IntegerSampleWeightsEqualDuplicatedSamples()
    {
        (List<double[]> features, List<bool> labels) = NoisyProblem(8, 500);
        var weights = features.Select((_, i) => i % 3 == 0 ? 2.0 : 1.0).ToList();
        var duplicatedFeatures = new List<double[]>(features);
        var duplicatedLabels = new List<bool>(labels);
        for (int i = 0; i < features.Count; i += 3)
        {
            duplicatedFeatures.Add(features[i]);
            duplicatedLabels.Add(labels[i]);
        }

        // Standardisation is unweighted, so compare predictions (which do not depend on it) rather than weights.
        LogisticModel weighted = LogisticRegression.Fit(features, labels, new LogisticRegressionOptions { SampleWeights = weights, L2 = 0.0 });
        LogisticModel duplicated = LogisticRegression.Fit(duplicatedFeatures, duplicatedLabels, new LogisticRegressionOptions { L2 = 0.0 });

        foreach (double[] x in features.Take(50))
        {
            Assert.Equal(duplicated.PredictLogit(x), weighted.PredictLogit(x), 6);
        }
    }

    [Fact]
    public void ClassBalancingGivesBothClassesEqualWeight()
    {
        // An uninformative feature and 10 % positives: the fitted probability is the weighted base rate.
        var random = new Random(9);
        var features = new List<double[]>();
        var labels = new List<bool>();
        for (int i = 0; i < 5000; i++)
        {
            features.Add([random.NextDouble()]);
            labels.Add(i % 10 == 0);
        }

        LogisticModel plain = LogisticRegression.Fit(features, labels, Defaults);
        LogisticModel balanced = LogisticRegression.Fit(features, labels, new LogisticRegressionOptions { BalanceClasses = true });

        Assert.Equal(0.1, plain.PredictProbability([0.5]), 0.02);
        Assert.Equal(0.5, balanced.PredictProbability([0.5]), 0.03);
    }

    [Fact]
    public void ConstantFeatureGetsZeroWeight()
    {
        (List<double[]> features, List<bool> labels) = NoisyProblem(10, 1000);
        List<double[]> withConstant = features.Select(x => new[] { x[0], 4.2 }).ToList();

        LogisticModel model = LogisticRegression.Fit(withConstant, labels, Defaults);

        Assert.True(model.Converged);
        Assert.Equal(0.0, model.Weights[1]);
        Assert.Equal(model.PredictLogit([0.3, 4.2]), model.PredictLogit([0.3, 1e6]));
        Assert.True(model.Weights[0] > 0.5);
    }

    [Fact]
    public void PredictionsUseTheStandardisedModel()
    {
        var model = new LogisticModel(means: [1.0, -2.0], scales: [2.0, 0.5], weights: [0.6, -1.2], bias: 0.3);

        double expected = 0.3 + (0.6 * ((3.0 - 1.0) / 2.0)) + (-1.2 * ((-1.0 + 2.0) / 0.5));
        Assert.Equal(expected, model.PredictLogit([3.0, -1.0]), 12);
        Assert.Equal(1.0 / (1.0 + Math.Exp(-expected)), model.PredictProbability([3.0, -1.0]), 12);
        Assert.Throws<ArgumentException>(() => model.PredictLogit([1.0]));
        Assert.Equal(0.0, new LogisticModel([0.0], [1.0], [1.0], 0.0).PredictProbability([-800.0]), 12);
        Assert.Equal(1.0, new LogisticModel([0.0], [1.0], [1.0], 0.0).PredictProbability([800.0]), 12);
    }

    [Fact]
    public void RejectsInputsWithoutAFiniteOptimumOrOfTheWrongShape()
    {
        double[][] features = [[0.1], [0.2], [0.3]];

        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(features, [true, true, true], Defaults));
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(features, [true, false], Defaults));
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit([[0.1], [0.2, 0.3]], [true, false], Defaults));
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit([[double.NaN], [0.2]], [true, false], Defaults));
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(features, [true, false, true], new LogisticRegressionOptions { SampleWeights = [1.0, -1.0, 1.0] }));
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(features, [true, false, true], new LogisticRegressionOptions { SampleWeights = [1.0, 0.0, 1.0] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticRegression.Fit(features, [true, false, true], new LogisticRegressionOptions { L2 = -1.0 }));
    }

    [Fact]
    public void CholeskySolverSolvesASymmetricPositiveDefiniteSystem()
    {
        double[] a = [4, 12, -16, 12, 37, -43, -16, -43, 98];
        double[] x = [1.0, -2.0, 0.5];
        double[] b = [(4 * 1.0) + (12 * -2.0) + (-16 * 0.5), (12 * 1.0) + (37 * -2.0) + (-43 * 0.5), (-16 * 1.0) + (-43 * -2.0) + (98 * 0.5)];
        var solution = new double[3];

        Assert.True(CholeskySolver.TrySolve(a, 3, b, solution));
        Assert.Equal(x[0], solution[0], 10);
        Assert.Equal(x[1], solution[1], 10);
        Assert.Equal(x[2], solution[2], 10);
        Assert.False(CholeskySolver.TrySolve([1, 2, 2, 1], 2, [1.0, 1.0], new double[2]));
    }

    /// <summary>Coefficients of the model on the raw (unstandardised) features.</summary>
    private static (double[] Weights, double Bias) RawCoefficients(LogisticModel model)
    {
        var weights = new double[model.FeatureCount];
        double bias = model.Bias;
        for (int j = 0; j < weights.Length; j++)
        {
            weights[j] = model.Weights[j] / model.Scales[j];
            bias -= weights[j] * model.Means[j];
        }

        return (weights, bias);
    }

    private static (List<double[]> Features, List<bool> Labels) NoisyProblem(int seed, int count)
    {
        var random = new Random(seed);
        var features = new List<double[]>();
        var labels = new List<bool>();
        for (int i = 0; i < count; i++)
        {
            double[] x = [TestData.Gaussian(random), TestData.Gaussian(random)];
            features.Add(x);
            labels.Add(random.NextDouble() < 1.0 / (1.0 + Math.Exp(-(x[0] - (0.5 * x[1])))));
        }

        return (features, labels);
    }
}
