using System.Collections.Concurrent;
using System.Diagnostics;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Signatures;
using SealMatch.Evaluation.Metrics;

namespace SealMatch.Evaluation.Signatures;

/// <summary>What a questioned signature really is, relative to the claimed writer.</summary>
public enum TrialKind
{
    /// <summary>The writer's own signature (not one of the references).</summary>
    Genuine,

    /// <summary>Another writer of the set (in the shared set: the same names, so a same-text impostor).</summary>
    Impostor,

    /// <summary>A skilled forgery of the writer's signature (<c>writer-NNN/forged/*</c>).</summary>
    Skilled,
}

/// <summary>One questioned signature compared with one writer's references.</summary>
/// <param name="Writer">The claimed writer.</param>
/// <param name="Draw">Which reference draw.</param>
/// <param name="Kind">The truth.</param>
/// <param name="Questioned">The questioned image.</param>
/// <param name="Distances">The distances the decision uses.</param>
public sealed record SignatureTrial(int Writer, int Draw, TrialKind Kind, string Questioned, SignatureDistances Distances);

/// <summary>Which writers and images an evaluation or calibration uses, and how references are drawn.</summary>
public sealed record SignatureTrialOptions
{
    /// <summary>The folder (raw images, or images prepared by <c>signatures prepare</c>).</summary>
    public required string Data { get; init; }

    /// <summary>First writer number (inclusive).</summary>
    public required int FirstWriter { get; init; }

    /// <summary>Last writer number (inclusive).</summary>
    public required int LastWriter { get; init; }

    /// <summary>References drawn per writer.</summary>
    public int References { get; init; } = 5;

    /// <summary>Which genuine images take part.</summary>
    public SignatureMedia Media { get; init; } = SignatureMedia.Paper;

    /// <summary>Seed of the reference draws.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Independent reference draws per writer (more trials from the same images).</summary>
    public int Draws { get; init; } = 1;

    /// <summary>Images processed in parallel.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Null: one name per writer (the usual layout). N: each writer wrote N different texts in turn,
    /// image K being text (K − 1) mod N (the shared cross-media set: ten names, once per medium). A
    /// signatory is then a writer signing one text: references and genuine questions come from that
    /// writer's images of the text, impostors are the other writers' images of the same text
    /// (same-text impostors), as at a bank where a signatory always signs the same name.
    /// </summary>
    public int? Texts { get; init; }
}

/// <summary>The embedded images and the trials built from them.</summary>
/// <param name="Trials">Every questioned signature against every claimed writer it is tested against.</param>
/// <param name="MillisecondsPerSignature">Preprocessing plus embedding time of each image, one thread each.</param>
/// <param name="Refused">Images in which the preprocessing found no usable signature (path and reason).</param>
/// <param name="Writers">Writers that took part.</param>
/// <param name="ModelSha256">The embedding model's SHA-256.</param>
/// <param name="PriorSpread">The spread prior the distances were measured with.</param>
public sealed record SignatureTrialSet(
    IReadOnlyList<SignatureTrial> Trials,
    IReadOnlyList<double> MillisecondsPerSignature,
    IReadOnlyList<(string Path, string Reason)> Refused,
    IReadOnlyList<int> Writers,
    string ModelSha256,
    double PriorSpread);

/// <summary>
/// Builds verification trials from a folder of signatures by writer: for each writer, k references
/// drawn (seeded) from its images; its other images are genuine questions, the other writers' images
/// in the range are impostors, and its <c>forged/</c> images are skilled forgeries.
/// </summary>
public static class SignatureTrials
{
    /// <summary>Embeds the images and builds the trials.</summary>
    /// <param name="options">Writers, media, references, seed.</param>
    /// <param name="engine">The engine (its embedding model).</param>
    /// <param name="priorSpread">Spread prior for the distances; null to measure it on these writers (calibration).</param>
    /// <param name="progress">Receives (done, total) as images are embedded.</param>
    /// <exception cref="InvalidOperationException">Fewer than two writers, or a writer with too few images for the references.</exception>
    public static SignatureTrialSet Build(SignatureTrialOptions options, SignatureEngine engine, double? priorSpread, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(engine);
        if (options.References < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "At least one reference is needed.");
        }

