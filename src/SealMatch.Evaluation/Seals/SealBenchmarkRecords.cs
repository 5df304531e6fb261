using SealMatch.Engine.Comparison;

namespace SealMatch.Evaluation.Seals;

/// <summary>The outcome for one labelled impression that had to be verified (a slot on a slip).</summary>
public sealed record ImpressionRecord
{
    public required int Slip { get; init; }

    public required int Slot { get; init; }

    /// <summary>True for the genuine expected seal, false for a forgery.</summary>
    public required bool Genuine { get; init; }

    /// <summary>F1..F5 for forgeries, "genuine" otherwise.</summary>
    public required string Class { get; init; }

    /// <summary>Kind of seal expected in the slot.</summary>
    public required string ExpectedKind { get; init; }

    /// <summary>Whether the pipeline found an impression at the truth position.</summary>
    public required bool Found { get; init; }

    /// <summary>Found, but so different in size from the expected specimen that the engine did not compare them (a rejection).</summary>
    public bool SizeMismatch { get; init; }

    /// <summary>How it was found (generic or specimen-guided), when found.</summary>
    public string? FoundBy { get; init; }

    /// <summary>Comparison with the expected specimen, when found.</summary>
    public ComparisonMeasurements? Measurements { get; init; }

    /// <summary>Rotation error against the truth (degrees), for genuine impressions that were found.</summary>
    public double? RotationErrorDeg { get; init; }

    /// <summary>Fraction of the seal that received ink (truth).</summary>
    public required double VisibleFraction { get; init; }

    /// <summary>Forgery changes, for the record.</summary>
    public string? Changes { get; init; }

    /// <summary>
    /// The one deliberate change of a re-carved seal (F1): <c>shift</c>, <c>rotate</c>, <c>star-scale</c>,
    /// <c>star-rotate</c>, <c>star-move</c> or <c>ring-size</c>; null for other impressions.
    /// </summary>
    public string? PrimaryChange { get; init; }

    /// <summary>The pair model's logit for the comparison with the expected specimen, when the engine ran it.</summary>
    public double? PairLogit { get; init; }

    /// <summary>The challenger pair model's logit for the same comparison (<see cref="SealBenchmarkOptions.ChallengerPairModel"/>).</summary>
    public double? ChallengerPairLogit { get; init; }

    /// <summary>The pair model's input for that comparison, when the engine kept it (training export).</summary>
    public SealPairInput.Pair? PairInput { get; init; }
}

/// <summary>Per-slip outcome.</summary>
public sealed record SlipRecord(int Slip, double Milliseconds, int TrueSeals, int Detections, int FalseDetections, int MissedSeals, int SpecimensFromOperatorBox);

/// <summary>Everything a benchmark run produced, before any score model is applied.</summary>
public sealed record SealBenchmarkResult(SealBenchmarkOptions Options, IReadOnlyList<ImpressionRecord> Impressions, IReadOnlyList<SlipRecord> Slips, TimeSpan Elapsed)
{
    /// <summary>
    /// The same run as the challenger pair model saw it: every impression's <see cref="ImpressionRecord.PairLogit"/>
    /// replaced by its <see cref="ImpressionRecord.ChallengerPairLogit"/> (for fitting or scoring the challenger's fused model).
    /// </summary>
    public SealBenchmarkResult WithChallengerLogits() => this with { Impressions = [.. Impressions.Select(r => r with { PairLogit = r.ChallengerPairLogit })] };
}
