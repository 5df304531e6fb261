using SealMatch.Evaluation.Metrics;

namespace SealMatch.Evaluation.Tests.Metrics;

public class RocTests
{
    [Fact]
    public void Compute_HandWorkedExampleWithTies()
    {
        double[] genuine = [0.9, 0.5, 0.5];
        double[] impostor = [0.5, 0.1];

        IReadOnlyList<RocPoint> roc = Roc.Compute(genuine, impostor);

        RocPoint[] expected =
        [
            new(0.1, 1.0, 0.0),
            new(0.5, 0.5, 0.0), // the tied genuine and impostor 0.5 are all accepted
            new(0.9, 0.0, 2.0 / 3.0),
            new(Math.BitIncrement(0.9), 0.0, 1.0),
        ];
        Assert.Equal(expected, roc);
    }

    [Fact]
    public void Compute_StartsAcceptingAllAndEndsRejectingAll()
    {
        double[] genuine = TestData.CoarseScores(1, 500, 40);
        double[] impostor = TestData.CoarseScores(2, 700, 25);

        IReadOnlyList<RocPoint> roc = Roc.Compute(genuine, impostor);

        Assert.Equal(1.0, roc[0].FalseAcceptRate);
        Assert.Equal(0.0, roc[0].FalseRejectRate);
        Assert.Equal(0.0, roc[^1].FalseAcceptRate);
        Assert.Equal(1.0, roc[^1].FalseRejectRate);
        int distinct = genuine.Concat(impostor).Distinct().Count();
        Assert.Equal(distinct + 1, roc.Count);
        for (int i = 1; i < roc.Count; i++)
        {
            Assert.True(roc[i].Threshold > roc[i - 1].Threshold);
            Assert.True(roc[i].FalseAcceptRate <= roc[i - 1].FalseAcceptRate);
            Assert.True(roc[i].FalseRejectRate >= roc[i - 1].FalseRejectRate);
        }
    }

    [Fact]
    public void Compute_EveryPointMatchesErrorRatesAtItsThreshold()
    {
        double[] genuine = TestData.CoarseScores(3, 300, 30);
        double[] impostor = TestData.CoarseScores(4, 400, 30);

        foreach (RocPoint point in Roc.Compute(genuine, impostor))
        {
            Assert.Equal(ErrorRates.FalseAcceptRate(impostor, point.Threshold), point.FalseAcceptRate);
            Assert.Equal(ErrorRates.FalseRejectRate(genuine, point.Threshold), point.FalseRejectRate);
        }
    }

    [Fact]
    public void Compute_DoesNotReorderTheCallersLists()
    {
        double[] genuine = [0.9, 0.2, 0.5];
        double[] impostor = [0.4, 0.1];

        Roc.Compute(genuine, impostor);

        Assert.Equal([0.9, 0.2, 0.5], genuine);
        Assert.Equal([0.4, 0.1], impostor);
    }

    [Fact]
    public void EqualErrorRate_HandWorkedInterpolation()
    {
        // ROC: (FAR, FRR) = (1, 0), (1/2, 0), (0, 2/3), (0, 1). FAR − FRR turns negative between the
        // 2nd and 3rd point; the segment from (1/2, 0) to (0, 2/3) meets FAR = FRR at 2/7.
        double eer = Roc.EqualErrorRate([0.9, 0.5, 0.5], [0.5, 0.1]);

        Assert.Equal(2.0 / 7.0, eer, 12);
    }

    [Fact]
    public void EqualErrorRate_ExactCrossingIsReturnedAsIs()
    {
        // At threshold 0.5: FAR = 1/2 (0.6 accepted), FRR = 1/2 (0.4 rejected).
        double eer = Roc.EqualErrorRate([0.4, 0.8], [0.1, 0.6]);

        Assert.Equal(0.5, eer);
    }

    [Fact]
    public void EqualErrorRate_PerfectSeparationIsZero()
    {
        Assert.Equal(0.0, Roc.EqualErrorRate([0.7, 0.8, 0.9], [0.1, 0.2, 0.3, 0.69]));
    }

    [Fact]
    public void EqualErrorRate_PerfectlyWrongOrderingIsOne()
    {
        Assert.Equal(1.0, Roc.EqualErrorRate([0.1, 0.2], [0.8, 0.9]));
    }

    [Fact]
    public void EqualErrorRate_AllScoresTiedIsOneHalf()
    {
        Assert.Equal(0.5, Roc.EqualErrorRate([0.5, 0.5, 0.5], [0.5, 0.5]), 12);
    }

    [Fact]
    public void EqualErrorRate_IdenticalDistributionsIsAboutOneHalf()
    {
        double[] genuine = TestData.Gaussians(11, 20_000);
        double[] impostor = TestData.Gaussians(12, 20_000);

        Assert.InRange(Roc.EqualErrorRate(genuine, impostor), 0.49, 0.51);
    }

    [Fact]
    public void EqualErrorRate_MatchesTheNormalModel()
    {
        // Genuine ~ N(2, 1), impostor ~ N(0, 1): FAR = FRR at the midpoint 1, so EER = Φ(−1).
        double[] genuine = TestData.Gaussians(21, 20_000, mean: 2.0);
        double[] impostor = TestData.Gaussians(22, 20_000);

        Assert.InRange(Roc.EqualErrorRate(genuine, impostor), 0.158655 - 0.01, 0.158655 + 0.01);
    }

    [Fact]
    public void RejectsEmptyAndNonFiniteInput()
    {
        Assert.Throws<ArgumentException>(() => Roc.Compute([], [0.1]));
        Assert.Throws<ArgumentException>(() => Roc.Compute([0.1], []));
        Assert.Throws<ArgumentException>(() => Roc.EqualErrorRate([], [0.1]));
        Assert.Throws<ArgumentException>(() => Roc.EqualErrorRate([0.1], []));
        Assert.Throws<ArgumentException>(() => Roc.Compute([double.NaN], [0.1]));
        Assert.Throws<ArgumentException>(() => Roc.Compute([0.2], [double.PositiveInfinity]));
    }
}
