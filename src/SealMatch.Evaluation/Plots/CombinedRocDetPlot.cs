using SkiaSharp;

namespace SealMatch.Evaluation.Plots;

/// <summary>One image with the DET plot on the left and the ROC plot on the right, under a common title.</summary>
public static class CombinedRocDetPlot
{
    private const float FigureTitleBand = 56f;

    /// <summary>Writes the combined plot as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <exception cref="ArgumentException">A rate is outside [0, 1], or a required argument is missing.</exception>
    public static void Render(
        string path,
        string title,
        IReadOnlyList<CurveSeries> curves,
        IReadOnlyList<OperatingPoint> points,
        int width = 2000,
        int height = 1000)
    {
        RateCurveChart.Validate(title, curves, points);
        PlotPanel.SavePng(path, width, height, canvas =>
        {
            PlotPanel.DrawText(canvas, title, width / 2f, 40f, SKTextAlign.Center, PlotPanel.TitleSize, PlotStyle.Text);
            DetPlot.Draw(canvas, DetBounds(width, height), "DET (probit scales)", curves, points);
            RocPlot.Draw(canvas, RocBounds(width, height), "ROC", curves, points);
        });
    }

    internal static SKRect DetBounds(int width, int height) => new(0, FigureTitleBand, width / 2f, height);

    internal static SKRect RocBounds(int width, int height) => new(width / 2f, FigureTitleBand, width, height);
}
