namespace SealMatch.Evaluation.Metrics;

/// <summary>
/// Error rates of the decision "accept iff score ≥ <paramref name="Threshold"/>".
/// </summary>
/// <param name="Threshold">The acceptance threshold.</param>
/// <param name="FalseAcceptRate">Fraction of impostor scores ≥ the threshold.</param>
/// <param name="FalseRejectRate">Fraction of genuine scores &lt; the threshold.</param>
public readonly record struct RocPoint(double Threshold, double FalseAcceptRate, double FalseRejectRate);
