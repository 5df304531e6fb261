using SealMatch.Engine.Localisation;

namespace SealMatch.Engine.Verification;

/// <summary>One impression found on a slip and its comparison with each of the account's specimens.</summary>
/// <param name="Detection">Where and what was found.</param>
/// <param name="Comparisons">One per specimen, in the order the specimens were given; null where the specimen's size rules it out.</param>
/// <param name="BestSpecimen">Index of the specimen that matches best, or null when there are none.</param>
public sealed record ImpressionFinding(DetectedSeal Detection, IReadOnlyList<SealComparison?> Comparisons, int? BestSpecimen)
{
    /// <summary>The comparison with the best-matching specimen.</summary>
    public SealComparison? Best => BestSpecimen is int i ? Comparisons[i] : null;
}

/// <summary>Everything found on a slip.</summary>
/// <param name="Impressions">The impressions, strongest first.</param>
/// <param name="Milliseconds">Time for the whole analysis.</param>
public sealed record SlipAnalysis(IReadOnlyList<ImpressionFinding> Impressions, double Milliseconds);
