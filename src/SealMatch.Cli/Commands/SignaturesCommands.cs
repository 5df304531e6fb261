using System.CommandLine;
using System.Diagnostics;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Signatures;
using SealMatch.Evaluation.Signatures;

namespace SealMatch.Cli.Commands;

/// <summary><c>signatures prepare</c>: the engine's signature preprocessing over a folder (training input).</summary>
internal static class SignaturesCommands
{
    public static Command Build()
    {
        var signatures = new Command("signatures", "Signature tools: normalise a folder of signatures for training.");
        signatures.Subcommands.Add(BuildPrepare());
        return signatures;
    }

    internal static Option<SignatureMedia> MediaOption() => new("--media")
    {
        Description = "paper: images 1–10 of each writer (the shared set's paper scans); all: every image.",
        DefaultValueFactory = _ => SignatureMedia.All,
    };

    private static Command BuildPrepare()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder laid out writer-NNN/K.png|jpg|tif (+ writer-NNN/forged/*).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the normalised images (same layout, PNG).", Required = true };
        var media = MediaOption();
        var command = new Command("prepare", $"Normalise every signature (ink only, {SignatureImage.Width}×{SignatureImage.Height} canvas) with the engine's preprocessing.")
        {
            data, output, media,
        };
        command.SetAction(parse =>
        {
            SignatureCorpus corpus;
            try
            {
                corpus = SignatureCorpus.Open(parse.GetValue(data)!.FullName);
            }
            catch (DirectoryNotFoundException e)
            {
                return CliOutput.Error(e.Message);
            }

            string root = parse.GetValue(output)!.FullName;
            SignatureMedia selection = parse.GetValue(media);
            var samples = corpus.Samples.Where(s => SignatureCorpus.InMedia(s, selection)).ToList();
            int done = 0, failed = 0;
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            object gate = new();
            Parallel.ForEach(samples, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, sample =>
            {
                string target = Path.ChangeExtension(Path.Combine(root, sample.RelativePath(corpus.Root)), ".png");
                try
                {
                    using ScanImage scan = SignatureCorpus.Load(sample.Path);
                    SignatureImage prepared = SignaturePreprocessor.Prepare(scan);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllBytes(target, prepared.EncodePng());
                }
                catch (ScanRejectedException e)
                {
                    Interlocked.Increment(ref failed);
                    Console.Error.WriteLine($"{sample.Path}: {e.Message}");
                }

                int n = Interlocked.Increment(ref done);
                lock (gate)
                {
                    if (n == samples.Count || clock.Elapsed - lastReport > TimeSpan.FromSeconds(5))
                    {
                        lastReport = clock.Elapsed;
                        Console.Error.WriteLine($"prepare: {n}/{samples.Count} signatures, {clock.Elapsed.TotalSeconds:F0} s");
                    }
                }
            });
            Console.WriteLine($"{samples.Count - failed} signatures written to {root}; {failed} refused.");
            return failed == 0 ? 0 : CliOutput.Failure;
        });
        return command;
    }
}
