using System.Globalization;
using SealMatch.Evaluation.Metrics;
using SkiaSharp;

namespace SealMatch.Evaluation.Plots;

/// <summary>
/// What DET and ROC plots share: validation, curves with legend, operating points with labels and
/// the note about rates clamped to the axis edge. They differ only in axes and in how (FAR, FRR)
/// becomes a data point.
/// </summary>
internal static class RateCurveChart
{
    public static void Validate(string title, IReadOnlyList<CurveSeries> curves, IReadOnlyList<OperatingPoint> points)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(points);
        for (int i = 0; i < curves.Count; i++)
        {
            CurveSeries curve = curves[i] ?? throw new ArgumentException($"Curve {i} is null.", nameof(curves));
            ArgumentNullException.ThrowIfNull(curve.Label, nameof(curves));
            ArgumentNullException.ThrowIfNull(curve.Points, nameof(curves));
            foreach (RocPoint point in curve.Points)
            {
                RequireRates(point.FalseAcceptRate, point.FalseRejectRate, nameof(curves));
            }
        }

        for (int i = 0; i < points.Count; i++)
        {
            OperatingPoint point = points[i] ?? throw new ArgumentException($"Operating point {i} is null.", nameof(points));
            ArgumentNullException.ThrowIfNull(point.Label, nameof(points));
            RequireRates(point.FalseAcceptRate, point.FalseRejectRate, nameof(points));
        }
    }

    /// <param name="project">Maps (FAR, FRR) to the panel's data coordinates.</param>
    /// <param name="clampNote">Shown when some rate was clamped onto an axis edge.</param>
    public static void Draw(
        SKCanvas canvas,
        PlotPanel panel,
        string title,
        IReadOnlyList<CurveSeries> curves,
        IReadOnlyList<OperatingPoint> points,
        Func<double, double, (double X, double Y)> project,
        string clampNote,
        LegendPlacement legendPlacement)
    {
        panel.DrawFrame(canvas, title);
        var legend = new List<LegendEntry>(curves.Count + points.Count);
        var styles = new SeriesStyle[curves.Count];
        for (int i = 0; i < curves.Count; i++)
        {
            styles[i] = PlotStyle.ForSeries(i, curves[i].Colour);
            legend.Add(new LegendEntry(curves[i].Label, styles[i], null));
        }

        for (int i = 0; i < points.Count; i++)
        {
            legend.Add(new LegendEntry(points[i].Label, null, PlotStyle.MarkerFor(i)));
        }

        panel.ReserveLegend(legend, legendPlacement);
        bool clamped = false;
        for (int i = 0; i < curves.Count; i++)
        {
            CurveSeries curve = curves[i];
            var data = new (double X, double Y)[curve.Points.Count];
            for (int k = 0; k < data.Length; k++)
            {
                data[k] = project(curve.Points[k].FalseAcceptRate, curve.Points[k].FalseRejectRate);
                clamped |= panel.X.Clamps(data[k].X) || panel.Y.Clamps(data[k].Y);
            }

            panel.DrawPolyline(canvas, data, styles[i]);
        }

        for (int i = 0; i < points.Count; i++)
        {
            OperatingPoint point = points[i];
            (double x, double y) = project(point.FalseAcceptRate, point.FalseRejectRate);
            clamped |= panel.X.Clamps(x) || panel.Y.Clamps(y);
            SKPoint at = panel.Map(x, y);

            // A point past the top or right of the axes is pinned to the edge and says so.
            bool offScale = !panel.Contains(at);
            at = panel.ClampToArea(at);
            panel.DrawPointMarker(canvas, at, PlotStyle.MarkerFor(i));
            panel.DrawMarkerLabel(canvas, at, string.Create(
                CultureInfo.InvariantCulture,
                $"{point.Label}: FAR {FormatPercent(point.FalseAcceptRate)}, FRR {FormatPercent(point.FalseRejectRate)}{(offScale ? " (off scale)" : "")}"));
        }

        panel.DrawLegend(canvas, legend, legendPlacement);
        if (clamped)
        {
            panel.DrawNote(canvas, clampNote);
        }
    }

    /// <summary>A rate as a percentage with about three significant digits: "0.0123 %", "4.56 %", "12.3 %".</summary>
    public static string FormatPercent(double rate)
    {
        double percent = rate * 100.0;
        string format = percent == 0.0 ? "0" : percent >= 10.0 ? "0.0" : percent >= 1.0 ? "0.00" : "0.00##";
        return percent.ToString(format, CultureInfo.InvariantCulture) + " %";
    }

    /// <summary>Percent tick labels at the given rates ("0.01", "0.5", "10").</summary>
    public static IReadOnlyList<AxisTick> PercentTicks(params double[] rates)
    {
        var ticks = new AxisTick[rates.Length];
        for (int i = 0; i < rates.Length; i++)
        {
            ticks[i] = new AxisTick(rates[i], (rates[i] * 100.0).ToString("0.####", CultureInfo.InvariantCulture));
        }

        return ticks;
    }

    private static void RequireRates(double falseAcceptRate, double falseRejectRate, string paramName)
    {
        if (!(falseAcceptRate >= 0.0 && falseAcceptRate <= 1.0 && falseRejectRate >= 0.0 && falseRejectRate <= 1.0))
        {
            throw new ArgumentException($"Rates must lie in [0, 1] (got FAR {falseAcceptRate}, FRR {falseRejectRate}).", paramName);
        }
    }
}
