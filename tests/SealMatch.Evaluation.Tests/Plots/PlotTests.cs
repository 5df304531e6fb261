using SealMatch.Evaluation.Metrics;
using SealMatch.Evaluation.Plots;
using SkiaSharp;

namespace SealMatch.Evaluation.Tests.Plots;

public class PlotTests
{
    private static readonly SKColor Teal = new(0x00, 0x80, 0x80);

    // A straight, asymmetric segment (so swapped axes would miss it), away from the legends and the axes.
    private static readonly RocPoint[] Segment = [new(0.2, 0.3, 0.02), new(0.8, 0.02, 0.15)];

    [Fact]
    public void DetPlot_DrawsTheCurveWhereTheAxisMappingPutsIt()
    {
        string path = PlotAssertions.TempPng("det.png");

        DetPlot.Render(path, "DET test", [new CurveSeries("overall", Segment, Teal)], [new OperatingPoint("EER", 0.01, 0.01)]);

        using SKBitmap bitmap = PlotAssertions.DecodeAndCheck(path, 1400, 1000);
        PlotPanel panel = DetPlot.CreatePanel(new SKRect(0, 0, 1400, 1000));
        AssertOnSegment(bitmap, panel.Map(0.3, 0.02), panel.Map(0.02, 0.15), Teal);
    }

    [Fact]
    public void DetPlot_UsesThePaletteWhenNoColourIsGiven()
    {
        string path = PlotAssertions.TempPng("det-palette.png");

        DetPlot.Render(path, "DET palette", [new CurveSeries("overall", Segment)], []);

        using SKBitmap bitmap = PlotAssertions.DecodeAndCheck(path, 1400, 1000);
        PlotPanel panel = DetPlot.CreatePanel(new SKRect(0, 0, 1400, 1000));
        AssertOnSegment(bitmap, panel.Map(0.3, 0.02), panel.Map(0.02, 0.15), PlotStyle.ForSeries(0, null).Colour);
    }

    [Fact]
    public void DetPlot_NotesClampingOnlyWhenARateIsBelowTheAxis()
    {
        string withoutZeros = PlotAssertions.TempPng("det-no-zero.png");
        string withZeros = PlotAssertions.TempPng("det-zero.png");

        DetPlot.Render(withoutZeros, "no clamping", [new CurveSeries("overall", Segment)], []);
        DetPlot.Render(withZeros, "clamping", [new CurveSeries("overall", [new RocPoint(0.1, 0.3, 0.0), new RocPoint(0.9, 0.0, 0.2)])], []);

        SKRect note = DetPlot.CreatePanel(new SKRect(0, 0, 1400, 1000)).NoteArea;
        using SKBitmap clean = PlotAssertions.DecodeAndCheck(withoutZeros, 1400, 1000);
        using SKBitmap noted = PlotAssertions.DecodeAndCheck(withZeros, 1400, 1000);
        Assert.Equal(0, PlotAssertions.CountNonWhite(clean, note));
        Assert.True(PlotAssertions.CountNonWhite(noted, note) > 200, "The clamping note is missing.");
    }

    [Fact]
    public void RocPlot_DrawsTheCurveWhereTheAxisMappingPutsIt()
    {
        string path = PlotAssertions.TempPng("roc.png");

        RocPlot.Render(path, "ROC test", [new CurveSeries("overall", Segment, Teal)], [], width: 1200, height: 900);

        using SKBitmap bitmap = PlotAssertions.DecodeAndCheck(path, 1200, 900);
        PlotPanel panel = RocPlot.CreatePanel(new SKRect(0, 0, 1200, 900));
        AssertOnSegment(bitmap, panel.Map(0.3, 0.98), panel.Map(0.02, 0.85), Teal);
    }

