using SealMatch.Evaluation.Metrics;

namespace SealMatch.Evaluation.Tests.Metrics;

public class ThresholdsTests
{
    private static readonly double[] Four = [0.3, 0.1, 0.4, 0.2];

    [Theory]
    [InlineData(0.0, 0.4)] // nothing may be accepted: just above the largest impostor
    [InlineData(0.2, 0.4)] // 0.2 · 4 = 0.8 impostors: still none
    [InlineData(0.25, 0.3)]
    [InlineData(0.3, 0.3)]
    [InlineData(0.5, 0.2)]
    [InlineData(0.75, 0.1)]
    public void ForMaximumFalseAcceptRate_IsJustAboveTheLastImpostorThatMustBeRejected(double maxFar, double rejectedScore)
    {
        double threshold = Thresholds.ForMaximumFalseAcceptRate(Four, maxFar);

        Assert.Equal(Math.BitIncrement(rejectedScore), threshold);
    }

    [Fact]
    public void ForMaximumFalseAcceptRate_OneAcceptsEverything()
    {
        Assert.Equal(double.NegativeInfinity, Thresholds.ForMaximumFalseAcceptRate(Four, 1.0));
    }

    [Fact]
    public void ForMaximumFalseAcceptRate_AllTiedImpostorsAreRejectedTogether()
    {
        double[] tied = [0.5, 0.5, 0.5, 0.5];

        double threshold = Thresholds.ForMaximumFalseAcceptRate(tied, 0.5);

        Assert.Equal(Math.BitIncrement(0.5), threshold);
        Assert.Equal(0.0, ErrorRates.FalseAcceptRate(tied, threshold));
    }

    [Fact]
    public void ForMaximumFalseAcceptRate_TargetThatIsExactlyReachableIsReached()
    {
        // 0.29 · 100 rounds to 28.999…; the count must still be 29.
        double[] impostor = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();

        double threshold = Thresholds.ForMaximumFalseAcceptRate(impostor, 0.29);

        Assert.Equal(0.29, ErrorRates.FalseAcceptRate(impostor, threshold));
    }

    [Fact]
    public void ForMaximumFalseAcceptRate_IsTheSmallestQualifyingThreshold()
    {
        double[] impostor = TestData.CoarseScores(31, 997, 50);
        for (double maxFar = 0.0; maxFar < 1.0; maxFar += 0.013)
        {
            double threshold = Thresholds.ForMaximumFalseAcceptRate(impostor, maxFar);

            Assert.True(ErrorRates.FalseAcceptRate(impostor, threshold) <= maxFar);
            Assert.True(ErrorRates.FalseAcceptRate(impostor, Math.BitDecrement(threshold)) > maxFar);
        }
    }

    [Theory]
    [InlineData(0.0, 0.1)] // nobody may be rejected: the smallest genuine score
    [InlineData(0.2, 0.1)]
    [InlineData(0.25, 0.2)]
    [InlineData(0.5, 0.3)]
    [InlineData(0.75, 0.4)]
    public void ForMaximumFalseRejectRate_IsTheFirstGenuineScoreThatMustBeAccepted(double maxFrr, double expected)
    {
        Assert.Equal(expected, Thresholds.ForMaximumFalseRejectRate(Four, maxFrr));
    }

    [Fact]
    public void ForMaximumFalseRejectRate_OneRejectsEverything()
    {
        Assert.Equal(double.PositiveInfinity, Thresholds.ForMaximumFalseRejectRate(Four, 1.0));
    }

    [Fact]
    public void ForMaximumFalseRejectRate_AllTiedGenuineScoresAreAcceptedTogether()
    {
        double[] tied = [0.5, 0.5, 0.5, 0.5];

        double threshold = Thresholds.ForMaximumFalseRejectRate(tied, 0.5);

        Assert.Equal(0.5, threshold);
        Assert.Equal(0.0, ErrorRates.FalseRejectRate(tied, threshold));
        Assert.Equal(1.0, ErrorRates.FalseRejectRate(tied, Math.BitIncrement(threshold)));
    }

    [Fact]
    public void ForMaximumFalseRejectRate_IsTheLargestQualifyingThreshold()
    {
        double[] genuine = TestData.CoarseScores(32, 1003, 50);
        for (double maxFrr = 0.0; maxFrr < 1.0; maxFrr += 0.013)
        {
            double threshold = Thresholds.ForMaximumFalseRejectRate(genuine, maxFrr);

            Assert.True(ErrorRates.FalseRejectRate(genuine, threshold) <= maxFrr);
            Assert.True(ErrorRates.FalseRejectRate(genuine, Math.BitIncrement(threshold)) > maxFrr);
        }
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void TargetsOutsideTheUnitIntervalThrow(double target)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.ForMaximumFalseAcceptRate(Four, target));
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholds.ForMaximumFalseRejectRate(Four, target));
    }

    [Fact]
    public void EmptyInputThrows()
    {
        Assert.Throws<ArgumentException>(() => Thresholds.ForMaximumFalseAcceptRate([], 0.1));
        Assert.Throws<ArgumentException>(() => Thresholds.ForMaximumFalseRejectRate([], 0.1));
    }
}
