namespace SealMatch.Evaluation.Calibration;

/// <summary>Settings for <see cref="LogisticRegression.Fit"/>.</summary>
public sealed class LogisticRegressionOptions
{
    /// <summary>
    /// L2 penalty λ on the weights of the standardised features (never on the bias). The fit minimises
    /// Σᵢ wᵢ · logloss(yᵢ, zᵢ) + λ/2 · ‖β‖², a sum over samples, so λ = 1 matches scikit-learn's C = 1.
    /// Must be ≥ 0; a positive value is what keeps separable data from driving the weights to infinity
    /// (with 0 such a fit stops at <see cref="MaxIterations"/> and reports <c>Converged = false</c>).
    /// </summary>
    public double L2 { get; init; } = 1e-2;

    /// <summary>Upper bound on Newton iterations.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Convergence: stop when every component of the Newton step is below
    /// Tolerance · (1 + largest absolute parameter).
    /// </summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>
    /// Smallest feature scale used in standardisation (means and standard deviations are unweighted,
    /// over all samples). A feature whose standard deviation is at most this is treated as constant:
    /// its scale is this floor and its weight is exactly 0, so it cannot affect predictions.
    /// </summary>
    public double MinimumScale { get; init; } = 1e-9;

    /// <summary>Optional non-negative weight per sample (same count as the samples); null means all 1.</summary>
    public IReadOnlyList<double>? SampleWeights { get; init; }

    /// <summary>
    /// When true, sample weights are rescaled per class so that both classes carry half of the
    /// total weight (the total is unchanged).
    /// </summary>
    public bool BalanceClasses { get; init; }
}
