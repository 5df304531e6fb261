using SealMatch.Evaluation.Metrics;

namespace SealMatch.Evaluation.Tests.Metrics;

public class StatisticsTests
{
    [Fact]
    public void Median_OddAndEvenCounts()
    {
        Assert.Equal(3.0, Statistics.Median([5.0, 1.0, 3.0]));
        Assert.Equal(2.5, Statistics.Median([4.0, 1.0, 3.0, 2.0]));
        Assert.Equal(7.0, Statistics.Median([7.0]));
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(25.0, 1.75)] // rank 0.75 between 1 and 2 (NumPy "linear")
    [InlineData(50.0, 2.5)]
    [InlineData(90.0, 3.7)]
    [InlineData(100.0, 4.0)]
    public void Percentile_InterpolatesLinearlyBetweenOrderStatistics(double p, double expected)
    {
        Assert.Equal(expected, Statistics.Percentile([4.0, 2.0, 1.0, 3.0], p), 12);
    }

    [Fact]
    public void Percentile_RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => Statistics.Percentile([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.Percentile([1.0], 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.Percentile([1.0], -1));
        Assert.Throws<ArgumentException>(() => Statistics.Median([]));
    }

    [Theory]
    [InlineData(0, 2000, 0.0, 0.0019171176005)]
    [InlineData(3, 2000, 0.0005102543487, 0.0044011118991)]
    [InlineData(0, 10, 0.0, 0.2775401687666)]
    [InlineData(1, 10, 0.0178757495157, 0.4041563854976)]
    [InlineData(5, 10, 0.2365895936155, 0.7634104063845)]
    [InlineData(10, 10, 0.7224598312334, 1.0)]
    public void WilsonInterval_MatchesReferenceValues(int successes, int trials, double low, double high)
    {
        (double actualLow, double actualHigh) = Statistics.WilsonInterval(successes, trials);

        Assert.Equal(low, actualLow, 10);
        Assert.Equal(high, actualHigh, 10);
    }

    [Fact]
    public void WilsonInterval_WidensWithZ()
    {
        (double low95, double high95) = Statistics.WilsonInterval(20, 100);
        (double low99, double high99) = Statistics.WilsonInterval(20, 100, z: 2.576);

        Assert.True(low99 < low95 && high99 > high95);
        Assert.True(low95 < 0.2 && high95 > 0.2);
    }

    [Fact]
    public void WilsonInterval_RejectsBadCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.WilsonInterval(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.WilsonInterval(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.WilsonInterval(11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.WilsonInterval(1, 10, z: 0));
    }
}
