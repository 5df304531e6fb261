using SealMatch.Engine.Comparison;
using SealMatch.Engine.Registration;

namespace SealMatch.Engine.Verification;

/// <summary>The evidence from comparing one impression with one specimen.</summary>
/// <param name="Measurements">Component scores.</param>
/// <param name="Probability">Calibrated probability that the impression is genuine; null when the engine runs without a score model.</param>
/// <param name="Decision">Accept, review or reject; null without a score model.</param>
/// <param name="Pose">Where the specimen lies on the slip (centre in slip pixels, rotation, scale).</param>
/// <param name="DifferencePng">The difference picture (PNG), when asked for.</param>
/// <param name="Milliseconds">Time spent registering and comparing.</param>
public sealed record SealComparison(
    ComparisonMeasurements Measurements,
    double? Probability,
    SealDecision? Decision,
    SealPose Pose,
    byte[]? DifferencePng,
    double Milliseconds);
