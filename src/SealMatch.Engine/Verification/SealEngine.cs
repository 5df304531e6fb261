using System.Diagnostics;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Models;
using SealMatch.Engine.Registration;
using SealMatch.Engine.Review;
using SealMatch.Engine.Specimens;

namespace SealMatch.Engine.Verification;

/// <summary>
/// The seal verification engine's entry point: find seals on a scan, turn specimens into templates,
/// and compare impressions with specimens. Thread-safe; one instance serves the whole process.
/// </summary>
public sealed class SealEngine
{
    private readonly SealDetector _detector;

    /// <summary>Creates an engine with a score model (by default the calibrated model embedded in the engine).</summary>
    /// <param name="model">Score model; when null the embedded default is used if present.</param>
    /// <param name="detector">Detector settings; defaults when null.</param>
    /// <param name="useEmbeddedModel">False to run without any model (measurements only), as calibration does.</param>
    /// <param name="pairModel">
    /// The learned pair model to run on every registered pair. When null, the embedded
    /// <c>seal-pair</c> model is used if the score model is fused (needs its logit), and no pair model
    /// runs otherwise.
    /// </param>
    /// <exception cref="InvalidOperationException">The score model is fused and no pair model is available, or not the one it was fitted with.</exception>
    public SealEngine(ScoreModel? model = null, SealDetector? detector = null, bool useEmbeddedModel = true, OnnxModel? pairModel = null)
    {
        Model = model ?? (useEmbeddedModel ? ScoreModel.LoadDefault() : null);
        _detector = detector ?? new SealDetector();
        PairModel = pairModel ?? (Model?.UsesPairLogit == true ? OnnxModel.Embedded(SealPairInput.ModelName) : null);
        if (Model?.UsesPairLogit == true && PairModel is null)
        {
            throw new InvalidOperationException("The score model is fused with the pair model, but the engine was built without models/seal-pair.onnx.");
        }

        if (Model?.UsesPairLogit == true && !string.Equals(Model.PairModelSha256, PairModel!.Sha256, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The score model was fitted on pair model {Model.PairModelSha256}, not on {PairModel.Sha256}: run the calibration again.");
        }
    }

    /// <summary>The score model, or null when none is available (measurements only).</summary>
    public ScoreModel? Model { get; }

    /// <summary>The learned pair model run on every registered pair, or null when none runs.</summary>
    public OnnxModel? PairModel { get; }

    /// <summary>Keep each comparison's pair-model input (<see cref="SealComparison.PairInput"/>), for the training export.</summary>
    public bool KeepPairInputs { get; init; }

    /// <summary>Finds seal impressions of the given ink colour.</summary>
    public IReadOnlyList<DetectedSeal> FindSeals(ScanImage scan, InkColour ink = InkColour.Red)
    {
        ArgumentNullException.ThrowIfNull(scan);
        using var separation = InkSeparation.Analyse(scan, ink);
        return _detector.Detect(separation);
    }

    /// <summary>
    /// Suggests the seals of a scanned specimen card as specimen candidates, in reading order (top to
    /// bottom, left to right), for an operator to confirm.
    /// </summary>
    public IReadOnlyList<DetectedSeal> ExtractSpecimenCandidates(ScanImage card, InkColour ink = InkColour.Red)
    {
        IReadOnlyList<DetectedSeal> seals = FindSeals(card, ink);
        double rowHeight = 15 / card.MillimetresPerPixel;
        return [.. seals.OrderBy(s => Math.Round(s.Centre.Y / rowHeight)).ThenBy(s => s.Centre.X)];
    }

    /// <summary>Normalises one seal of a scan into a specimen template.</summary>
    /// <param name="scan">The scan (a specimen card or a single-seal image).</param>
    /// <param name="seal">The seal to take, as detected (or confirmed by an operator).</param>
    /// <param name="others">Other seals on the scan; where they overlap this one the template is marked unknown.</param>
    public SealTemplate CreateTemplate(ScanImage scan, DetectedSeal seal, IReadOnlyList<DetectedSeal>? others = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(seal);
        using var separation = InkSeparation.Analyse(scan, seal.Ink);
        CanonicalSeal canvas = CanonicalSeal.Cut(separation, scan, seal.Outline, toReference: true, Outlines(others, seal));
        return SealTemplate.FromCanvas(canvas, seal.Ink, scan.Dpi, CanonicalSeal.ReferenceAngle(seal.Outline));
    }

    /// <summary>
    /// Makes a template from a region of a scan chosen by an operator (for example a box on a
    /// specimen card): the most confident seal whose centre lies in the region is taken; when the
    /// detector finds none there, the region itself is taken as the seal's rectangle.
    /// </summary>
    public SealTemplate CreateTemplate(ScanImage scan, PixelBox region, InkColour ink = InkColour.Red)
    {
        ArgumentNullException.ThrowIfNull(scan);
        PixelBox clipped = region.ClipTo(scan.Width, scan.Height);
        if (clipped.Width * scan.MillimetresPerPixel < 5 || clipped.Height * scan.MillimetresPerPixel < 5)
        {
            throw new ArgumentException("The region is smaller than 5 mm or outside the scan.", nameof(region));
        }

        IReadOnlyList<DetectedSeal> seals = FindSeals(scan, ink);
        bool Inside(PointD p) => p.X >= clipped.X && p.X < clipped.Right && p.Y >= clipped.Y && p.Y < clipped.Bottom;
        DetectedSeal seal = seals.Where(s => Inside(s.Centre)).OrderByDescending(s => s.Confidence).FirstOrDefault()
            ?? new DetectedSeal(clipped, new SealOutline(SealShapeKind.Rectangle, clipped.Centre, clipped.Width, clipped.Height, 0),
                clipped.Width * scan.MillimetresPerPixel, clipped.Height * scan.MillimetresPerPixel, ink, 0, DetectionSource.Generic);
        return CreateTemplate(scan, seal, seals);
    }

    /// <summary>
    /// Makes a template from an image showing a single seal (it may carry print): the most
    /// confident detection is taken.
    /// </summary>
    /// <exception cref="InvalidOperationException">No seal is visible in the image.</exception>
    public SealTemplate CreateTemplateFromSealImage(ScanImage image, InkColour ink = InkColour.Red)
    {
        IReadOnlyList<DetectedSeal> seals = FindSeals(image, ink);
        DetectedSeal seal = seals.OrderByDescending(s => s.Confidence * s.WidthMm * s.HeightMm).FirstOrDefault()
            ?? throw new InvalidOperationException("No seal impression was found in the specimen image.");
        return CreateTemplate(image, seal, seals);
    }

    /// <summary>Registers and compares one impression on a slip with one specimen.</summary>
    public SealComparison Compare(SealTemplate specimen, ScanImage slip, DetectedSeal impression, IReadOnlyList<DetectedSeal>? others = null, bool renderDifference = false)
    {
        ArgumentNullException.ThrowIfNull(specimen);
        ArgumentNullException.ThrowIfNull(slip);
        ArgumentNullException.ThrowIfNull(impression);
        using var separation = InkSeparation.Analyse(slip, impression.Ink);
        using CanonicalSeal canvas = CutImpression(separation, slip, impression, others);
        return Compare(specimen, canvas, slip, impression, renderDifference);
    }

    /// <summary>
    /// Finds every impression on a slip and compares each with every specimen it could be.
    /// </summary>
    /// <remarks>
    /// Candidates come from the generic detector, for each ink colour among the specimens and for
    /// <paramref name="ink"/> (the bank's own processing stamps are red whatever the account's seals
    /// are), and from a direct search for each specimen. The generic detections are the
    /// impressions; where two ink colours see the same impression the stronger detection stays. A
    /// specimen-guided candidate is added only where registration against its specimen confirms it
    /// and no detection already covers that place: it rescues an impression the generic detector
    /// missed, never replaces one it found. Specimens whose size cannot match an impression (outside
    /// 0.6–1.3 of it) are not compared with it.
    /// </remarks>
    public SlipAnalysis AnalyseSlip(ScanImage slip, IReadOnlyList<SealTemplate> specimens, InkColour ink = InkColour.Red, bool renderDifference = false)
    {
        ArgumentNullException.ThrowIfNull(slip);
        ArgumentNullException.ThrowIfNull(specimens);
        var clock = Stopwatch.StartNew();
        InkColour[] inks = [.. specimens.Select(s => s.Ink).Append(ink).Distinct()];
        var separations = new Dictionary<InkColour, InkSeparation>();
        try
        {
            var generic = new List<DetectedSeal>();
            var nearMisses = new Dictionary<InkColour, IReadOnlyList<DetectedSeal>>();
            var overviews = new Dictionary<InkColour, InkLayer>();
            try
            {
                foreach (InkColour colour in inks)
                {
                    long t0 = Profiling.Start();
                    InkSeparation separation = InkSeparation.Analyse(slip, colour);
                    separations[colour] = separation;
                    overviews[colour] = separation.Overview(SealDetector.WorkingMillimetresPerPixel);
                    Profiling.Stop("slip.separation", t0);
                    t0 = Profiling.Start();
                    (IReadOnlyList<DetectedSeal> found, nearMisses[colour]) = _detector.DetectWithNearMisses(overviews[colour], colour);
                    generic.AddRange(found);
                    Profiling.Stop("slip.detect", t0);
                }

                generic = SealDetector.ResolveAcrossInks(generic);
                var guided = new List<DetectedSeal>();
                foreach (InkColour colour in inks)
                {
                    long t0 = Profiling.Start();
                    List<int> indices = [.. Enumerable.Range(0, specimens.Count).Where(i => specimens[i].Ink == colour)];
                    if (indices.Count > 0)
                    {
                        guided.AddRange(SpecimenGuidedSearch.Search(overviews[colour], [.. indices.Select(i => specimens[i])], generic, colour)
                            .Select(g => g with { GuidedBy = indices[g.GuidedBy ?? 0] }));
                        guided.AddRange(NearMissCandidates(nearMisses[colour], indices, specimens, guided, slip.MillimetresPerPixel));
                    }

                    Profiling.Stop("slip.guided", t0);
                }

                var findings = new List<ImpressionFinding>();
                foreach (DetectedSeal detection in generic)
                {
                    findings.Add(Evaluate(detection, null));
                }

                var confirmed = new List<ImpressionFinding>();
                foreach (DetectedSeal detection in guided)
                {
                    // Where a detection already covers the place and was compared with this specimen,
                    // the candidate adds nothing. A detection of another size (an outline drawn around
                    // two touching seals, or around a fragment) was not compared with it: register.
                    int guide = detection.GuidedBy ?? 0;
                    SealTemplate specimen = specimens[guide];
                    if (findings.Any(f => Covers(f.Detection, detection, specimen) && SizesCompatible(f.Detection, specimen)))
                    {
                        continue;
                    }

                    ImpressionFinding first = Evaluate(detection, guide);
                    if (Diagnostics.Enabled && first.Comparisons[guide] is { } g)
                    {
                        Diagnostics.Log($"guided candidate ({detection.Centre.X:F0},{detection.Centre.Y:F0}) specimen {guide}: overlap={g.Measurements.RegistrationOverlap:F2} corr={g.Measurements.Correlation:F2} p={g.Probability:F3}");
                    }

                    if (first.Comparisons[guide] is { } c && ConfirmsGuided(c))
                    {
                        // Registration places the specimen more exactly than the correlation peak did
                        // (a partial impression pulls the peak toward its ink).
                        DetectedSeal placed = Recentred(detection, c.Pose.CentrePx);
                        confirmed.Add(Evaluate(placed, null, c));
                    }
                }

                findings = ResolveOverlaps(confirmed, findings, specimens);
                return new SlipAnalysis([.. findings.OrderByDescending(Quality)], clock.Elapsed.TotalMilliseconds);
            }
            finally
            {
                foreach (InkLayer layer in overviews.Values)
                {
                    layer.Dispose();
                }
            }

            ImpressionFinding Evaluate(DetectedSeal detection, int? only, SealComparison? known = null)
            {
                List<SealOutline> others = [.. generic.Where(o => !ReferenceEquals(o, detection) && !o.Outline.Contains(detection.Centre) && !detection.Outline.Contains(o.Centre)).Select(o => o.Outline)];
                long t0 = Profiling.Start();
                using CanonicalSeal canvas = CanonicalSeal.Cut(separations[detection.Ink], slip, detection.Outline, toReference: false, others);
                Profiling.Stop("slip.cut", t0);
                var comparisons = new SealComparison?[specimens.Count];
                for (int i = 0; i < specimens.Count; i++)
                {
                    if (only is int o && o != i)
                    {
                        continue;
                    }

                    if (known is not null && detection.GuidedBy == i)
                    {
                        comparisons[i] = known;
                    }
                    else if (detection.Source == DetectionSource.SpecimenGuided || SizesCompatible(detection, specimens[i]))
                    {
                        comparisons[i] = Compare(specimens[i], canvas, slip, detection, renderDifference);
                    }
                }

                int? best = null;
                for (int i = 0; i < comparisons.Length; i++)
                {
                    if (comparisons[i] is { } c && (best is null || Rank(c) > Rank(comparisons[best.Value]!)))
                    {
                        best = i;
                    }
                }

                return new ImpressionFinding(detection, comparisons, best);
            }
        }
        finally
        {
            foreach (InkSeparation s in separations.Values)
            {
                s.Dispose();
            }
        }
    }

    /// <summary>
    /// The detector's near misses as specimen-guided candidates: each outline the detector scored
    /// nearly well enough, for each specimen of about its size (0.8–1.2) that no guided candidate
    /// already looks for there. Like the search's peaks they count only where registration against
    /// the specimen confirms them; the search's radial template is weak for square seals next to
    /// other ink, where the detector's own outline is often right.
    /// </summary>
    internal static IEnumerable<DetectedSeal> NearMissCandidates(
        IReadOnlyList<DetectedSeal> nearMisses, IReadOnlyList<int> indices, IReadOnlyList<SealTemplate> specimens, IReadOnlyList<DetectedSeal> guided, double scanMm)
    {
        var added = new List<DetectedSeal>();
        foreach (DetectedSeal near in nearMisses)
        {
            double size = Math.Max(near.WidthMm, near.HeightMm);
            foreach (int i in indices)
            {
                SealTemplate specimen = specimens[i];
                double expected = Math.Max(specimen.WidthMm, specimen.HeightMm);
                if (size < 0.8 * expected || size > 1.2 * expected
                    || guided.Concat(added).Any(g => g.GuidedBy == i && g.Centre.DistanceTo(near.Centre) * scanMm < 0.4 * expected))
                {
                    continue;
                }

                added.Add(SpecimenGuidedSearch.Candidate(specimen, i, near.Centre, scanMm, near.Ink, near.Confidence));
            }
        }

        return added;
    }

    /// <summary>Whether a specimen could be the seal detected (size within 0.6–1.3 of it; a partial impression looks smaller).</summary>
    private static bool SizesCompatible(DetectedSeal detection, SealTemplate specimen)
    {
        double detected = Math.Max(detection.WidthMm, detection.HeightMm);
        double expected = Math.Max(specimen.WidthMm, specimen.HeightMm);
        return detected >= 0.6 * expected && detected <= 1.3 * expected;
    }

    /// <summary>
    /// Whether a detection already covers the place of a specimen-guided candidate: a large part of
    /// the specimen's inscribed disc at the candidate's centre lies inside the detection.
    /// </summary>
    private static bool Covers(DetectedSeal detection, DetectedSeal guided, SealTemplate specimen) =>
        SealDetector.SharedFraction(detection.Outline, Core(guided, specimen)) > SealDetector.MaxSharedFraction;

    /// <summary>The part of the slip a guided candidate surely covers: the specimen's inscribed disc at its centre (its orientation is not known yet).</summary>
    private static SealOutline Core(DetectedSeal guided, SealTemplate specimen)
    {
        double pixelsPerMm = guided.Outline.Width / Math.Max(1e-9, guided.WidthMm);
        double diameter = Math.Min(specimen.WidthMm, specimen.HeightMm) * pixelsPerMm;
        return new SealOutline(SealShapeKind.Round, guided.Centre, diameter, diameter, 0);
    }

    /// <summary>
    /// Adds the confirmed specimen-guided candidates, strongest comparison first, where they do not
    /// describe the same impression as a detection or an earlier candidate. A detection whose size
    /// does not fit the specimen (an outline drawn around two touching seals, or a fragment) gives way
    /// to a candidate that matches the specimen strongly.
    /// </summary>
    private static List<ImpressionFinding> ResolveOverlaps(List<ImpressionFinding> guided, List<ImpressionFinding> detected, IReadOnlyList<SealTemplate> specimens)
    {
        var kept = new List<ImpressionFinding>(detected);
        var added = new List<ImpressionFinding>();
        foreach (ImpressionFinding c in guided.OrderByDescending(Quality))
        {
            SealTemplate specimen = specimens[c.Detection.GuidedBy ?? 0];
            SealOutline core = Core(c.Detection, specimen);
            if (added.Any(k => SealDetector.SharedFraction(Core(k.Detection, specimens[k.Detection.GuidedBy ?? 0]), core) > SealDetector.MaxSharedFraction)
                || kept.Any(d => d.Detection.Source == DetectionSource.Generic && SealDetector.SharedFraction(d.Detection.Outline, core) > SealDetector.MaxSharedFraction && !(!SizesCompatible(d.Detection, specimen) && Displaces(c))))
            {
                continue;
            }

            kept.RemoveAll(d => d.Detection.Source == DetectionSource.Generic && !SizesCompatible(d.Detection, specimen) && SealDetector.SharedFraction(d.Detection.Outline, core) > 0.6);
            added.Add(c);
        }

        kept.AddRange(added);
        return kept;
    }

    /// <summary>
    /// Whether a guided candidate matches its specimen well enough to take the place of a larger
    /// detection: a weak match inside a large seal (a bank's processing stamp) is a coincidence of
    /// ink, not the specimen.
    /// </summary>
    private static bool Displaces(ImpressionFinding candidate) =>
        candidate.Comparisons[candidate.Detection.GuidedBy ?? 0] is { } c
        && c.Measurements.RegistrationOverlap >= 0.65 && c.Measurements.Correlation >= 0.65;

    /// <summary>A guided candidate moved to where registration placed its specimen.</summary>
    private static DetectedSeal Recentred(DetectedSeal guided, PointD centre)
    {
        SealOutline outline = guided.Outline with { Centre = centre };
        return guided with { Outline = outline, Box = outline.BoundingBox() };
    }

    /// <summary>How strongly a finding is an impression of some specimen (its best comparison), else its detection confidence.</summary>
    private static double Quality(ImpressionFinding f) =>
        f.Best is { } b ? 1 + (b.Probability ?? b.Measurements.Correlation * b.Measurements.RegistrationOverlap) : f.Detection.Confidence;

    private static double Rank(SealComparison c) => c.Probability ?? c.Measurements.Correlation;

    /// <summary>A specimen-guided candidate counts as an impression only when registration against its specimen agrees.</summary>
    private static bool ConfirmsGuided(SealComparison c) =>
        c.Measurements.RegistrationOverlap >= 0.45 && c.Measurements.Correlation >= 0.45;

    /// <summary>
    /// The reviewer's pictures for one impression against one specimen (side by side, overlay,
    /// difference, fold), all in the specimen's frame, with the comparison they were drawn from.
    /// </summary>
    /// <param name="foldAngleDeg">Direction of the fold line through the centre, degrees counter-clockwise from horizontal.</param>
    public ReviewPictures RenderReviewPictures(SealTemplate specimen, ScanImage slip, DetectedSeal impression, IReadOnlyList<DetectedSeal>? others = null, double foldAngleDeg = 90)
    {
        ArgumentNullException.ThrowIfNull(specimen);
        ArgumentNullException.ThrowIfNull(slip);
        ArgumentNullException.ThrowIfNull(impression);
        using var separation = InkSeparation.Analyse(slip, impression.Ink);
        using CanonicalSeal canvas = CutImpression(separation, slip, impression, others);
        ReviewPictures? pictures = null;
        Compare(specimen, canvas, slip, impression, renderDifference: true, (features, outcome, comparison) =>
        {
            var (sideBySide, overlay, fold) = ReviewPictureRenderer.Render(features.Canvas, outcome.WarpedImpression, outcome.Observed, foldAngleDeg);
            pictures = new ReviewPictures(sideBySide, overlay, comparison.DifferencePng!, fold, foldAngleDeg, comparison);
        });
        return pictures!;
    }

    /// <summary>
    /// The impression on a slip that a box describes (e.g. a finding stored with a verification): the
    /// detection overlapping it most, or null when none overlaps it by at least a third.
    /// </summary>
    public DetectedSeal? FindImpressionAt(ScanImage slip, PixelBox box, InkColour ink = InkColour.Red)
    {
        ArgumentNullException.ThrowIfNull(slip);
        DetectedSeal? best = FindSeals(slip, ink).MaxBy(s => s.Box.IntersectionOverUnion(box));
        return best is not null && best.Box.IntersectionOverUnion(box) >= 1 / 3.0 ? best : null;
    }

    private SealComparison Compare(SealTemplate specimen, CanonicalSeal impression, ScanImage slip, DetectedSeal detection, bool renderDifference) =>
        Compare(specimen, impression, slip, detection, renderDifference, null);

    private SealComparison Compare(SealTemplate specimen, CanonicalSeal impression, ScanImage slip, DetectedSeal detection, bool renderDifference,
        Action<SpecimenFeatures, SealComparer.Outcome, SealComparison>? alsoDraw)
    {
        var clock = Stopwatch.StartNew();
        long t0 = Profiling.Start();
        SpecimenFeatures features = specimen.Features;
        Profiling.Stop("specimen.features", t0);
        SealRegistrar.Result registration = SealRegistrar.Register(features, impression);
        using SealComparer.Outcome outcome = SealComparer.Compare(features, impression, registration);
        SealPairInput.Pair? pairInput = null;
        double? pairLogit = null;
        if (PairModel is not null || KeepPairInputs)
        {
            t0 = Profiling.Start();
            pairInput = SealPairInput.Build(features.Canvas.Strength, outcome.WarpedImpression, outcome.Observed);
            pairLogit = PairModel is null ? null : SealPairInput.Score(PairModel, pairInput);
            Profiling.Stop("compare.pairmodel", t0);
        }

        double? probability = Model?.Probability(outcome.Measurements, pairLogit);
        SealDecision? decision = probability is double p ? Model!.Decide(p, outcome.Measurements) : null;
        byte[]? png = renderDifference ? DifferenceImage.RenderPng(features.Canvas, outcome.WarpedImpression, outcome.Observed) : null;
        SealPose pose = ToPose(registration.Transform, impression, slip, detection, specimen.ReferenceAngleDeg);
        var comparison = new SealComparison(outcome.Measurements, probability, decision, pose, png, clock.Elapsed.TotalMilliseconds)
        {
            PairLogit = pairLogit,
            PairModelSha256 = pairLogit is null ? null : PairModel!.Sha256,
            PairLogitInProbability = probability is not null && Model!.UsesPairLogit,
            PairInput = KeepPairInputs ? pairInput : null,
        };
        alsoDraw?.Invoke(features, outcome, comparison);
        return comparison;
    }

    private static CanonicalSeal CutImpression(InkSeparation separation, ScanImage slip, DetectedSeal impression, IReadOnlyList<DetectedSeal>? others) =>
        CanonicalSeal.Cut(separation, slip, impression.Outline, toReference: false, Outlines(others, impression));

    private static List<SealOutline> Outlines(IReadOnlyList<DetectedSeal>? others, DetectedSeal self) =>
        others is null ? [] : [.. others.Where(o => !ReferenceEquals(o, self) && o.Box.IntersectionOverUnion(self.Box) < 0.9).Select(o => o.Outline)];

    private static SealPose ToPose(Similarity transform, CanonicalSeal impression, ScanImage slip, DetectedSeal detection, double referenceAngle)
    {
        double toScan = CanonicalSeal.MillimetresPerPixel / slip.MillimetresPerPixel;
        PointD mapped = transform.MappedCentre;
        var centre = new PointD(
            detection.Centre.X + (mapped.X - impression.Centre.X) * toScan,
            detection.Centre.Y + (mapped.Y - impression.Centre.Y) * toScan);
        // Relative to the specimen as it lay on the card (the template was turned clockwise by referenceAngle).
        double rotation = (transform.RotationDeg - referenceAngle) % 360;
        if (rotation < 0)
        {
            rotation += 360;
        }

        return new SealPose(centre, rotation, transform.Scale);
    }
}
