namespace SealMatch.Evaluation.Metrics;

/// <summary>Argument checks shared by the metric entry points (the boundary where scores arrive).</summary>
internal static class ScoreValidation
{
    /// <summary>Throws unless <paramref name="values"/> is non-empty and every value is finite.</summary>
    public static void RequireNonEmptyFinite(IReadOnlyList<double> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one score is required.", paramName);
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Score at index {i} is not a finite number.", paramName);
            }
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a rate in [0, 1].</summary>
    public static void RequireRate(double value, string paramName)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "A rate must lie in [0, 1].");
        }
    }

    /// <summary>An ascending copy; the caller's list is never reordered.</summary>
    public static double[] SortedCopy(IReadOnlyList<double> values)
    {
        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
        }

        Array.Sort(copy);
        return copy;
    }
}
