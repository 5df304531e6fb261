using System.Globalization;
using SkiaSharp;

namespace SealMatch.Evaluation.Plots;

/// <summary>Score distributions per class as outlined step histograms, with thresholds as labelled vertical lines.</summary>
public static class HistogramPlot
{
    private const float LegendMargin = 390f;

    /// <summary>
    /// Writes the histogram plot as a 1400 × 1000 PNG. Scores outside [<paramref name="min"/>, <paramref name="max"/>]
    /// are counted in the first or last bin (the plot notes how many); a score equal to max falls in the last bin.
    /// With <paramref name="logCounts"/> the count axis is logarithmic and empty bins drop to the baseline.
    /// Threshold lines outside the range are listed in the note instead of drawn.
    /// </summary>
    /// <exception cref="ArgumentException">A score or line position is not finite, or a required argument is missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">min ≥ max, or bins &lt; 1.</exception>
    public static void Render(
        string path,
        string title,
        IReadOnlyList<ScoreHistogramSeries> series,
        IReadOnlyList<(string Label, double X)> verticalLines,
        double min = 0,
        double max = 1,
        int bins = 50,
        bool logCounts = true)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(verticalLines);
        ValidateRange(min, max, bins);
        var binned = new List<BinnedScores>(series.Count);
        for (int i = 0; i < series.Count; i++)
        {
            ScoreHistogramSeries s = series[i] ?? throw new ArgumentException($"Series {i} is null.", nameof(series));
            ArgumentNullException.ThrowIfNull(s.Label, nameof(series));
            ArgumentNullException.ThrowIfNull(s.Scores, nameof(series));
            binned.Add(Bin(s.Scores, min, max, bins));
        }

        foreach ((string label, double x) in verticalLines)
        {
            ArgumentNullException.ThrowIfNull(label, nameof(verticalLines));
            if (!double.IsFinite(x))
            {
                throw new ArgumentException($"Line '{label}' is not at a finite position.", nameof(verticalLines));
            }
        }

        const int Width = 1400;
        const int Height = 1000;
        PlotPanel.SavePng(path, Width, Height, canvas =>
        {
            PlotPanel panel = CreatePanel(new SKRect(0, 0, Width, Height), min, max, LargestCount(binned), logCounts);
            panel.DrawFrame(canvas, title);

            var legend = new List<LegendEntry>(series.Count);
            int outside = 0;
            for (int i = 0; i < series.Count; i++)
            {
                SeriesStyle style = PlotStyle.ForSeries(i, series[i].Colour);
                panel.DrawPolyline(canvas, Outline(binned[i], min, max, panel.Y.Min), style);
                legend.Add(new LegendEntry(
                    string.Create(CultureInfo.InvariantCulture, $"{series[i].Label} (n = {series[i].Scores.Count})"),
                    style,
                    null));
                outside += binned[i].OutsideRange;
            }

            var notes = new List<string>();
            int row = 0;
            foreach ((string label, double x) in verticalLines)
            {
                string text = string.Create(CultureInfo.InvariantCulture, $"{label} = {x:0.####}");
                if (x >= min && x <= max)
                {
                    panel.DrawVerticalLine(canvas, x, text, row++);
                }
                else
                {
                    notes.Add(text + " (off scale)");
                }
            }

            panel.DrawLegend(canvas, legend, LegendPlacement.OutsideRight);
            if (outside > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{outside} score(s) outside [{min}, {max}] counted in the edge bins"));
            }

            if (notes.Count > 0)
            {
                panel.DrawNote(canvas, string.Join("; ", notes) + ".");
            }
        });
    }

    /// <summary>Bin counts of <paramref name="scores"/> over [min, max] in equal-width bins.</summary>
    internal static BinnedScores Bin(IReadOnlyList<double> scores, double min, double max, int bins)
    {
        var counts = new int[bins];
        int outside = 0;
        double width = (max - min) / bins;
        for (int i = 0; i < scores.Count; i++)
        {
            double score = scores[i];
            if (!double.IsFinite(score))
            {
                throw new ArgumentException($"Score {i} is not finite.", nameof(scores));
            }

            if (score < min || score > max)
            {
                outside++;
            }

            int bin = (int)Math.Floor((score - min) / width);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
        }

        return new BinnedScores(counts, outside);
    }

    /// <summary>The panel a histogram with these settings uses inside <paramref name="bounds"/>.</summary>
    internal static PlotPanel CreatePanel(SKRect bounds, double min, double max, int largestCount, bool logCounts)
    {
        var x = new Axis("Score", AxisScale.Linear, min, max, Axis.NiceLinearTicks(min, max, 10));
        Axis y;
        if (logCounts)
        {
            // Baseline just below 1 so that a single sample still shows as a visible step.
            int decades = Math.Max(1, (int)Math.Ceiling(Math.Log10(Math.Max(largestCount, 1) * 1.5)));
            var ticks = new List<AxisTick>();
            for (int k = 0; k <= decades; k++)
            {
                double value = Math.Pow(10.0, k);
                ticks.Add(new AxisTick(value, value.ToString("#,0", CultureInfo.InvariantCulture)));
            }

            y = new Axis("Count (log scale)", AxisScale.Log10, 0.7, Math.Pow(10.0, decades), ticks);
        }
        else
        {
            IReadOnlyList<AxisTick> ticks = Axis.NiceLinearTicks(0, Math.Max(largestCount, 1) * 1.08, 8);
            y = new Axis("Count", AxisScale.Linear, 0, Math.Max(largestCount, 1) * 1.08, ticks);
        }

        return new PlotPanel(bounds, x, y, LegendMargin);
    }

    /// <summary>The step outline of a histogram: up each bin's left edge, across its top, down to the next.</summary>
    internal static IReadOnlyList<(double X, double Y)> Outline(BinnedScores binned, double min, double max, double baseline)
    {
        int bins = binned.Counts.Length;
        double width = (max - min) / bins;
        var outline = new List<(double X, double Y)>((2 * bins) + 2) { (min, baseline) };
        for (int b = 0; b < bins; b++)
        {
            double height = binned.Counts[b] == 0 ? baseline : binned.Counts[b];
            outline.Add((min + (b * width), height));
            outline.Add((b == bins - 1 ? max : min + ((b + 1) * width), height));
        }

        outline.Add((max, baseline));
        return outline;
    }

    private static int LargestCount(List<BinnedScores> binned)
    {
        int largest = 0;
        foreach (BinnedScores b in binned)
        {
            foreach (int count in b.Counts)
            {
                largest = Math.Max(largest, count);
            }
        }

        return largest;
    }

    private static void ValidateRange(double min, double max, int bins)
    {
        if (!(double.IsFinite(min) && double.IsFinite(max) && min < max))
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"The score range [{min}, {max}] must be finite with min < max.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
    }
}

/// <summary>Histogram counts per bin, and how many scores fell outside the range (counted in an edge bin).</summary>
internal sealed record BinnedScores(int[] Counts, int OutsideRange);
