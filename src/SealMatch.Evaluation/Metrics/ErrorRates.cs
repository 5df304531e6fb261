namespace SealMatch.Evaluation.Metrics;

/// <summary>Error rates at one threshold. A sample is accepted iff its score is ≥ the threshold.</summary>
public static class ErrorRates
{
    /// <summary>Fraction of <paramref name="impostor"/> that are ≥ <paramref name="threshold"/>.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds a non-finite score.</exception>
    public static double FalseAcceptRate(IReadOnlyList<double> impostor, double threshold)
    {
        ScoreValidation.RequireNonEmptyFinite(impostor, nameof(impostor));
        int accepted = 0;
        for (int i = 0; i < impostor.Count; i++)
        {
            if (impostor[i] >= threshold)
            {
                accepted++;
            }
        }

        return accepted / (double)impostor.Count;
    }

    /// <summary>Fraction of <paramref name="genuine"/> that are &lt; <paramref name="threshold"/>.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds a non-finite score.</exception>
    public static double FalseRejectRate(IReadOnlyList<double> genuine, double threshold)
    {
        ScoreValidation.RequireNonEmptyFinite(genuine, nameof(genuine));
        int rejected = 0;
        for (int i = 0; i < genuine.Count; i++)
        {
            if (genuine[i] < threshold)
            {
                rejected++;
            }
        }

        return rejected / (double)genuine.Count;
    }
}
