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
    double Milliseconds)
{
    /// <summary>Logit of the learned pair model (<c>models/seal-pair.onnx</c>; positive: genuine), when the engine ran it.</summary>
    public double? PairLogit { get; init; }

    /// <summary>SHA-256 of the pair model file that produced <see cref="PairLogit"/>; recorded with each decision it took part in.</summary>
    public string? PairModelSha256 { get; init; }

    /// <summary>Whether <see cref="Probability"/> used <see cref="PairLogit"/> (a fused score model) or the classical measurements only.</summary>
    public bool PairLogitInProbability { get; init; }

    /// <summary>The pair model's input (<see cref="SealPairInput"/>), kept only when the engine is asked to (training export).</summary>
    public SealPairInput.Pair? PairInput { get; init; }
}
