using SealMatch.Evaluation.Metrics;
using SkiaSharp;

namespace SealMatch.Evaluation.Plots;

/// <summary>
/// One ROC/DET curve: its points in ascending threshold order (as <see cref="Roc.Compute"/> returns them)
/// and an optional colour; without one, the series takes the next palette colour.
/// </summary>
public sealed record CurveSeries(string Label, IReadOnlyList<RocPoint> Points, SKColor? Colour = null);

/// <summary>A marked, labelled point on ROC/DET plots, such as the accept threshold or the EER.</summary>
public sealed record OperatingPoint(string Label, double FalseAcceptRate, double FalseRejectRate);

/// <summary>The scores of one class (genuine, or a forgery class) for <see cref="HistogramPlot"/>.</summary>
public sealed record ScoreHistogramSeries(string Label, IReadOnlyList<double> Scores, SKColor? Colour = null);
