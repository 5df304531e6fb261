using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Models;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Synthesis;
using EngineInk = SealMatch.Engine.Imaging.InkColour;

namespace SealMatch.Evaluation.Seals;

/// <summary>
/// Generates a labelled slip set from a seed and runs the full pipeline on it: specimen cards are
/// scanned and their seals extracted and normalised; every slip is scanned, its impressions are
/// localised (generic detector plus specimen-guided search), registered and compared with the
/// account's specimens. Nothing here knows the thresholds: the records feed both the evaluation
/// report and the calibration.
/// </summary>
/// <remarks>
/// Each slip has two slots: the finance seal (80 %) or company seal, and the legal
/// representative's name seal, stamped in the signature box over its print; 15 % of slips have the
/// two touching or overlapping. Each slot holds a genuine impression or a forgery, so that the set
/// has exactly the requested numbers of each, forgeries split evenly over F1–F5. 30 % of slips also
/// carry the bank's own processing stamp (a true seal that is not verified) and 20 % carry red
/// print that is not a seal. Accounts change every <see cref="SealBenchmarkOptions.SlipsPerAccount"/> slips.
/// </remarks>
public static class SealBenchmark
{
    private static readonly ForgeryClass[] Classes =
        [ForgeryClass.F1ReCarved, ForgeryClass.F2LookAlike, ForgeryClass.F3PrintedCopy, ForgeryClass.F4OtherSealOfCustomer, ForgeryClass.F5Unrelated];

    /// <summary>Runs the benchmark.</summary>
    public static SealBenchmarkResult Run(SealBenchmarkOptions options, SealEngine engine, IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(engine);
        if (options.Genuine < 0 || options.Forged < 0 || options.Genuine + options.Forged == 0)
        {
            throw new ArgumentException("Ask for at least one impression.", nameof(options));
        }

        var clock = Stopwatch.StartNew();
        var root = new SynthRandom((ulong)options.Seed).Fork("seal-benchmark");
        List<ForgeryClass?> jobs = Plan(options, root.Fork("plan"));
        int slips = (jobs.Count + 1) / 2;
        int accounts = (slips + options.SlipsPerAccount - 1) / options.SlipsPerAccount;
        var contexts = new ConcurrentDictionary<int, Lazy<AccountContext>>();
        int[] selected = [.. Enumerable.Range(0, slips).Where(s => options.OnlySlips is null || options.OnlySlips.Contains(s))];
        var remaining = new int[accounts];
        foreach (int s in selected)
        {
            remaining[s / options.SlipsPerAccount]++;
        }

        var impressions = new ConcurrentBag<ImpressionRecord>();
        var slipRecords = new ConcurrentBag<SlipRecord>();
        int done = 0;
        Parallel.ForEach(selected, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken }, slip =>
        {
            int a = slip / options.SlipsPerAccount;
            Lazy<AccountContext> lazy = contexts.GetOrAdd(a, i => new Lazy<AccountContext>(() => AccountContext.Create(engine, root.Fork("account", i), options.Dpi)));
            AccountContext account = lazy.Value;
            ForgeryClass?[] slotJobs = jobs.Skip(2 * slip).Take(2).ToArray();
            (SlipRecord record, List<ImpressionRecord> slots) = RunSlip(engine, account, slip, slotJobs, root.Fork("slip", slip), options.Dpi, options.FailureFolder, options.DifferenceFolder, options.ChallengerPairModel);
            slipRecords.Add(record);
            foreach (ImpressionRecord r in slots)
            {
                impressions.Add(r);
            }

            if (Interlocked.Decrement(ref remaining[a]) == 0 && contexts.TryRemove(a, out Lazy<AccountContext>? finished))
            {
                finished.Value.Dispose();
            }

            progress?.Report(new BenchmarkProgress(Interlocked.Increment(ref done), selected.Length, clock.Elapsed));
        });

