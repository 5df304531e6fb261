namespace SealMatch.Evaluation.Metrics;

/// <summary>
/// Receiver operating characteristic of a score where a sample is accepted iff score ≥ threshold.
/// </summary>
public static class Roc
{
    /// <summary>
    /// The ROC, one point per distinct score (genuine or impostor) in ascending threshold order,
    /// followed by one point just above the largest score.
    /// </summary>
    /// <remarks>
    /// The first point (threshold = the smallest score) accepts everything: FAR = 1, FRR = 0.
    /// The last point (threshold = <see cref="Math.BitIncrement"/> of the largest score) rejects
    /// everything: FAR = 0, FRR = 1. Tied scores share one threshold, and at that threshold every
    /// tied sample is accepted. FAR is non-increasing and FRR non-decreasing along the list.
    /// Runs in O(n log n) for n scores in total.
    /// </remarks>
    /// <exception cref="ArgumentException">Either list is empty or holds a non-finite score.</exception>
    public static IReadOnlyList<RocPoint> Compute(IReadOnlyList<double> genuineScores, IReadOnlyList<double> impostorScores)
    {
        ScoreValidation.RequireNonEmptyFinite(genuineScores, nameof(genuineScores));
        ScoreValidation.RequireNonEmptyFinite(impostorScores, nameof(impostorScores));

        double[] genuine = ScoreValidation.SortedCopy(genuineScores);
        double[] impostor = ScoreValidation.SortedCopy(impostorScores);
        double genuineCount = genuine.Length;
        double impostorCount = impostor.Length;

        var points = new List<RocPoint>(genuine.Length + impostor.Length + 1);

        // Invariant: genuineBelow / impostorBelow count the scores strictly below the current threshold.
        int genuineBelow = 0;
        int impostorBelow = 0;
        while (genuineBelow < genuine.Length || impostorBelow < impostor.Length)
        {
            double threshold = NextDistinct(genuine, genuineBelow, impostor, impostorBelow);
            points.Add(new RocPoint(
                threshold,
                (impostor.Length - impostorBelow) / impostorCount,
                genuineBelow / genuineCount));

            while (genuineBelow < genuine.Length && genuine[genuineBelow] == threshold)
            {
                genuineBelow++;
            }

            while (impostorBelow < impostor.Length && impostor[impostorBelow] == threshold)
            {
                impostorBelow++;
            }
        }

        double largest = Math.Max(genuine[^1], impostor[^1]);
        points.Add(new RocPoint(Math.BitIncrement(largest), 0.0, 1.0));
        return points;
    }

    /// <summary>
    /// The equal error rate: where the ROC crosses FAR = FRR.
    /// </summary>
    /// <remarks>
    /// Walking the ROC in ascending threshold order, FAR − FRR falls from +1 to −1. If some ROC point
    /// has FAR = FRR exactly, that common value is returned (so perfectly separated scores give 0).
    /// Otherwise the first pair of consecutive points where FAR − FRR changes sign from positive to
    /// negative is joined by a straight segment in the (FAR, FRR) plane, and the rate where that
    /// segment meets the diagonal FAR = FRR is returned.
    /// </remarks>
    /// <exception cref="ArgumentException">Either list is empty or holds a non-finite score.</exception>
    public static double EqualErrorRate(IReadOnlyList<double> genuine, IReadOnlyList<double> impostor)
    {
        IReadOnlyList<RocPoint> roc = Compute(genuine, impostor);
        return EqualErrorRate(roc);
    }

    /// <summary>The equal error rate of an ROC in ascending threshold order, as produced by <see cref="Compute"/>.</summary>
    internal static double EqualErrorRate(IReadOnlyList<RocPoint> roc)
    {
        for (int k = 0; k < roc.Count; k++)
        {
            RocPoint current = roc[k];
            double difference = current.FalseAcceptRate - current.FalseRejectRate;
            if (difference == 0.0)
            {
                return current.FalseAcceptRate;
            }

            if (difference < 0.0)
            {
                // k > 0 because the first point has FAR − FRR = 1.
                RocPoint previous = roc[k - 1];
                double previousDifference = previous.FalseAcceptRate - previous.FalseRejectRate;
                double fraction = previousDifference / (previousDifference - difference);
                return previous.FalseAcceptRate + (fraction * (current.FalseAcceptRate - previous.FalseAcceptRate));
            }
        }

        throw new InvalidOperationException("The ROC does not end at FAR = 0, FRR = 1.");
    }

    private static double NextDistinct(double[] genuine, int genuineIndex, double[] impostor, int impostorIndex)
    {
        if (genuineIndex >= genuine.Length)
        {
            return impostor[impostorIndex];
        }

        if (impostorIndex >= impostor.Length)
        {
            return genuine[genuineIndex];
        }

        return Math.Min(genuine[genuineIndex], impostor[impostorIndex]);
    }
}