        SignatureCorpus corpus = SignatureCorpus.Open(options.Data);
        var samples = corpus.Samples
            .Where(s => s.Writer >= options.FirstWriter && s.Writer <= options.LastWriter && SignatureCorpus.InMedia(s, options.Media))
            .ToList();
        var embeddings = new ConcurrentDictionary<string, float[]>(StringComparer.Ordinal);
        var timings = new ConcurrentBag<double>();
        var refused = new ConcurrentBag<(string, string)>();
        int done = 0;
        Parallel.ForEach(samples, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Workers) }, sample =>
        {
            try
            {
                using ScanImage scan = SignatureCorpus.Load(sample.Path);
                long start = Stopwatch.GetTimestamp();
                SignatureTemplate template = engine.CreateTemplate(scan);
                timings.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                embeddings[sample.Path] = template.Embedding.ToArray();
            }
            catch (ScanRejectedException e)
            {
                refused.Add((sample.Path, e.Message));
            }

            progress?.Report((Interlocked.Increment(ref done), samples.Count));
        });

        var genuine = samples.Where(s => !s.Forged).GroupBy(s => s.Writer).ToDictionary(g => g.Key, g => g.ToList());
        var forged = samples.Where(s => s.Forged).GroupBy(s => s.Writer).ToDictionary(g => g.Key, g => g.ToList());
        List<int> writers = [.. genuine.Keys.Order()];
        if (writers.Count < 2)
        {
            throw new InvalidOperationException($"Writers {options.FirstWriter}–{options.LastWriter} of {options.Data}: {writers.Count} found, at least 2 are needed (the others are impostors).");
        }

        // The spread among one signatory's signatures: per writer, or per writer and text.
        double prior = priorSpread ?? MeasurePriorSpread(
            options.Texts is null ? genuine : genuine.Values.SelectMany(v => v).GroupBy(s => (s.Writer * 1000) + TextOf(s, options.Texts)!.Value).ToDictionary(g => g.Key, g => g.ToList()),
            embeddings);
        var trials = new List<SignatureTrial>();
        for (int draw = 0; draw < options.Draws; draw++)
        {
            foreach ((int writer, int? text) in Signatories(writers, genuine, options.Texts))
            {
                // A refused genuine image is a genuine question that could not be accepted: it stays in
                // the trials as the farthest possible signature.
                List<SignatureSample> own = [.. genuine[writer].Where(s => TextOf(s, options.Texts) == text)];
                if (own.Count <= options.References)
                {
                    throw new InvalidOperationException($"Writer {writer} has {own.Count} images; {options.References} references leave no genuine question.");
                }

                var random = new Random(DrawSeed(options.Seed, writer, draw, text ?? -1));
                SignatureSample[] shuffled = [.. own.Where(s => embeddings.ContainsKey(s.Path))];
                random.Shuffle(shuffled);
                if (shuffled.Length < options.References)
                {
                    throw new InvalidOperationException($"Writer {writer} has only {shuffled.Length} usable images for {options.References} references.");
                }

                List<float[]> references = [.. shuffled.Take(options.References).Select(s => embeddings[s.Path])];
                var referencePaths = shuffled.Take(options.References).Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
                void Add(SignatureSample s, TrialKind kind) => trials.Add(new SignatureTrial(writer, draw, kind, s.Path,
                    embeddings.TryGetValue(s.Path, out float[]? e) ? SignatureDistances.Measure(e, references, prior) : Unusable(options.References, prior)));

                foreach (SignatureSample s in own.Where(s => !referencePaths.Contains(s.Path)))
                {
                    Add(s, TrialKind.Genuine);
                }

                foreach (SignatureSample s in writers.Where(w => w != writer).SelectMany(w => genuine[w]).Where(s => TextOf(s, options.Texts) == text))
                {
                    Add(s, TrialKind.Impostor);
                }

                foreach (SignatureSample s in forged.GetValueOrDefault(writer) ?? [])
                {
                    Add(s, TrialKind.Skilled);
                }
            }
        }

        return new SignatureTrialSet(trials, [.. timings], [.. refused], writers, engine.ModelSha256, prior);
    }

    /// <summary>The signatories: every writer, or every (writer, text) when writers wrote several texts.</summary>
    private static IEnumerable<(int Writer, int? Text)> Signatories(List<int> writers, Dictionary<int, List<SignatureSample>> genuine, int? texts)
    {
        foreach (int writer in writers)
        {
            if (texts is null)
            {
                yield return (writer, null);
                continue;
            }

            foreach (int text in genuine[writer].Select(s => TextOf(s, texts)!.Value).Distinct().Order())
            {
                yield return (writer, text);
            }
        }
    }

    /// <summary>The text of an image when writers wrote <paramref name="texts"/> texts in turn, else null.</summary>
    private static int? TextOf(SignatureSample sample, int? texts) => texts is int n
        ? ((sample.Number ?? throw new InvalidOperationException($"--texts needs numbered images (K.png); {sample.Path} is not.")) - 1) % n
        : null;

    /// <summary>
    /// The typical spread among one writer's signatures: the median over writers of the mean pairwise
    /// cosine distance between that writer's images.
    /// </summary>
    private static double MeasurePriorSpread(Dictionary<int, List<SignatureSample>> genuine, ConcurrentDictionary<string, float[]> embeddings)
    {
        var spreads = new List<double>();
        foreach (List<SignatureSample> own in genuine.Values)
        {
            List<float[]> e = [.. own.Where(s => embeddings.ContainsKey(s.Path)).Select(s => embeddings[s.Path])];
            double sum = 0;
            int pairs = 0;
            for (int i = 0; i < e.Count; i++)
            {
                for (int j = i + 1; j < e.Count; j++)
                {
                    sum += SignatureDistances.Distance(e[i], e[j]);
                    pairs++;
                }
            }

            if (pairs > 0)
            {
                spreads.Add(sum / pairs);
            }
        }

        return spreads.Count == 0 ? SignatureEngineDefaults.PriorSpread : Math.Max(1e-3, Statistics.Median(spreads));
    }

    /// <summary>Distances for a questioned image without usable ink: as far as embeddings can be.</summary>
    private static SignatureDistances Unusable(int references, double prior) => new(2, 2, prior, references);

    /// <summary>
    /// The seed of one draw of references: a fixed mix (FNV-1a over the four values), the same in
    /// every process, so that <c>--seed</c> reproduces a run (<see cref="HashCode"/> is salted per process).
    /// </summary>
    internal static int DrawSeed(int seed, int writer, int draw, int text)
    {
        ulong h = 14695981039346656037UL;
        foreach (int v in (ReadOnlySpan<int>)[seed, writer, draw, text])
        {
            h = (h ^ (uint)v) * 1099511628211UL;
        }

        return (int)((h ^ (h >> 32)) & int.MaxValue);
    }
}

/// <summary>Values the evaluation falls back to where the data says nothing.</summary>
internal static class SignatureEngineDefaults
{
    /// <summary>Spread assumed when no writer has two usable images.</summary>
    public const double PriorSpread = 0.5;
}