        return new SealBenchmarkResult(
            options,
            [.. impressions.OrderBy(r => r.Slip).ThenBy(r => r.Slot)],
            [.. slipRecords.OrderBy(r => r.Slip)],
            clock.Elapsed);
    }

    /// <summary>The labels of all slots: null for genuine, else the forgery class; shuffled.</summary>
    private static List<ForgeryClass?> Plan(SealBenchmarkOptions options, SynthRandom rng)
    {
        var jobs = new List<ForgeryClass?>(options.Genuine + options.Forged);
        for (int i = 0; i < options.Genuine; i++)
        {
            jobs.Add(null);
        }

        IReadOnlyList<ForgeryClass> classes = options.ForgeryClasses is { Count: > 0 } chosen ? chosen : Classes;
        for (int i = 0; i < options.Forged; i++)
        {
            jobs.Add(classes[i % classes.Count]);
        }

        for (int i = jobs.Count - 1; i > 0; i--)
        {
            int j = rng.Int(0, i + 1);
            (jobs[i], jobs[j]) = (jobs[j], jobs[i]);
        }

        return jobs;
    }

    private static (SlipRecord, List<ImpressionRecord>) RunSlip(SealEngine engine, AccountContext account, int slip, ForgeryClass?[] slotJobs, SynthRandom rng, int dpi, string? failureFolder, string? differenceFolder, OnnxModel? challenger)
    {
        AccountSeals seals = account.Seals;
        SealKind main = rng.Fork("main").Bernoulli(0.8) ? SealKind.FinanceSeal : SealKind.CompanySeal;
        SealKind[] kinds = [main, SealKind.LegalRepresentativeNameSeal];
        var placed = new List<SlipImpression>();
        for (int slot = 0; slot < slotJobs.Length; slot++)
        {
            ImpressionSource source = slotJobs[slot] is ForgeryClass cls
                ? Forger.Make(seals, kinds[slot], cls, rng.Fork("forgery", slot))
                : ImpressionSource.Genuine(seals.Layout(kinds[slot]), ImpressionConditions.RandomGenuine(rng.Fork("conditions", slot)));
            SynthRandom place = rng.Fork("place", slot);
            placed.Add(slot == 1 && place.Bernoulli(0.15)
                ? new SlipImpression(source, SlotRole.TouchingOther, 0, place.Uniform(-0.03, 0.25))
                : new SlipImpression(source, SlotRole.SignatureBox));
        }

        var spec = new SlipSpec { Impressions = placed, AddBankStamp = rng.Fork("bank").Bernoulli(0.3), PayerName = seals.CompanyName };
        GeneratedDocument document = SlipGenerator.Generate(spec, ScanSettings.Random(rng.Fork("scan"), dpi), rng.Fork("generate"));
        DocumentTruth truth = document.Truth;

        // The pipeline, timed as a teller system would see it: decode, analyse with the account's specimens.
        var clock = Stopwatch.StartNew();
        using ScanImage scan = ScanImage.Load(document.File.Span, truth.DpiInMetadata ? null : truth.Dpi);
        SlipAnalysis analysis = engine.AnalyseSlip(scan, account.All, renderDifference: differenceFolder is not null);
        IReadOnlyList<ImpressionFinding> findings = analysis.Impressions;
        double ms = clock.Elapsed.TotalMilliseconds;

        // Match truth seals (slots and the bank's stamp) to findings, nearest first.
        IReadOnlyList<DocumentImpressionTruth> truths = truth.Impressions;
        var pairs = new List<(int Truth, int Finding, double Distance)>();
        for (int t = 0; t < truths.Count; t++)
        {
            ImpressionTruth g = truths[t].Geometry;
            double tolerance = Math.Max(0.35 * Math.Min(g.WidthMm, g.HeightMm), 3.0) * g.PixelsPerMm;
            for (int f = 0; f < findings.Count; f++)
            {
                double d = Math.Sqrt(Math.Pow(findings[f].Detection.Centre.X - g.CentreX, 2) + Math.Pow(findings[f].Detection.Centre.Y - g.CentreY, 2));
                if (d <= tolerance)
                {
                    pairs.Add((t, f, d));
                }
            }
        }

        var truthToFinding = new Dictionary<int, int>();
        var usedFindings = new HashSet<int>();
        foreach (var p in pairs.OrderBy(p => p.Distance))
        {
            if (!truthToFinding.ContainsKey(p.Truth) && usedFindings.Add(p.Finding))
            {
                truthToFinding[p.Truth] = p.Finding;
            }
        }

        var records = new List<ImpressionRecord>();
        int slotIndex = 0;
        for (int t = 0; t < truths.Count; t++)
        {
            DocumentImpressionTruth it = truths[t];
            if (it.Label is not (ImpressionLabel.Genuine or ImpressionLabel.Forged))
            {
                continue;
            }

            int slot = slotIndex++;
            string expected = it.ExpectedDesignId ?? throw new InvalidOperationException("A slot impression has no expected design.");
            SealTemplate template = account.Templates[expected];
            bool found = truthToFinding.TryGetValue(t, out int fi);
            Engine.Comparison.ComparisonMeasurements? measurements = null;
            double? pairLogit = null;
            Engine.Comparison.SealPairInput.Pair? pairInput = null;
            double? rotationError = null;
            string? foundBy = null;
            bool sizeMismatch = false;
            if (found)
            {
                ImpressionFinding finding = findings[fi];
                foundBy = finding.Detection.Source.ToString();
                if (finding.Comparisons[account.All.IndexOf(template)] is SealComparison c)
                {
                    measurements = c.Measurements;
                    pairLogit = c.PairLogit;
                    pairInput = c.PairInput;
                    if (differenceFolder is not null && c.DifferencePng is not null)
                    {
                        Directory.CreateDirectory(differenceFolder);
                        File.WriteAllBytes(Path.Combine(differenceFolder, string.Create(CultureInfo.InvariantCulture, $"slip-{slip:D5}-slot{slot}-{(it.Forgery is ForgeryClass f ? ClassName(f) : "genuine")}.png")), c.DifferencePng);
                    }

                    if (it.Label == ImpressionLabel.Genuine)
                    {
                        double expectedRotation = it.Geometry.RotationDeg - account.CardRotation[expected];
                        rotationError = Math.Abs(ImpressionTruth.NormaliseDeg(c.Pose.RotationDeg - expectedRotation));
                    }
                }
                else
                {
                    // Found, but its size rules the expected specimen out: the engine does not match them.
                    sizeMismatch = true;
                }
            }

            records.Add(new ImpressionRecord
            {
                Slip = slip,
                Slot = slot,
                Genuine = it.Label == ImpressionLabel.Genuine,
                Class = it.Forgery is ForgeryClass cls ? ClassName(cls) : "genuine",
                ExpectedKind = kinds[Math.Min(slot, kinds.Length - 1)].ToString(),
                Found = found,
                SizeMismatch = sizeMismatch,
                FoundBy = foundBy,
                Measurements = measurements,
                RotationErrorDeg = rotationError,
                VisibleFraction = it.Geometry.VisibleFraction,
                Changes = it.Changes.Count == 0 ? null : string.Join("; ", it.Changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Element} {c.Kind} {c.Amount:0.###}"))),
                PrimaryChange = it.Forgery == ForgeryClass.F1ReCarved
                    ? it.Changes.FirstOrDefault(c => Forger.ReCarvings.Contains(c.Kind))?.Kind
                    : null,
                PairLogit = pairLogit,
                ChallengerPairLogit = challenger is not null && pairInput is not null ? Engine.Comparison.SealPairInput.Score(challenger, pairInput) : null,
                PairInput = challenger is null ? pairInput : null,
            });
        }

        int falseDetections = findings.Count - usedFindings.Count;
        int missed = truths.Count - truthToFinding.Count;
        if (failureFolder is not null && (falseDetections > 0 || missed > 0))
        {
            SaveFailure(failureFolder, slip, document, findings.Select(f => f.Detection));
        }
        return (new SlipRecord(slip, ms, truths.Count, findings.Count, falseDetections, missed, account.OperatorBoxes), records);
    }

    private static void SaveFailure(string folder, int slip, GeneratedDocument document, IEnumerable<DetectedSeal> detections)
    {
        Directory.CreateDirectory(folder);
        string name = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"slip-{slip:D5}"));
        File.WriteAllBytes(name + (document.Truth.Format == SealMatch.Synthesis.ImageFormat.Jpeg ? ".jpg" : ".png"), document.ToArray());
        var options = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(name + ".truth.json", System.Text.Json.JsonSerializer.Serialize(document.Truth, options));
        File.WriteAllText(name + ".found.json", System.Text.Json.JsonSerializer.Serialize(
            detections.Select(d => new { d.Source, d.Shape, Box = d.Box.ToArray(), d.Centre.X, d.Centre.Y, d.WidthMm, d.HeightMm, d.Confidence }), options));
    }

    /// <summary>F1..F5.</summary>
    public static string ClassName(ForgeryClass cls) => "F" + ((int)cls + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>An account's seals and the specimens the bank made from its scanned specimen card.</summary>
    private sealed class AccountContext : IDisposable
    {
        public required AccountSeals Seals { get; init; }

        /// <summary>Template per design id.</summary>
        public required Dictionary<string, SealTemplate> Templates { get; init; }

        /// <summary>All the account's specimens, as handed to the engine.</summary>
        public required List<SealTemplate> All { get; init; }

        /// <summary>Rotation of each design's impression on the card (truth), for rotation errors.</summary>
        public required Dictionary<string, double> CardRotation { get; init; }

        /// <summary>Specimens the extractor missed, taken from an operator-drawn box instead.</summary>
        public required int OperatorBoxes { get; init; }

        public static AccountContext Create(SealEngine engine, SynthRandom rng, int dpi)
        {
            AccountSeals seals = SealDesigner.CreateAccount(rng.Fork("seals"));
            GeneratedDocument card = SpecimenCardGenerator.Generate(seals, ScanSettings.Random(rng.Fork("card-scan"), dpi), rng.Fork("card"));
            using ScanImage scan = ScanImage.Load(card.File.Span, card.Truth.DpiInMetadata ? null : card.Truth.Dpi);
            var templates = new Dictionary<string, SealTemplate>();
            var rotations = new Dictionary<string, double>();
            int operatorBoxes = 0;
            var candidatesByInk = new Dictionary<EngineInk, IReadOnlyList<DetectedSeal>>();
            foreach (SealDesign design in seals.Designs)
            {
                var ink = (EngineInk)(int)design.Ink;
                if (!candidatesByInk.TryGetValue(ink, out IReadOnlyList<DetectedSeal>? candidates))
                {
                    candidates = engine.ExtractSpecimenCandidates(scan, ink);
                    candidatesByInk[ink] = candidates;
                }

                DocumentImpressionTruth onCard = card.Truth.Impressions.First(i => i.Geometry.DesignId == design.Id);
                ImpressionTruth g = onCard.Geometry;
                rotations[design.Id] = g.RotationDeg;
                DetectedSeal? match = candidates
                    .Where(c => Math.Sqrt(Math.Pow(c.Centre.X - g.CentreX, 2) + Math.Pow(c.Centre.Y - g.CentreY, 2)) < 0.3 * Math.Min(g.WidthMm, g.HeightMm) * g.PixelsPerMm)
                    .OrderByDescending(c => c.Confidence)
                    .FirstOrDefault();
                if (match is not null)
                {
                    templates[design.Id] = engine.CreateTemplate(scan, match, candidates);
                }
                else
                {
                    // The operator draws the box the extractor missed.
                    var box = new Engine.Geometry.PixelBox((int)g.FootprintBox.X, (int)g.FootprintBox.Y, (int)Math.Ceiling(g.FootprintBox.Width), (int)Math.Ceiling(g.FootprintBox.Height));
                    templates[design.Id] = engine.CreateTemplate(scan, box.Inflate((int)(2 * g.PixelsPerMm)), ink);
                    operatorBoxes++;
                }
            }

            return new AccountContext
            {
                Seals = seals,
                Templates = templates,
                All = [.. seals.Designs.Select(d => templates[d.Id])],
                CardRotation = rotations,
                OperatorBoxes = operatorBoxes,
            };
        }

        public void Dispose()
        {
            foreach (SealTemplate t in Templates.Values)
            {
                t.Dispose();
            }
        }
    }
}
