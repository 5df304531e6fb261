using System.Diagnostics;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Registration;
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
    public SealEngine(ScoreModel? model = null, SealDetector? detector = null)
    {
        Model = model ?? ScoreModel.LoadDefault();
        _detector = detector ?? new SealDetector();
    }

    /// <summary>The score model, or null when none is available (measurements only).</summary>
    public ScoreModel? Model { get; }

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
    /// Finds every impression on a slip (generic detector plus a direct search for each specimen)
    /// and compares each with every specimen.
    /// </summary>
    public SlipAnalysis AnalyseSlip(ScanImage slip, IReadOnlyList<SealTemplate> specimens, InkColour ink = InkColour.Red, bool renderDifference = false)
    {
        ArgumentNullException.ThrowIfNull(slip);
        ArgumentNullException.ThrowIfNull(specimens);
        var clock = Stopwatch.StartNew();
        using var separation = InkSeparation.Analyse(slip, ink);
        List<DetectedSeal> detections;
        List<DetectedSeal> guided;
        using (InkLayer overview = separation.Overview(SealDetector.WorkingMillimetresPerPixel))
        {
            detections = [.. _detector.Detect(overview, ink)];
            guided = specimens.Count == 0 ? [] : SpecimenGuidedSearch.Search(overview, specimens, detections, ink);
        }

        var findings = new List<ImpressionFinding>();
        foreach (DetectedSeal detection in detections.Concat(guided))
        {
            IReadOnlyList<DetectedSeal> others = [.. detections.Where(d => !ReferenceEquals(d, detection))];
            using CanonicalSeal canvas = CutImpression(separation, slip, detection, others);
            var comparisons = new List<SealComparison>(specimens.Count);
            foreach (SealTemplate specimen in specimens)
            {
                comparisons.Add(Compare(specimen, canvas, slip, detection, renderDifference));
            }

            int? best = comparisons.Count == 0 ? null : Enumerable.Range(0, comparisons.Count).MaxBy(i => Rank(comparisons[i]));
            if (detection.Source == DetectionSource.SpecimenGuided && !ConfirmsGuided(comparisons[detection.GuidedBy ?? 0]))
            {
                continue;
            }

            findings.Add(new ImpressionFinding(detection, comparisons, best));
        }

        return new SlipAnalysis([.. findings.OrderByDescending(f => f.Best?.Probability ?? f.Detection.Confidence)], clock.Elapsed.TotalMilliseconds);
    }

    private static double Rank(SealComparison c) => c.Probability ?? c.Measurements.Correlation;

    /// <summary>A specimen-guided candidate counts as an impression only when registration against its specimen agrees.</summary>
    private static bool ConfirmsGuided(SealComparison c) =>
        c.Measurements.RegistrationOverlap >= 0.35 && c.Measurements.Correlation >= 0.3;

    private SealComparison Compare(SealTemplate specimen, CanonicalSeal impression, ScanImage slip, DetectedSeal detection, bool renderDifference)
    {
        var clock = Stopwatch.StartNew();
        SpecimenFeatures features = specimen.Features;
        SealRegistrar.Result registration = SealRegistrar.Register(features, impression);
        using SealComparer.Outcome outcome = SealComparer.Compare(features, impression, registration);
        double? probability = Model?.Probability(outcome.Measurements);
        SealDecision? decision = probability is double p ? Model!.Decide(p, outcome.Measurements.Coverage) : null;
        byte[]? png = renderDifference ? DifferenceImage.RenderPng(features.Canvas, outcome.WarpedImpression, outcome.Observed) : null;
        SealPose pose = ToPose(registration.Transform, impression, slip, detection, specimen.ReferenceAngleDeg);
        return new SealComparison(outcome.Measurements, probability, decision, pose, png, clock.Elapsed.TotalMilliseconds);
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
