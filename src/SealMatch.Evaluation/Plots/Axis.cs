using System.Globalization;

namespace SealMatch.Evaluation.Plots;

/// <summary>How data values are spaced along an axis.</summary>
internal enum AxisScale
{
    Linear,
    Log10,
    Probit,
}

/// <summary>A labelled tick (and grid line) at a data value.</summary>
internal readonly record struct AxisTick(double Value, string Label);

/// <summary>
/// Maps data values to a position along an axis (0 at <see cref="Min"/>, 1 at <see cref="Max"/>).
/// This is the single mapping used both for drawing and by tests that probe rendered pixels.
/// </summary>
internal sealed class Axis
{
    private readonly double _low;
    private readonly double _high;

    public Axis(string title, AxisScale scale, double min, double max, IReadOnlyList<AxisTick> ticks)
    {
        bool valid = double.IsFinite(min) && double.IsFinite(max) && min < max && scale switch
        {
            AxisScale.Log10 => min > 0.0,
            AxisScale.Probit => min > 0.0 && max < 1.0,
            _ => true,
        };
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"Invalid {scale} axis range [{min}, {max}].");
        }

        Title = title;
        Scale = scale;
        Min = min;
        Max = max;
        Ticks = ticks;
        _low = TransformUnclamped(min);
        _high = TransformUnclamped(max);
    }

    public string Title { get; }

    public AxisScale Scale { get; }

    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<AxisTick> Ticks { get; }

    /// <summary>
    /// Position of <paramref name="value"/> along the axis. On log and probit scales a value below
    /// <see cref="Min"/> (including 0, where those scales are undefined) is clamped to Min so that it
    /// lands on the axis edge; a value above Max is not clamped (drawing clips it).
    /// </summary>
    public double Fraction(double value)
    {
        if (Scale != AxisScale.Linear && value < Min)
        {
            value = Min;
        }

        return (TransformUnclamped(value) - _low) / (_high - _low);
    }

    /// <summary>True when <see cref="Fraction"/> moves this value onto the axis edge.</summary>
    public bool Clamps(double value) => Scale != AxisScale.Linear && value < Min;

    /// <summary>Ticks every 1, 2 or 5 × 10ᵏ covering [min, max], about <paramref name="target"/> of them.</summary>
    public static IReadOnlyList<AxisTick> NiceLinearTicks(double min, double max, int target)
    {
        double rough = (max - min) / Math.Max(1, target);
        double magnitude = Math.Pow(10.0, Math.Floor(Math.Log10(rough)));
        double residual = rough / magnitude;
        double step = magnitude * (residual <= 1.0 ? 1.0 : residual <= 2.0 ? 2.0 : residual <= 5.0 ? 5.0 : 10.0);
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        string format = "F" + decimals.ToString(CultureInfo.InvariantCulture);

        var ticks = new List<AxisTick>();
        for (long k = (long)Math.Ceiling((min / step) - 1e-9); k * step <= max + (step * 1e-9); k++)
        {
            double value = k * step;
            ticks.Add(new AxisTick(value, value.ToString(format, CultureInfo.InvariantCulture)));
        }

        return ticks;
    }

    private double TransformUnclamped(double value) => Scale switch
    {
        AxisScale.Log10 => Math.Log10(value),

        // Rates of 1 would map to +∞; any value past Max is off the plot and clipped anyway.
        AxisScale.Probit => NormalQuantile.Inverse(Math.Min(value, 1.0 - 1e-12)),
        _ => value,
    };
}
