using SealMatch.Evaluation.Metrics;

namespace SealMatch.Evaluation.Tests.Metrics;

public class ErrorRatesTests
{
    [Fact]
    public void ScoreEqualToThresholdIsAccepted()
    {
        double[] scores = [0.2, 0.5, 0.5, 0.8];

        Assert.Equal(0.75, ErrorRates.FalseAcceptRate(scores, 0.5));
        Assert.Equal(0.25, ErrorRates.FalseRejectRate(scores, 0.5));
        Assert.Equal(0.25, ErrorRates.FalseAcceptRate(scores, Math.BitIncrement(0.5)));
        Assert.Equal(0.75, ErrorRates.FalseRejectRate(scores, Math.BitIncrement(0.5)));
    }

    [Fact]
    public void InfiniteThresholdsAcceptOrRejectEverything()
    {
        double[] scores = [0.2, 0.8];

        Assert.Equal(1.0, ErrorRates.FalseAcceptRate(scores, double.NegativeInfinity));
        Assert.Equal(0.0, ErrorRates.FalseAcceptRate(scores, double.PositiveInfinity));
        Assert.Equal(0.0, ErrorRates.FalseRejectRate(scores, double.NegativeInfinity));
        Assert.Equal(1.0, ErrorRates.FalseRejectRate(scores, double.PositiveInfinity));
    }

    [Fact]
    public void EmptyInputThrows()
    {
        Assert.Throws<ArgumentException>(() => ErrorRates.FalseAcceptRate([], 0.5));
        Assert.Throws<ArgumentException>(() => ErrorRates.FalseRejectRate([], 0.5));
    }
}
