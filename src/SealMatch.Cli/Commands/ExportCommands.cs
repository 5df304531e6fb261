using System.CommandLine;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Verification;
using SealMatch.Evaluation.Seals;
using SealMatch.Synthesis;

namespace SealMatch.Cli.Commands;

/// <summary><c>export seal-pairs</c>: training data for the learned pair model, from the same pipeline as <c>eval seals</c>.</summary>
internal static class ExportCommands
{
    public static Command Build()
    {
        var export = new Command("export", "Export training data for the learned models.");
        export.Subcommands.Add(BuildSealPairs());
        return export;
    }

    private static Command BuildSealPairs()
    {
        var (seed, genuine, forged, dpi, workers) = EvalCommands.SetOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for pairs.npy, labels.csv and export.json.", Required = true };
        Option<string[]> classes = ClassesOption("Forgery classes to deal the forged impressions over, in turn (e.g. F1,F1,F2,F3,F3,F4,F5; a class listed twice gets twice the share). Default F1–F5 evenly.");
        var command = new Command("seal-pairs", "Generate a slip set from a seed, localise and register every slot impression against its expected specimen, and write the registered pairs the pair model sees.")
        {
            seed, genuine, forged, dpi, workers, output, classes,
        };
        command.SetAction(parse =>
        {
            ForgeryClass[] chosen;
            try
            {
                chosen = [.. (parse.GetValue(classes) ?? []).Select(ParseClass)];
            }
            catch (FormatException e)
            {
                return CliOutput.Error(e.Message);
            }

            var options = new SealBenchmarkOptions
            {
                Seed = parse.GetValue(seed),
                Genuine = parse.GetValue(genuine),
                Forged = parse.GetValue(forged),
                Dpi = parse.GetValue(dpi),
                Workers = Math.Max(1, parse.GetValue(workers)),
                ForgeryClasses = chosen.Length == 0 ? null : chosen,
            };
            if (options.Dpi is < 150 or > 1200)
            {
                return CliOutput.Error("--dpi must be between 150 and 1200.");
            }

            if (options.Genuine < 0 || options.Forged < 0 || options.Genuine + options.Forged == 0)
            {
                return CliOutput.Error("ask for at least one impression.");
            }

            string folder = parse.GetValue(output)!.FullName;
            Console.Error.WriteLine($"export seal-pairs: seed {options.Seed}, {options.Genuine} genuine + {options.Forged} forged impressions at {options.Dpi} dpi → {folder}");

            // Measurements only (no score model, no pair model): the export must not depend on the model it trains.
            var engine = new SealEngine(model: null, detector: null, useEmbeddedModel: false) { KeepPairInputs = true };
            SealBenchmarkResult run = SealBenchmark.Run(options, engine, new ProgressBar("export"));
            SealPairExport.Summary summary = SealPairExport.Write(run, folder, ScoreModel.LoadClassical());
            Console.WriteLine($"{summary.Pairs} pairs ({summary.Genuine} genuine) written to {folder}; {summary.WithoutPair} slot impressions had no pair (missed or ruled out by size)");
            return 0;
        });
        return command;
    }

    /// <summary>A <c>--classes</c> option: forgery class names, comma or space separated (see <see cref="ParseClass"/>).</summary>
    internal static Option<string[]> ClassesOption(string description) => new("--classes")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
    };

    internal static ForgeryClass ParseClass(string name) => name.ToUpperInvariant() switch
    {
        "F1" => ForgeryClass.F1ReCarved,
        "F2" => ForgeryClass.F2LookAlike,
        "F3" => ForgeryClass.F3PrintedCopy,
        "F4" => ForgeryClass.F4OtherSealOfCustomer,
        "F5" => ForgeryClass.F5Unrelated,
        _ => throw new FormatException($"unknown forgery class '{name}' (F1–F5)."),
    };
}