    [Fact]
    public void CombinedPlot_HasDetOnTheLeftAndRocOnTheRight()
    {
        string path = PlotAssertions.TempPng("combined.png");

        CombinedRocDetPlot.Render(path, "Combined", [new CurveSeries("overall", Segment, Teal)], []);

        using SKBitmap bitmap = PlotAssertions.DecodeAndCheck(path, 2000, 1000);
        PlotPanel det = DetPlot.CreatePanel(CombinedRocDetPlot.DetBounds(2000, 1000));
        PlotPanel roc = RocPlot.CreatePanel(CombinedRocDetPlot.RocBounds(2000, 1000));
        Assert.True(det.PlotArea.Right < roc.PlotArea.Left);
        AssertOnSegment(bitmap, det.Map(0.3, 0.02), det.Map(0.02, 0.15), Teal);
        AssertOnSegment(bitmap, roc.Map(0.3, 0.98), roc.Map(0.02, 0.85), Teal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HistogramPlot_DrawsTheTopOfEachBinAtItsCount(bool logCounts)
    {
        string path = PlotAssertions.TempPng("histogram.png");
        double[] genuine = [.. Enumerable.Repeat(0.83, 40), .. Enumerable.Repeat(0.91, 7), 0.5];
        double[] forgery = [.. Enumerable.Repeat(0.23, 25)];

        HistogramPlot.Render(
            path,
            "Histogram test",
            [new ScoreHistogramSeries("genuine", genuine, Teal), new ScoreHistogramSeries("F1", forgery)],
            [("accept", 0.7)],
            bins: 20,
            logCounts: logCounts);

        using SKBitmap bitmap = PlotAssertions.DecodeAndCheck(path, 1400, 1000);
        BinnedScores binned = HistogramPlot.Bin(genuine, 0, 1, 20);
        Assert.Equal(40, binned.Counts[16]);
        Assert.Equal(7, binned.Counts[18]);
        PlotPanel panel = HistogramPlot.CreatePanel(new SKRect(0, 0, 1400, 1000), 0, 1, 40, logCounts);
        PlotAssertions.HasColourNear(bitmap, panel.Map(0.825, 40), Teal); // top of bin [0.80, 0.85)
        PlotAssertions.HasColourNear(bitmap, panel.Map(0.925, 7), Teal);  // top of bin [0.90, 0.95)
    }

    [Fact]
    public void Histogram_BinsEdgesAndOutOfRangeScores()
    {
        BinnedScores binned = HistogramPlot.Bin([0.0, 0.099, 0.1, 1.0, -0.5, 1.5], 0, 1, 10);

        Assert.Equal([3, 1, 0, 0, 0, 0, 0, 0, 0, 2], binned.Counts);
        Assert.Equal(2, binned.OutsideRange);
    }

    [Fact]
    public void Plots_AcceptRealCurvesWithZeroRatesAndSeveralSeries()
    {
        // Zero rates (clamped to the axis edge) and thousands of points must render without error.
        IReadOnlyList<RocPoint> overall = Roc.Compute(TestData.Gaussians(1, 3000, 3.0), TestData.Gaussians(2, 3000));
        IReadOnlyList<RocPoint> easy = Roc.Compute(TestData.Gaussians(3, 500, 9.0), TestData.Gaussians(4, 500));
        CurveSeries[] curves = [new("overall", overall), new("F1", easy)];
        string path = PlotAssertions.TempPng("real.png");

        CombinedRocDetPlot.Render(path, "Real curves", curves, [new OperatingPoint("accept threshold", 0.0, 0.2)]);

        using SKBitmap bitmap = PlotAssertions.DecodeAndCheck(path, 2000, 1000);
    }

    [Fact]
    public void Plots_RejectRatesOutsideTheUnitInterval()
    {
        string path = PlotAssertions.TempPng("bad.png");

        Assert.Throws<ArgumentException>(() => DetPlot.Render(path, "t", [new CurveSeries("x", [new RocPoint(0, 1.5, 0)])], []));
        Assert.Throws<ArgumentException>(() => RocPlot.Render(path, "t", [], [new OperatingPoint("p", 0.1, -0.1)]));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void SeriesStyles_DifferInColourAndInDashPattern()
    {
        var styles = Enumerable.Range(0, PlotStyle.DistinctSeriesCount).Select(i => PlotStyle.ForSeries(i, null)).ToList();

        Assert.True(PlotStyle.DistinctSeriesCount >= 6, "Overall plus F1..F5 need six distinct styles.");
        Assert.Equal(styles.Count, styles.Select(s => s.Colour).Distinct().Count());
        Assert.Equal(styles.Count, styles.Select(s => s.Dash is null ? "solid" : string.Join(",", s.Dash)).Distinct().Count());
        Assert.Equal(Teal, PlotStyle.ForSeries(3, Teal).Colour);
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.025, -1.959963984540054)]
    [InlineData(0.841344746068543, 1.0)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(1e-6, -4.753424308822899)]
    [InlineData(0.99999, 4.26489079392384)]
    public void NormalQuantile_MatchesReferenceValues(double p, double expected)
    {
        Assert.Equal(expected, NormalQuantile.Inverse(p), 7);
    }

    [Fact]
    public void ProbitAxis_ClampsZeroToTheEdgeAndCentresOneHalfAtTheTop()
    {
        PlotPanel panel = DetPlot.CreatePanel(new SKRect(0, 0, 1400, 1000));

        Assert.Equal(0.0, panel.X.Fraction(0.0));
        Assert.Equal(0.0, panel.X.Fraction(DetPlot.AxisMinimum), 12);
        Assert.Equal(1.0, panel.X.Fraction(0.5), 12);
        Assert.True(panel.X.Clamps(0.0));
        Assert.False(panel.X.Clamps(0.01));
        Assert.True(panel.X.Fraction(0.01) < panel.X.Fraction(0.1));
        Assert.Equal(panel.PlotArea.Left, panel.Map(0.0, 0.0).X, 3);
        Assert.Equal(panel.PlotArea.Bottom, panel.Map(0.0, 0.0).Y, 3);
    }

    /// <summary>The line between two mapped points is straight on screen; probe it at ¼, ½ and ¾.</summary>
    private static void AssertOnSegment(SKBitmap bitmap, SKPoint from, SKPoint to, SKColor colour)
    {
        foreach (float t in new[] { 0.25f, 0.5f, 0.75f })
        {
            PlotAssertions.HasColourNear(bitmap, new SKPoint(from.X + (t * (to.X - from.X)), from.Y + (t * (to.Y - from.Y))), colour);
        }
    }
}
