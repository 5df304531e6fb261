using SealMatch.Engine.Models;
using SealMatch.Synthesis;

namespace SealMatch.Evaluation.Seals;

/// <summary>What labelled set to generate and how to run it.</summary>
public sealed record SealBenchmarkOptions
{
    /// <summary>Seed of the whole set: the same seed gives the same slips, impressions and results.</summary>
    public required int Seed { get; init; }

    /// <summary>Number of genuine impressions to verify.</summary>
    public required int Genuine { get; init; }

    /// <summary>Number of forged impressions to verify, split evenly over F1–F5.</summary>
    public required int Forged { get; init; }

    /// <summary>Scan resolution of slips and specimen cards.</summary>
    public int Dpi { get; init; } = 300;

    /// <summary>Slips drawn per account before a new account (with new seals) is generated.</summary>
    public int SlipsPerAccount { get; init; } = 8;

    /// <summary>When set, slips with a missed seal or a false detection are saved here (image, truth and detections) for diagnosis.</summary>
    public string? FailureFolder { get; init; }

    /// <summary>When set, the difference picture of every slot impression is saved here (slow; for diagnosis with <see cref="OnlySlips"/>).</summary>
    public string? DifferenceFolder { get; init; }

    /// <summary>When set, only these slips of the set are run (to re-examine failures; results are the same as in the full run).</summary>
    public IReadOnlySet<int>? OnlySlips { get; init; }

    /// <summary>
    /// Forgery classes the forged impressions are dealt over, in turn (a class listed twice gets
    /// twice the share); null for F1–F5 evenly, as the benchmark reports.
    /// </summary>
    public IReadOnlyList<ForgeryClass>? ForgeryClasses { get; init; }

    /// <summary>
    /// A second pair model scored on every comparison with the expected specimen
    /// (<see cref="ImpressionRecord.ChallengerPairLogit"/>), so that two pair models are compared on the
    /// very same registered pairs in one run. The engine must keep its pair inputs
    /// (<c>SealEngine.KeepPairInputs</c>); the records then drop them, not to hold every pair in memory.
    /// </summary>
    public OnnxModel? ChallengerPairModel { get; init; }

    /// <summary>Parallel workers (slips in flight).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);
}

/// <summary>Progress of a benchmark run.</summary>
/// <param name="Done">Slips finished.</param>
/// <param name="Total">Slips in the set.</param>
/// <param name="Elapsed">Time since the start.</param>
public readonly record struct BenchmarkProgress(int Done, int Total, TimeSpan Elapsed)
{
    /// <summary>Estimated time left.</summary>
    public TimeSpan Remaining => Done == 0 ? TimeSpan.Zero : Elapsed * ((Total - Done) / (double)Done);
}
