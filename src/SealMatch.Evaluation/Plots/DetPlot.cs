using SkiaSharp;

namespace SealMatch.Evaluation.Plots;

/// <summary>
/// Detection error trade-off plot: false accept rate against false reject rate, both on normal-deviate
/// (probit) scales, on which normally distributed scores give straight lines.
/// </summary>
public static class DetPlot
{
    /// <summary>Smallest rate shown; 0 and anything below is drawn on the axis edge (and the plot says so).</summary>
    internal const double AxisMinimum = 0.00005;

    internal const double AxisMaximum = 0.5;

    internal const string ClampNote = "FAR or FRR below 0.005 % (including 0) is drawn on the axis edge.";

    /// <summary>Writes a DET plot as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <exception cref="ArgumentException">A rate is outside [0, 1], or a required argument is missing.</exception>
    public static void Render(
        string path,
        string title,
        IReadOnlyList<CurveSeries> curves,
        IReadOnlyList<OperatingPoint> points,
        int width = 1400,
        int height = 1000)
    {
        RateCurveChart.Validate(title, curves, points);
        PlotPanel.SavePng(path, width, height, canvas => Draw(canvas, new SKRect(0, 0, width, height), title, curves, points));
    }

    /// <summary>The panel (axes and mapping) a DET plot uses inside <paramref name="bounds"/>.</summary>
    internal static PlotPanel CreatePanel(SKRect bounds)
    {
        IReadOnlyList<AxisTick> ticks = RateCurveChart.PercentTicks(0.0001, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4);
        return new PlotPanel(
            bounds,
            new Axis("False accept rate (%)", AxisScale.Probit, AxisMinimum, AxisMaximum, ticks),
            new Axis("False reject rate (%)", AxisScale.Probit, AxisMinimum, AxisMaximum, ticks));
    }

    /// <summary>DET data coordinates: x = FAR, y = FRR.</summary>
    internal static (double X, double Y) Project(double falseAcceptRate, double falseRejectRate) => (falseAcceptRate, falseRejectRate);

    internal static void Draw(SKCanvas canvas, SKRect bounds, string title, IReadOnlyList<CurveSeries> curves, IReadOnlyList<OperatingPoint> points) =>
        RateCurveChart.Draw(canvas, CreatePanel(bounds), title, curves, points, Project, ClampNote, LegendPlacement.TopRight);
}
