using System.Globalization;
using System.Text;
using System.Text.Json;
using SealMatch.Engine;
using SealMatch.Engine.Comparison;

namespace SealMatch.Evaluation.Seals;

/// <summary>
/// Writes the registered specimen/impression pairs of a benchmark run as training data for the pair
/// model (<c>models/training/seal_pair.py</c>): <c>pairs.bin</c> (the pairs' bytes one after another,
/// each [<see cref="SealPairInput.Channels"/>, side, side] uint8: exactly the bytes the engine feeds the
/// model at serving time), <c>labels.csv</c> (one row per pair, in the same order, with its
/// <c>side</c>, byte <c>offset</c> and, for a re-carved seal, its <c>primary_change</c>) and <c>export.json</c> (what was generated).
/// </summary>
/// <remarks>
/// Only slot impressions that were found and compared with their expected specimen have a pair; the
/// rest (missed, or ruled out by size) are counted in <c>export.json</c>.
/// </remarks>
public static class SealPairExport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>What an export wrote.</summary>
    /// <param name="Pairs">Pairs written.</param>
    /// <param name="Genuine">Of which genuine.</param>
    /// <param name="WithoutPair">Slot impressions without a pair (not found, or ruled out by size).</param>
    public sealed record Summary(int Pairs, int Genuine, int WithoutPair);

    /// <summary>Writes the export of <paramref name="run"/> (made with an engine that keeps pair inputs) into <paramref name="folder"/>.</summary>
    /// <param name="run">The benchmark run.</param>
    /// <param name="folder">Output folder (created).</param>
    /// <param name="classical">Score model whose probability goes into <c>labels.csv</c> for reference; may be null.</param>
    public static Summary Write(SealBenchmarkResult run, string folder, ScoreModel? classical)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        List<ImpressionRecord> rows = [.. run.Impressions.Where(r => r.PairInput is not null && r.Measurements is not null)];
        if (rows.Any(r => r.PairInput!.Data.Length != SealPairInput.Channels * r.PairInput.Side * r.PairInput.Side))
        {
            throw new InvalidOperationException("A pair input has the wrong size.");
        }

        var offsets = new long[rows.Count];
        using (FileStream bin = File.Create(Path.Combine(folder, "pairs.bin")))
        {
            for (int i = 0; i < rows.Count; i++)
            {
                offsets[i] = bin.Position;
                bin.Write(rows[i].PairInput!.Data);
            }
        }

        var csv = new StringBuilder();
        csv.AppendLine("index,seed,slip,slot,genuine,class,expected_kind,side,offset,classical_probability," + string.Join(",", ComparisonMeasurements.FeatureNames) + ",primary_change");
        for (int i = 0; i < rows.Count; i++)
        {
            ImpressionRecord r = rows[i];
            double? p = classical?.UsesPairLogit == false ? classical.Probability(r.Measurements!) : null;
            csv.Append(CultureInfo.InvariantCulture, $"{i},{run.Options.Seed},{r.Slip},{r.Slot},{(r.Genuine ? 1 : 0)},{r.Class},{r.ExpectedKind},{r.PairInput!.Side},{offsets[i]},{p:0.######},");
            csv.Append(string.Join(",", r.Measurements!.ToVector().Select(v => v.ToString("0.######", CultureInfo.InvariantCulture))));
            csv.AppendLine("," + r.PrimaryChange);
        }

        File.WriteAllText(Path.Combine(folder, "labels.csv"), csv.ToString());
        var summary = new Summary(rows.Count, rows.Count(r => r.Genuine), run.Impressions.Count - rows.Count);
        var meta = new Dictionary<string, object>
        {
            ["seed"] = run.Options.Seed,
            ["dpi"] = run.Options.Dpi,
            ["genuine_requested"] = run.Options.Genuine,
            ["forged_requested"] = run.Options.Forged,
            ["forgery_classes"] = run.Options.ForgeryClasses is { Count: > 0 } c ? c.Select(SealBenchmark.ClassName).ToArray() : new[] { "F1", "F2", "F3", "F4", "F5" },
            ["pairs"] = summary.Pairs,
            ["genuine_pairs"] = summary.Genuine,
            ["slot_impressions_without_pair"] = summary.WithoutPair,
            ["channels"] = SealPairInput.Channels,
            ["input_version"] = SealPairInput.Version,
            ["max_side"] = SealPairInput.MaxSide,
            ["engine_version"] = EngineInfo.EngineVersion,
        };
        File.WriteAllText(Path.Combine(folder, "export.json"), JsonSerializer.Serialize(meta, Json));
        return summary;
    }
}
