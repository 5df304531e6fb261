using SkiaSharp;

namespace SealMatch.Evaluation.Plots;

/// <summary>
/// Classic ROC plot: false accept rate on a log scale (0.01 % to 100 %) against genuine accept rate
/// (1 − FRR) on a linear scale.
/// </summary>
public static class RocPlot
{
    internal const double FarAxisMinimum = 1e-4;

    internal const string ClampNote = "FAR below 0.01 % (including 0) is drawn on the left axis edge.";

    /// <summary>Writes a ROC plot as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
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

    /// <summary>The panel (axes and mapping) a ROC plot uses inside <paramref name="bounds"/>.</summary>
    internal static PlotPanel CreatePanel(SKRect bounds)
    {
        var genuineTicks = new List<AxisTick>();
        for (int percent = 0; percent <= 100; percent += 10)
        {
            genuineTicks.Add(new AxisTick(percent / 100.0, percent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new PlotPanel(
            bounds,
            new Axis("False accept rate (%, log scale)", AxisScale.Log10, FarAxisMinimum, 1.0, RateCurveChart.PercentTicks(1e-4, 1e-3, 1e-2, 1e-1, 1.0)),
            new Axis("Genuine accept rate (%)", AxisScale.Linear, 0.0, 1.0, genuineTicks));
    }

    /// <summary>ROC data coordinates: x = FAR, y = genuine accept rate = 1 − FRR.</summary>
    internal static (double X, double Y) Project(double falseAcceptRate, double falseRejectRate) => (falseAcceptRate, 1.0 - falseRejectRate);

    internal static void Draw(SKCanvas canvas, SKRect bounds, string title, IReadOnlyList<CurveSeries> curves, IReadOnlyList<OperatingPoint> points) =>
        RateCurveChart.Draw(canvas, CreatePanel(bounds), title, curves, points, Project, ClampNote, LegendPlacement.BottomRight);
}
