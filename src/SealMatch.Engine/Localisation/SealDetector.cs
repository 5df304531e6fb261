using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Localisation;

/// <summary>
/// Generic seal detector: finds round, oval, square and rectangular impressions of 10–60 mm on a
/// scan from the seal-ink layer, including touching or overlapping pairs and partial or faint
/// impressions.
/// </summary>
/// <remarks>
/// Works at <see cref="WorkingMillimetresPerPixel"/>: ink is thresholded, strokes are closed into
/// solid blobs, holes are filled, and each blob's outer contour gets a RANSAC outline fit. Ink that
/// the outline does not explain is cut away and fitted again, which separates touching seals.
/// Candidates must show ink along most of their outline (a border) and plausible size and density;
/// red print such as a title line has no border and is dropped.
/// </remarks>
public sealed class SealDetector
{
    /// <summary>Scale of the detection overview.</summary>
    public const double WorkingMillimetresPerPixel = 0.25;

    private const double MinSealMm = 9.0;
    private const double MaxSealMm = 66.0;

    /// <summary>Two seals may share at most this fraction of the smaller one's area (overlapping impressions).</summary>
    internal const double MaxSharedFraction = 0.35;

    /// <summary>An outline point this close to a chosen seal's border meets that seal's ink, not its own.</summary>
    private const double BorrowedBorderMm = 1.5;

    /// <summary>Two rectangles whose facing sides lie this close share one rule (compartments of one stamp).</summary>
    private const double SharedRuleMm = 2.0;

    /// <summary>Compartments of one stamp overlap along their shared rule by at least this fraction of the shorter.</summary>
    private const double MinCompartmentOverlap = 0.7;

    /// <summary>Least fraction of an outline that must meet ink of its own (see <see cref="OwnSupport"/>).</summary>
    private const double MinOwnSupport = 0.4;

    /// <summary>Outlines whose shorter side is below this many millimetres need <see cref="SmallSealExtraScore"/> more score.</summary>
    private const double SmallSealMm = 16;

    /// <summary>Extra score required of small outlines.</summary>
    private const double SmallSealExtraScore = 0.12;

    /// <summary>How much of the side facing a neighbour must be one line of ink for two hypotheses to be two touching seals.</summary>
    private const double MinFacingLine = 0.8;

    /// <summary>Ink strength (0..255) above which a pixel is treated as seal ink during detection.</summary>
    public byte InkThreshold { get; init; } = 40;

    /// <summary>Candidates with less confidence than this are not reported.</summary>
    public double MinConfidence { get; init; } = 0.5;

    /// <summary>Finds the seal impressions in a scan.</summary>
    public IReadOnlyList<DetectedSeal> Detect(InkSeparation separation)
    {
        ArgumentNullException.ThrowIfNull(separation);
        long t0 = Profiling.Start();
        using InkLayer overview = separation.Overview(WorkingMillimetresPerPixel);
        Profiling.Stop("detect.overview", t0);
        return Detect(overview, separation.Ink);
    }

    /// <summary>Finds the seal impressions in an ink overview (any scale).</summary>
    internal IReadOnlyList<DetectedSeal> Detect(InkLayer overview, InkColour ink) => DetectWithNearMisses(overview, ink).Found;

    /// <summary>Score from which an outline that was not chosen is still worth a specimen's look (see <see cref="NearMisses"/>).</summary>
    internal const double NearMissScore = 0.45;

    /// <summary>Most near misses reported per overview.</summary>
    internal const int MaxNearMisses = 4;

    /// <summary>
    /// The impressions found, and the near misses: the best outlines that were not chosen, scored at
    /// least <see cref="NearMissScore"/> and lying clear of every impression found (a faint
    /// impression with a broken border, two seals stamped over each other). They are not
    /// impressions; the verifier registers the specimens of their size against them and keeps one
    /// only where registration confirms a specimen there.
    /// </summary>
    internal (IReadOnlyList<DetectedSeal> Found, IReadOnlyList<DetectedSeal> NearMisses) DetectWithNearMisses(InkLayer overview, InkColour ink)
    {
        List<SealCandidate> candidates = Candidates(overview);
        long t0 = Profiling.Start();
        double mm = overview.MillimetresPerPixel;
        List<SealCandidate> chosen = Select(candidates, MinConfidence, mm);
        var found = new List<DetectedSeal>();
        foreach (SealCandidate c in chosen)
        {
            found.Add(ToScan(overview, c.Outline, ink, c.Score, DetectionSource.Generic));
        }

        var near = new List<DetectedSeal>();
        foreach (SealOutline o in NearMisses(candidates, chosen, mm))
        {
            near.Add(ToScan(overview, o, ink, NearMissScore, DetectionSource.Generic));
        }

        Profiling.Stop("detect.select", t0);
        return (found, near);
    }

    /// <summary>The outlines of <see cref="DetectWithNearMisses"/>'s near misses, best first, in overview pixels.</summary>
    internal static List<SealOutline> NearMisses(List<SealCandidate> candidates, List<SealCandidate> chosen, double mm)
    {
        var near = new List<SealOutline>();
        foreach (SealCandidate c in candidates.Where(c => c.Score >= NearMissScore && Math.Min(c.Outline.Width, c.Outline.Height) * mm >= SmallSealMm).OrderByDescending(c => c.Score))
        {
            if (chosen.Any(k => SharedFraction(k.Outline, c.Outline) > MaxSharedFraction)
                || near.Any(k => SharedFraction(k, c.Outline) > MaxSharedFraction))
            {
                continue;
            }

            near.Add(c.Outline);
            if (near.Count == MaxNearMisses)
            {
                break;
            }
        }

        return near;
    }

    /// <summary>
    /// Every outline hypothesis for the ink blobs of an overview, in overview pixels, with its
    /// evidence and score (before any is chosen).
    /// </summary>
    internal List<SealCandidate> Candidates(InkLayer overview)
    {
        double mm = overview.MillimetresPerPixel;
        long t0 = Profiling.Start();
        using Mat inkMask = InkMask(overview);
        using Mat blobs = SolidBlobs(inkMask, mm);
        Profiling.Stop("detect.blobs", t0);
        Diagnostics.Dump("detect-strength", overview.Strength);
        Diagnostics.Dump("detect-occlusion", overview.Occlusion);
        Diagnostics.Dump("detect-ink", inkMask);
        Diagnostics.Dump("detect-blobs", blobs);

        var all = new List<SealCandidate>();
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(blobs, labels, stats, centroids, PixelConnectivity.Connectivity8);
        double minArea = Math.PI * Math.Pow(MinSealMm / 2 / mm, 2) * 0.5;
        for (int label = 1; label < count; label++)
        {
            if (stats.At<int>(label, (int)ConnectedComponentsTypes.Area) < minArea)
            {
                continue;
            }

            var rect = new Rect(
                stats.At<int>(label, 0), stats.At<int>(label, 1), stats.At<int>(label, 2), stats.At<int>(label, 3));

            // Too small to hold a seal in either direction: nothing to fit.
            if (Math.Max(rect.Width, rect.Height) * mm < MinSealMm)
            {
                continue;
            }

            using var labelRoi = new Mat(labels, rect);
            using var component = new Mat();
            Cv2.Compare(labelRoi, new Scalar(label), component, CmpTypes.EQ);
            var offset = new PointD(rect.X, rect.Y);
            int first = all.Count;
            t0 = Profiling.Start();
            CollectHypotheses(component, offset, inkMask, mm, label, depth: 0, excluded: [], all);
            Profiling.Stop("detect.hypotheses", t0);
            t0 = Profiling.Start();
            CollectFrames(component, rect, inkMask, mm, label, all);
            Profiling.Stop("detect.frames", t0);

            // Seals that touch or lie a few millimetres apart make one blob: each of them is fitted
            // on its own share of the blob, and an outline around two of them is no seal.
            t0 = Profiling.Start();
            (List<Mat> parts, List<PointD> markers) = SplitAtNecks(component, mm);
            Profiling.Stop("detect.necks", t0);
            if (markers.Count >= 2)
            {
                var centres = markers.Select(m => new PointD(m.X + offset.X, m.Y + offset.Y)).ToList();
                for (int i = first; i < all.Count; i++)
                {
                    SealCandidate c = all[i] with { Seeds = centres.Count(all[i].Outline.Contains) };
                    all[i] = c with { Score = Score(c, mm) };
                }
            }

            t0 = Profiling.Start();
            foreach (Mat part in parts)
            {
                using (part)
                {
                    CollectHypotheses(part, offset, inkMask, mm, label, depth: 0, excluded: [], all);
                }
            }

            Profiling.Stop("detect.parts", t0);
        }

        t0 = Profiling.Start();
        CollectFromFineBlobs(inkMask, labels, stats, mm, all);
        Profiling.Stop("detect.fineblobs", t0);

        if (Diagnostics.Enabled)
        {
            foreach (SealCandidate c in all)
            {
                PointD centre = overview.ToScan(c.Outline.Centre);
                Diagnostics.Log($"candidate blob {c.Blob} {c.Outline.Shape} {c.Outline.Width * mm:F1}x{c.Outline.Height * mm:F1} at ({centre.X:F0},{centre.Y:F0}) fit={c.Fit:F2} support={c.Evidence.Support:F2} continuous={c.Evidence.Continuous:F2} clear={c.Evidence.Clear:F2} framed={c.Evidence.Framed:F2} density={c.Density:F2} score={c.Score:F2}");
            }
        }

        return all;
    }

    /// <summary>
    /// Chooses among the hypotheses: the best first, then each next one that does not describe
    /// largely the same ink as one already chosen (touching or overlapping seals share at most a
    /// small part of their area). A seal loses ink but never grows it: where a larger outline around
    /// a hypothesis is supported almost as well, the hypothesis is a fragment of it (a partial or
    /// faint impression falls apart into pieces) and the larger outline is taken, unless another
    /// hypothesis inside it shows, like this one, its own border on the side facing the other:
    /// then they are two seals that touch.
    /// </summary>
    internal static List<SealCandidate> Select(List<SealCandidate> candidates, double minScore, double mm)
    {
        var order = candidates.Where(c => c.Score >= RequiredScore(c.Outline, minScore, mm)).OrderByDescending(c => c.Score).ToList();
        var overlaps = new OverlapCache(order);
        order = [.. order.Where(c => !IsComposite(c, order, overlaps))];
        var chosen = new List<SealCandidate>();
        foreach (SealCandidate c in order)
        {
            SealCandidate current = c;
            for (int step = 0; step < 4; step++)
            {
                SealCandidate? larger = null;
                foreach (SealCandidate b in order)
                {
                    if (Explains(b, current, overlaps) && (larger is null || b.Score > larger.Value.Score))
                    {
                        larger = b;
                    }
                }

                if (larger is not { } l || HasTouchingNeighbour(current, l, order, overlaps))
                {
                    break;
                }

                current = l;
            }

            if (chosen.Any(k => overlaps.Shared(k.Outline, current.Outline) > MaxSharedFraction))
            {
                continue;
            }

            double own = OwnSupport(current, chosen, mm);
            if (Diagnostics.Enabled)
            {
                Diagnostics.Log($"select {Describe(current.Outline)} score={current.Score:F2} support={current.Evidence.Support:F2} own={own:F2}");
            }

            if (own < MinOwnSupport)
            {
                continue;
            }

            chosen.Add(current);
        }

        return MergeCompartments(chosen, mm);
    }

    /// <summary>
    /// Joins rectangles that are compartments of one divided stamp: parallel, sharing one rule (the
    /// side of one lies on the side of the other) and stacked along most of its length. A stamp whose
    /// frame is complete is found whole; where part of the frame did not print (a partial impression),
    /// the compartments are each framed on three sides and the rule, and were taken for two seals.
    /// </summary>
    private static List<SealCandidate> MergeCompartments(List<SealCandidate> chosen, double mm)
    {
        for (int i = 0; i < chosen.Count; i++)
        {
            for (int j = i + 1; j < chosen.Count; j++)
            {
                if (SharedRule(chosen[i].Outline, chosen[j].Outline, mm) is not { } merged)
                {
                    continue;
                }

                if (Diagnostics.Enabled)
                {
                    Diagnostics.Log($"compartments {Describe(chosen[i].Outline)} + {Describe(chosen[j].Outline)} -> {Describe(merged)}");
                }

                chosen[i] = chosen[i] with { Outline = merged, Score = Math.Max(chosen[i].Score, chosen[j].Score) };
                chosen.RemoveAt(j);
                j = i; // the joined stamp may share a rule with a third compartment
            }
        }

        return chosen;
    }

    /// <summary>
    /// The rectangle made of <paramref name="a"/> and <paramref name="b"/> when they are compartments
    /// of one stamp (see <see cref="MergeCompartments"/>); null otherwise.
    /// </summary>
    private static SealOutline? SharedRule(SealOutline a, SealOutline b, double mm)
    {
        if (InFrameOf(a, b) is not (double along, double across, double bw, double bh))
        {
            return null;
        }

        double tolerance = SharedRuleMm / mm;
        double overlapX = Math.Min(a.Width / 2, along + bw / 2) - Math.Max(-a.Width / 2, along - bw / 2);
        double overlapY = Math.Min(a.Height / 2, across + bh / 2) - Math.Max(-a.Height / 2, across - bh / 2);
        bool stackedAcross = Math.Abs(Math.Abs(across) - (a.Height + bh) / 2) <= tolerance && overlapX >= MinCompartmentOverlap * Math.Min(a.Width, bw);
        bool stackedAlong = Math.Abs(Math.Abs(along) - (a.Width + bw) / 2) <= tolerance && overlapY >= MinCompartmentOverlap * Math.Min(a.Height, bh);
        if (!stackedAcross && !stackedAlong)
        {
            return null;
        }

        // The joined stamp spans both.
        (double x0, double x1) = (Math.Min(-a.Width / 2, along - bw / 2), Math.Max(a.Width / 2, along + bw / 2));
        (double y0, double y1) = (Math.Min(-a.Height / 2, across - bh / 2), Math.Max(a.Height / 2, across + bh / 2));
        double width = x1 - x0, height = y1 - y0;
        if (Math.Max(width, height) * mm > MaxSealMm)
        {
            return null;
        }

        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, t = a.AngleDeg * Math.PI / 180, cos = Math.Cos(t), sin = Math.Sin(t);
        var centre = new PointD(a.Centre.X + cx * cos + cy * sin, a.Centre.Y - cx * sin + cy * cos);
        SealShapeKind shape = Math.Abs(width - height) < 0.1 * Math.Max(width, height) ? SealShapeKind.Square : SealShapeKind.Rectangle;
        return new SealOutline(shape, centre, width, height, a.AngleDeg);
    }

    /// <summary>
    /// The fraction of <paramref name="c"/>'s outline that meets ink of its own: outline points with
    /// ink that do not lie on the border of a seal already chosen. Between two seals stamped side by
    /// side, or where a seal's ring meets a table line, an outline can be drawn whose border is the
    /// neighbours' rings; such an outline has no border of its own and is no seal. A seal that touches
    /// or overlaps another keeps most of its own border.
    /// </summary>
    private static double OwnSupport(SealCandidate c, List<SealCandidate> chosen, double mm)
    {
        if (chosen.Count == 0)
        {
            return c.Evidence.Support;
        }

        double tolerance = BorrowedBorderMm / mm;
        SealOutline o = c.Outline;
        double t = o.AngleDeg * Math.PI / 180, cos = Math.Cos(t), sin = Math.Sin(t);
        int own = 0;
        for (int i = 0; i < OutlineEvidence.Samples; i++)
        {
            if (!c.Evidence.Hits.Contains(i))
            {
                continue;
            }

            (double lx, double ly, _, _) = OutlineEvidence.BoundaryPoint(o, i / (double)OutlineEvidence.Samples);
            var p = new PointD(o.Centre.X + lx * cos + ly * sin, o.Centre.Y - lx * sin + ly * cos);
            if (!chosen.Any(k => k.Outline.DistanceToBoundary(p) <= tolerance))
            {
                own++;
            }
        }

        return own / (double)OutlineEvidence.Samples;
    }

    /// <summary>
    /// The score an outline needs to count: more for small ones. Under 16 mm an outline's border is
    /// short enough for a few printed characters or digits to imitate, and the name seals of that
    /// size are stamped with a clear frame.
    /// </summary>
    private static double RequiredScore(SealOutline o, double minScore, double mm) =>
        Math.Min(o.Width, o.Height) * mm < SmallSealMm ? minScore + SmallSealExtraScore : minScore;

    /// <summary>
    /// Whether a larger outline around <paramref name="inner"/> explains its ink about as well: its
    /// score is nearly as high, or a little lower but with bare paper all around it where the
    /// smaller one has ink just outside (the rest of the same impression).
    /// </summary>
    private static bool Explains(SealCandidate outer, SealCandidate inner, OverlapCache overlaps) =>
        Area(outer.Outline) > 1.3 * Area(inner.Outline)
        && (outer.Score >= inner.Score - 0.05
            || (outer.Score >= inner.Score - 0.12 && outer.Evidence.Clear >= 0.97 && outer.Evidence.Clear > inner.Evidence.Clear))
        && overlaps.Inside(inner.Outline, outer.Outline) > 0.8; // the sampled overlap last: it is the expensive test

    /// <summary>
    /// Whether another hypothesis inside <paramref name="outer"/> and <paramref name="c"/> both show
    /// a border where they face each other (two touching seals rather than pieces of one).
    /// </summary>
    private static bool HasTouchingNeighbour(SealCandidate c, SealCandidate outer, List<SealCandidate> order, OverlapCache overlaps)
    {
        foreach (SealCandidate n in order)
        {
            if (Area(n.Outline) < 0.3 * Area(c.Outline) || overlaps.Inside(n.Outline, outer.Outline) < 0.6
                || overlaps.Shared(n.Outline, c.Outline) > MaxSharedFraction)
            {
                continue;
            }

            if (c.Evidence.LineFacing(c.Outline, n.Outline.Centre) >= MinFacingLine && n.Evidence.LineFacing(n.Outline, c.Outline.Centre) >= MinFacingLine)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether an outline is drawn around two seals: two disjoint hypotheses that fill most of it each
    /// show their own border line on the side facing the other. Two compartments of one frame (a
    /// stamp divided by a rule) are not two seals: the frame around them is complete, and they are
    /// parallel rectangles of the same extent along the rule.
    /// </summary>
    private static bool IsComposite(SealCandidate outer, List<SealCandidate> order, OverlapCache overlaps)
    {
        // An outline framed all the way round is one seal (compartments of a divided stamp, say):
        // one drawn around two seals bridges the notches where their outlines meet.
        if (outer.Evidence.Framed >= 0.9)
        {
            return false;
        }

        var inside = order.Where(c => Area(c.Outline) < 0.8 * Area(outer.Outline) && overlaps.Inside(c.Outline, outer.Outline) > 0.6).ToList();
        for (int i = 0; i < inside.Count; i++)
        {
            for (int j = i + 1; j < inside.Count; j++)
            {
                SealCandidate a = inside[i], b = inside[j];
                if (Area(a.Outline) + Area(b.Outline) >= 0.7 * Area(outer.Outline)
                    && overlaps.Shared(a.Outline, b.Outline) <= MaxSharedFraction
                    && !Compartments(a.Outline, b.Outline)
                    && a.Evidence.LineFacing(a.Outline, b.Outline.Centre) >= MinFacingLine
                    && b.Evidence.LineFacing(b.Outline, a.Outline.Centre) >= MinFacingLine)
                {
                    if (Diagnostics.Enabled)
                    {
                        Diagnostics.Log($"composite {Describe(outer.Outline)}: {Describe(a.Outline)} + {Describe(b.Outline)}");
                    }

                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The sampled overlaps of one <see cref="Select"/> call, each computed once: the choice asks for
    /// the same pairs of a few hundred hypotheses again and again (composite outlines, larger
    /// outlines, touching neighbours, shared ink), and the overlap is a function of the two outlines
    /// alone, so remembering it changes no result.
    /// </summary>
    private sealed class OverlapCache(List<SealCandidate> candidates)
    {
        private readonly Dictionary<(SealOutline Small, SealOutline Large), double> _coverage = new(candidates.Count * 8);

        /// <summary>The fraction of <paramref name="inner"/>'s area that lies inside <paramref name="outer"/>, remembered.</summary>
        public double Inside(SealOutline inner, SealOutline outer) => Cover(inner, outer);

        /// <summary><see cref="SealDetector.SharedFraction"/>, remembered.</summary>
        public double Shared(SealOutline a, SealOutline b) =>
            a.Width * a.Height <= b.Width * b.Height ? Cover(a, b) : Cover(b, a);

        private double Cover(SealOutline small, SealOutline large)
        {
            if (!_coverage.TryGetValue((small, large), out double value))
            {
                value = Coverage(small, large);
                _coverage[(small, large)] = value;
            }

            return value;
        }
    }

    private static string Describe(SealOutline o) => $"{o.Shape} {o.Width:F0}x{o.Height:F0}@({o.Centre.X:F0},{o.Centre.Y:F0}) {o.AngleDeg:F0}°";

    /// <summary>Whether two rectangles lie side by side with the same orientation and the same extent along the side they share.</summary>
    private static bool Compartments(SealOutline a, SealOutline b)
    {
        if (InFrameOf(a, b) is not (double along, double across, double bw, double bh))
        {
            return false;
        }

        bool stackedAcross = Math.Abs(along) < 0.1 * a.Width && Math.Abs(a.Width - bw) < 0.1 * Math.Max(a.Width, bw);
        bool stackedAlong = Math.Abs(across) < 0.1 * a.Height && Math.Abs(a.Height - bh) < 0.1 * Math.Max(a.Height, bh);
        return stackedAcross || stackedAlong;
    }

    /// <summary>
    /// For two rectangles turned alike (parallel, or crossed at a right angle, within 4°): the offset of
    /// <paramref name="b"/>'s centre along and across <paramref name="a"/>'s width axis, and
    /// <paramref name="b"/>'s extents on those axes. Null for a round or oval outline, or rectangles
    /// turned otherwise.
    /// </summary>
    private static (double Along, double Across, double Width, double Height)? InFrameOf(SealOutline a, SealOutline b)
    {
        if (a.Shape is SealShapeKind.Round or SealShapeKind.Oval || b.Shape is SealShapeKind.Round or SealShapeKind.Oval)
        {
            return null;
        }

        double turn = Math.Abs(OutlineFitter.NormaliseHalfTurn(a.AngleDeg - b.AngleDeg));
        bool parallel = turn < 4, crossed = Math.Abs(turn - 90) < 4;
        if (!parallel && !crossed)
        {
            return null;
        }

        double t = a.AngleDeg * Math.PI / 180, cos = Math.Cos(t), sin = Math.Sin(t);
        double dx = b.Centre.X - a.Centre.X, dy = b.Centre.Y - a.Centre.Y;
        (double width, double height) = parallel ? (b.Width, b.Height) : (b.Height, b.Width);
        return (dx * cos - dy * sin, dx * sin + dy * cos, width, height);
    }

    /// <summary>Area of an outline in square pixels.</summary>
    private static double Area(SealOutline o) => o.Width * o.Height * (o.Shape is SealShapeKind.Round or SealShapeKind.Oval ? Math.PI / 4 : 1);

    /// <summary>
    /// Detections of several ink colours made into one list: where two colours' layers show the same
    /// impression (a red seal leaves some ink in the purple layer too), the more confident detection
    /// stays.
    /// </summary>
    internal static List<DetectedSeal> ResolveAcrossInks(List<DetectedSeal> detections)
    {
        var kept = new List<DetectedSeal>();
        foreach (DetectedSeal d in detections.OrderByDescending(d => d.Confidence))
        {
            if (!kept.Any(k => k.Ink != d.Ink && SharedFraction(k.Outline, d.Outline) > MaxSharedFraction))
            {
                kept.Add(d);
            }
        }

        return kept;
    }

    /// <summary>
    /// The fraction of the smaller outline's area that lies inside the other (sampled on a grid):
    /// 1 for a fragment inside a seal or a seal inside an outline drawn around two.
    /// </summary>
    internal static double SharedFraction(SealOutline a, SealOutline b) =>
        a.Width * a.Height <= b.Width * b.Height ? Coverage(a, b) : Coverage(b, a);

    /// <summary>The fraction of <paramref name="small"/>'s area inside <paramref name="large"/>, sampled on a grid.</summary>
    private static double Coverage(SealOutline small, SealOutline large)
    {
        double distance = small.Centre.DistanceTo(large.Centre);
        if (distance > (Math.Max(small.Width, small.Height) + Math.Max(large.Width, large.Height)) * 0.75)
        {
            return 0;
        }

        // Every sample point of small lies within its circumscribed circle; when that circle lies
        // within large's inscribed circle, every point is inside (the grid would count them all).
        double smallOuterRadius = Math.Sqrt((small.Width * small.Width) + (small.Height * small.Height)) / 2;
        if (distance + smallOuterRadius < Math.Min(large.Width, large.Height) / 2)
        {
            return 1;
        }

        const int Grid = 16;
        double t = small.AngleDeg * Math.PI / 180, cos = Math.Cos(t), sin = Math.Sin(t);
        double lt = large.AngleDeg * Math.PI / 180, lcos = Math.Cos(lt), lsin = Math.Sin(lt);
        double la = large.Width / 2, lb = large.Height / 2;
        bool largeRound = large.Shape is SealShapeKind.Round or SealShapeKind.Oval;
        int inside = 0, total = 0;
        for (int i = 0; i < Grid; i++)
        {
            for (int j = 0; j < Grid; j++)
            {
                double lx = ((i + 0.5) / Grid - 0.5) * small.Width, ly = ((j + 0.5) / Grid - 0.5) * small.Height;
                if (small.Shape is SealShapeKind.Round or SealShapeKind.Oval && (lx * lx) / (small.Width * small.Width / 4) + (ly * ly) / (small.Height * small.Height / 4) > 1)
                {
                    continue;
                }

                total++;
                double px = small.Centre.X + lx * cos + ly * sin, py = small.Centre.Y - lx * sin + ly * cos;

                // large.Contains(p), with its trigonometry hoisted out of the loop.
                double dx = px - large.Centre.X, dy = py - large.Centre.Y;
                double x = dx * lcos - dy * lsin, y = dx * lsin + dy * lcos;
                inside += largeRound ? (x * x / (la * la) + y * y / (lb * lb) <= 1 ? 1 : 0) : (Math.Abs(x) <= la && Math.Abs(y) <= lb ? 1 : 0);
            }
        }

        return total == 0 ? 0 : inside / (double)total;
    }

    /// <summary>Converts an outline in an ink layer's pixels into a detection in scan pixels.</summary>
    internal static DetectedSeal ToScan(InkLayer layer, SealOutline outline, InkColour ink, double confidence, DetectionSource source, int? guidedBy = null)
    {
        double factor = layer.MillimetresPerPixel / layer.SourceMillimetresPerPixel;
        PointD centre = layer.ToScan(outline.Centre);
        var scanOutline = outline with { Centre = centre, Width = outline.Width * factor, Height = outline.Height * factor };
        return new DetectedSeal(
            scanOutline.BoundingBox(),
            scanOutline,
            outline.Width * layer.MillimetresPerPixel,
            outline.Height * layer.MillimetresPerPixel,
            ink,
            confidence,
            source,
            guidedBy);
    }

    /// <summary>
    /// Seal ink with hysteresis: pixels above <see cref="InkThreshold"/>, plus fainter pixels (down
    /// to 60 % of it) connected to them, so a faint broken ring stays one line. Unknown pixels
    /// (print, rules in the seal's colour) are left out.
    /// </summary>
    private Mat InkMask(InkLayer overview)
    {
        using var strong = new Mat();
        using var weak = new Mat();
        Cv2.Threshold(overview.Strength, strong, InkThreshold, 255, ThresholdTypes.Binary);
        Cv2.Threshold(overview.Strength, weak, InkThreshold * 0.6, 255, ThresholdTypes.Binary);
        using var known = new Mat();
        Cv2.BitwiseNot(overview.Occlusion, known);
        Cv2.BitwiseAnd(weak, known, weak);
        using var labels = new Mat();
        int count = Cv2.ConnectedComponents(weak, labels, PixelConnectivity.Connectivity8);
        var keep = new bool[count];
        ReadOnlySpan<int> l = labels.AsSpan<int>();
        ReadOnlySpan<byte> st = strong.AsSpan<byte>();
        for (int i = 0; i < l.Length; i++)
        {
            if (st[i] != 0)
            {
                keep[l[i]] = true;
            }
        }

        var mask = new Mat(weak.Size(), MatType.CV_8UC1, Scalar.All(0));
        Span<byte> m = mask.AsSpan<byte>();
        for (int i = 0; i < l.Length; i++)
        {
            if (l[i] != 0 && keep[l[i]])
            {
                m[i] = 255;
            }
        }

        return mask;
    }

    /// <summary>Ink strokes closed into solid blobs with holes filled.</summary>
    private static Mat SolidBlobs(Mat inkMask, double mm, double closeMm = 1.5)
    {
        // Close gaps in strokes and broken rings; seals that end up joined are split again later.
        int closeRadius = Math.Max(1, (int)Math.Round(closeMm / mm));
        using var closeKernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(2 * closeRadius + 1, 2 * closeRadius + 1));
        using var closed = new Mat();
        Cv2.MorphologyEx(inkMask, closed, MorphTypes.Close, closeKernel, borderType: BorderTypes.Constant, borderValue: Scalar.All(0));

        // Only specks go: a faint ring may be a line one or two pixels wide and must stay.
        Mat filled = FillHoles(closed);
        RemoveSpecks(filled, (int)Math.Ceiling(1.0 / (mm * mm)));
        return filled;
    }

    /// <summary>Clears connected pieces smaller than <paramref name="minPixels"/>.</summary>
    private static void RemoveSpecks(Mat mask, int minPixels)
    {
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(mask, labels, stats, centroids, PixelConnectivity.Connectivity8);
        var small = new bool[count];
        bool any = false;
        for (int i = 1; i < count; i++)
        {
            small[i] = stats.At<int>(i, (int)ConnectedComponentsTypes.Area) < minPixels;
            any |= small[i];
        }

        if (!any)
        {
            return;
        }

        ReadOnlySpan<int> l = labels.AsSpan<int>();
        Span<byte> m = mask.AsSpan<byte>();
        for (int i = 0; i < m.Length; i++)
        {
            if (small[l[i]])
            {
                m[i] = 0;
            }
        }
    }

    /// <summary>Fills the holes of a binary mask (pixels not reachable from the border through background).</summary>
    internal static Mat FillHoles(Mat mask)
    {
        using var padded = new Mat();
        Cv2.CopyMakeBorder(mask, padded, 1, 1, 1, 1, BorderTypes.Constant, Scalar.All(0));
        using var flood = padded.Clone();
        Cv2.FloodFill(flood, new Point(0, 0), Scalar.All(255));
        using var holes = new Mat();
        Cv2.BitwiseNot(flood, holes);
        using var result = new Mat();
        Cv2.BitwiseOr(padded, holes, result);
        return new Mat(result, new Rect(1, 1, mask.Cols, mask.Rows)).Clone();
    }

    /// <summary>
    /// Fits outlines to a blob and keeps every plausible one as a hypothesis; the best is cut away
    /// and the rest of the blob fitted again, so that touching or overlapping seals each get their
    /// own hypotheses.
    /// </summary>
    private static void CollectHypotheses(Mat blob, PointD offset, Mat inkMask, double mm, int label, int depth, List<SealOutline> excluded, List<SealCandidate> sink)
    {
        Point2f[] contour = OuterContour(blob);
        double tolerance = Math.Max(1.5, 0.6 / mm);

        // Contour points on the boundary of an outline already cut away belong to that seal.
        Point2f[] usable = excluded.Count == 0 ? contour : contour.Where(p => excluded.All(e => e.DistanceToBoundary(new PointD(p.X, p.Y)) > 1.5 * tolerance)).ToArray();
        if (usable.Length < 20)
        {
            return;
        }

        using var nonZero = new Mat();
        Cv2.FindNonZero(blob, nonZero);
        nonZero.GetArray(out Point[] pixels);
        List<OutlineFitter.Fit> fits = OutlineFitter.Candidates(usable, tolerance, MinSealMm / mm, MaxSealMm / mm);
        fits.AddRange(OutlineFitter.EdgeRectangles(usable, pixels, tolerance, MinSealMm / mm, MaxSealMm / mm));
        SealCandidate? best = null;
        SealOutline bestLocal = default;
        var ink = new ByteImage(inkMask);
        foreach (OutlineFitter.Fit fit in fits)
        {
            if (fit.InlierFraction < 0.25)
            {
                continue;
            }

            SealOutline outline = fit.Outline.Scaled(1, offset);
            if (Math.Min(outline.Width, outline.Height) * mm < MinSealMm)
            {
                continue;
            }

            OutlineEvidence evidence = OutlineEvidence.Measure(ink, outline, mm);
            double density = InkDensity(ink, outline);
            var candidate = new SealCandidate(outline, fit.InlierFraction, evidence, density, label, depth, 0);
            candidate = candidate with { Score = Score(candidate, mm) };
            sink.Add(candidate);
            if (CompletedRectangle(candidate) is { } completed)
            {
                sink.Add(completed);
            }

            if (best is not { } b || candidate.Score > b.Score + 0.02 || (candidate.Score > b.Score - 0.02 && Simpler(outline, b.Outline)))
            {
                best = candidate;
                bestLocal = fit.Outline;
            }
        }

        if (Diagnostics.Enabled)
        {
            Diagnostics.Log($"split blob {label} depth {depth}: {usable.Length} hull points, {fits.Count} fits, best {best?.Outline.Shape} {best?.Outline.Width * mm:F1}x{best?.Outline.Height * mm:F1} score {best?.Score:F2}");
        }

        if (best is null || depth >= 3)
        {
            return;
        }

        // Whatever the outline does not cover is fitted again if it is large enough to be a seal.
        using var remainder = blob.Clone();
        DrawFilled(remainder, bestLocal, 0, growBy: 1.0 / mm);

        // Only specks go: the remainder may be the thin ring of a faint seal.
        RemoveSpecks(remainder, (int)Math.Ceiling(2.0 / (mm * mm)));
        double minArea = Math.PI * Math.Pow(MinSealMm / 2 / mm, 2) * 0.4;
        if (Cv2.CountNonZero(remainder) >= minArea)
        {
            CollectHypotheses(remainder, offset, inkMask, mm, label, depth + 1, [.. excluded, bestLocal], sink);
        }
    }

    /// <summary>
    /// Rectangles from the straight lines of square and rectangular frames: two parallel lines of
    /// ink facing each other across the blob are opposite sides of a frame. Where square seals
    /// touch along a side, the blob is their union and its hull is no seal's outline, but each
    /// frame's sides are still straight lines of ink.
    /// </summary>
    private static void CollectFrames(Mat blob, Rect rect, Mat inkMask, double mm, int label, List<SealCandidate> sink)
    {
        using var inkRoi = new Mat(inkMask, rect);
        using var lines = new Mat();
        Cv2.BitwiseAnd(inkRoi, blob, lines);
        // The longest straight runs only: frame sides are 10 mm or more, character strokes shorter.
        LineSegmentPoint[] segments = [.. Cv2.HoughLinesP(lines, 1, Math.PI / 180, (int)Math.Round(6 / mm), 8 / mm, 1.5 / mm)
            .OrderByDescending(s => s.Length()).Take(40)];
        if (segments.Length < 2)
        {
            return;
        }

        if (Diagnostics.Enabled)
        {
            Diagnostics.Log($"frames blob {label}: {string.Join("; ", segments.Select(s => $"({s.P1.X + rect.X},{s.P1.Y + rect.Y})-({s.P2.X + rect.X},{s.P2.Y + rect.Y})"))}");
        }

        double minGap = (MinSealMm - 1) / mm, maxGap = MaxSealMm / mm, stroke = 1.0 / mm;
        var seen = new List<SealOutline>();
        for (int i = 0; i < segments.Length; i++)
        {
            (double ux, double uy, double len) = Direction(segments[i]);
            for (int j = i + 1; j < segments.Length; j++)
            {
                (double vx, double vy, double len2) = Direction(segments[j]);
                double dot = Math.Abs(ux * vx + uy * vy);
                if (dot >= Math.Cos(4 * Math.PI / 180))
                {
                    // Opposite sides: the distance across, and the extents of both along the first one.
                    double ox = segments[i].P1.X, oy = segments[i].P1.Y;
                    double across = (-(segments[j].P1.X - ox) * uy + (segments[j].P1.Y - oy) * ux - (segments[j].P2.X - ox) * uy + (segments[j].P2.Y - oy) * ux) / 2;
                    if (Math.Abs(across) < minGap || Math.Abs(across) > maxGap)
                    {
                        continue;
                    }

                    double p = (segments[j].P1.X - ox) * ux + (segments[j].P1.Y - oy) * uy;
                    double q = (segments[j].P2.X - ox) * ux + (segments[j].P2.Y - oy) * uy;
                    double a2 = Math.Min(p, q), b2 = Math.Max(p, q);
                    if (Math.Min(len, b2) - Math.Max(0, a2) < 0.5 * Math.Min(len, len2))
                    {
                        continue;
                    }

                    double from = Math.Min(0, a2), to = Math.Max(len, b2), mid = (from + to) / 2;
                    Emit(new PointD(rect.X + ox + ux * mid - uy * across / 2, rect.Y + oy + uy * mid + ux * across / 2), to - from, Math.Abs(across), ux, uy);
                }
                else if (dot <= Math.Sin(4 * Math.PI / 180) && Corner(segments[i], segments[j], 4.0 / mm) is { } corner)
                {
                    // Two sides meeting at a corner (what a partial impression often keeps of its
                    // frame): the rectangle they span, and the square on the longer one (the other
                    // side of a square seal may be cut short by the missing part).
                    (PointD c, PointD farI, PointD farJ) = corner;
                    double li = c.DistanceTo(farI), lj = c.DistanceTo(farJ);
                    if (Math.Max(li, lj) < minGap)
                    {
                        continue;
                    }

                    (double ix, double iy) = ((farI.X - c.X) / li, (farI.Y - c.Y) / li);
                    (double jx, double jy) = ((farJ.X - c.X) / lj, (farJ.Y - c.Y) / lj);
                    if (Math.Min(li, lj) >= minGap)
                    {
                        Emit(new PointD(rect.X + (farI.X + farJ.X) / 2, rect.Y + (farI.Y + farJ.Y) / 2), li, lj, ix, iy);
                    }

                    double side = Math.Max(li, lj);
                    if (side > 1.15 * Math.Min(li, lj))
                    {
                        Emit(new PointD(rect.X + c.X + (ix + jx) * side / 2, rect.Y + c.Y + (iy + jy) * side / 2), side, side, ix, iy);
                    }
                }
            }
        }

        var ink = new ByteImage(inkMask);
        foreach (SealOutline outline in seen)
        {
            OutlineEvidence evidence = OutlineEvidence.Measure(ink, outline, mm);
            var candidate = new SealCandidate(outline, 0, evidence, InkDensity(ink, outline), label, 0, 0);
            sink.Add(candidate with { Score = Score(candidate, mm) });
        }

        void Emit(PointD centre, double along, double across, double dirX, double dirY)
        {
            double angle = OutlineFitter.NormaliseHalfTurn(-Math.Atan2(dirY, dirX) * 180 / Math.PI);
            double w = along + stroke, h = across + stroke;
            if (w < h)
            {
                (w, h) = (h, w);
                angle = OutlineFitter.NormaliseHalfTurn(angle + 90);
            }

            if (w / h > 4 || h * mm < MinSealMm || w * mm > MaxSealMm
                || seen.Any(o => o.Centre.DistanceTo(centre) < 2 && Math.Abs(o.Width - w) < 3 && Math.Abs(o.Height - h) < 3))
            {
                return;
            }

            seen.Add(new SealOutline(w / h < 1.12 ? SealShapeKind.Square : SealShapeKind.Rectangle, centre, w, h, angle));
        }

        // Where two perpendicular segments would meet (their lines' intersection, near an end of
        // each; a frame's corner may be rounded): the corner and each one's far end.
        static (PointD Corner, PointD FarI, PointD FarJ)? Corner(LineSegmentPoint a, LineSegmentPoint b, double reach)
        {
            double ax = a.P2.X - a.P1.X, ay = a.P2.Y - a.P1.Y, bx = b.P2.X - b.P1.X, by = b.P2.Y - b.P1.Y;
            double det = ax * by - ay * bx;
            if (Math.Abs(det) < 1e-9)
            {
                return null;
            }

            double t = ((b.P1.X - a.P1.X) * by - (b.P1.Y - a.P1.Y) * bx) / det;
            var c = new PointD(a.P1.X + t * ax, a.P1.Y + t * ay);
            (PointD nearA, PointD farA) = Ends(a, c);
            (PointD nearB, PointD farB) = Ends(b, c);
            return nearA.DistanceTo(c) <= reach && nearB.DistanceTo(c) <= reach ? (c, farA, farB) : null;
        }

        static (PointD Near, PointD Far) Ends(LineSegmentPoint s, PointD c)
        {
            var p = new PointD(s.P1.X, s.P1.Y);
            var q = new PointD(s.P2.X, s.P2.Y);
            return p.DistanceTo(c) <= q.DistanceTo(c) ? (p, q) : (q, p);
        }

        static (double X, double Y, double Length) Direction(LineSegmentPoint s)
        {
            double dx = s.P2.X - s.P1.X, dy = s.P2.Y - s.P1.Y, l = Math.Sqrt(dx * dx + dy * dy);
            return (dx / l, dy / l, l);
        }
    }

    /// <summary>
    /// Hypotheses from blobs closed over smaller gaps (0.5 mm). Seals stamped a millimetre or two
    /// apart share one blob at the usual closing, but each one's ring or frame still closes on its
    /// own here; blobs that are the same at both scales are not fitted twice.
    /// </summary>
    private static void CollectFromFineBlobs(Mat inkMask, Mat coarseLabels, Mat coarseStats, double mm, List<SealCandidate> sink)
    {
        using Mat fine = SolidBlobs(inkMask, mm, closeMm: 0.5);
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(fine, labels, stats, centroids, PixelConnectivity.Connectivity8);
        double minArea = Math.PI * Math.Pow(MinSealMm / 2 / mm, 2) * 0.5;
        var significant = new bool[count];
        for (int f = 1; f < count; f++)
        {
            significant[f] = stats.At<int>(f, (int)ConnectedComponentsTypes.Area) >= minArea
                && Math.Max(stats.At<int>(f, 2), stats.At<int>(f, 3)) * mm >= MinSealMm;
        }

        // The coarse blob each fine blob lies in, and how many significant fine blobs each coarse blob holds.
        var parent = new int[count];
        int coarseCount = coarseStats.Rows;
        var children = new int[coarseCount];
        ReadOnlySpan<int> fl = labels.AsSpan<int>();
        ReadOnlySpan<int> cl = coarseLabels.AsSpan<int>();
        for (int i = 0; i < fl.Length; i++)
        {
            int f = fl[i];
            if (f != 0 && parent[f] == 0 && significant[f])
            {
                parent[f] = cl[i];
                children[cl[i]]++;
            }
        }

        for (int f = 1; f < count; f++)
        {
            int c = parent[f];
            if (!significant[f] || c == 0
                || (children[c] == 1 && stats.At<int>(f, (int)ConnectedComponentsTypes.Area) >= 0.85 * coarseStats.At<int>(c, (int)ConnectedComponentsTypes.Area)))
            {
                continue;
            }

            var rect = new Rect(stats.At<int>(f, 0), stats.At<int>(f, 1), stats.At<int>(f, 2), stats.At<int>(f, 3));
            using var labelRoi = new Mat(labels, rect);
            using var component = new Mat();
            Cv2.Compare(labelRoi, new Scalar(f), component, CmpTypes.EQ);
            CollectHypotheses(component, new PointD(rect.X, rect.Y), inkMask, mm, coarseCount + f, depth: 1, excluded: [], sink);
        }
    }

    /// <summary>
    /// Splits a blob made of several seals into one part per seal. Every seal is a thick body, so
    /// the blob's distance transform peaks once inside each of them; where two peaks are joined only
    /// through a neck (the distance drops well below both peaks along the way), they are different
    /// seals. Each pixel goes to the peak whose disc it lies deepest in (a power diagram, which cuts
    /// two touching discs along their common chord). Returns no parts for a blob of one seal.
    /// </summary>
    internal static (List<Mat> Parts, List<PointD> Markers) SplitAtNecks(Mat blob, double mm)
    {
        var parts = new List<Mat>();
        double minRadius = 3.5 / mm;
        using var distance = new Mat();
        Cv2.DistanceTransform(blob, distance, DistanceTypes.L2, DistanceTransformMasks.Mask5);
        Cv2.MinMaxLoc(distance, out _, out double maxDistance);
        if (maxDistance < minRadius)
        {
            return (parts, []);
        }

        int k = 2 * (int)Math.Round(2.0 / mm) + 1;
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(k, k));
        using var dilated = new Mat();
        Cv2.Dilate(distance, dilated, kernel);
        int w = blob.Cols, h = blob.Rows;
        ReadOnlySpan<float> d = distance.AsSpan<float>();
        ReadOnlySpan<float> dd = dilated.AsSpan<float>();
        var peaks = new List<(int X, int Y, float R)>();
        for (int i = 0; i < d.Length; i++)
        {
            if (d[i] >= minRadius && d[i] >= dd[i])
            {
                peaks.Add((i % w, i / w, d[i]));
            }
        }

        // A peak is a new seal body unless it is joined to an earlier (higher) one through the blob
        // without passing a neck: a path along which the distance stays above 70 % of its own.
        var markers = new List<(int X, int Y, float R)>();
        var levels = new Dictionary<int, Mat>();
        try
        {
            foreach ((int X, int Y, float R) p in peaks.OrderByDescending(p => p.R))
            {
                if (markers.Any(m => (p.X - m.X) * (p.X - m.X) + (p.Y - m.Y) * (p.Y - m.Y) < m.R * m.R))
                {
                    continue;
                }

                if (markers.Count > 0)
                {
                    int level = (int)(0.7 * p.R);
                    if (!levels.TryGetValue(level, out Mat? labels))
                    {
                        using var above = new Mat();
                        Cv2.Threshold(distance, above, level, 255, ThresholdTypes.Binary);
                        using var above8 = new Mat();
                        above.ConvertTo(above8, MatType.CV_8U);
                        labels = new Mat();
                        Cv2.ConnectedComponents(above8, labels, PixelConnectivity.Connectivity8);
                        levels[level] = labels;
                    }

                    if (JoinedToAny(labels.AsSpan<int>(), w, p, markers))
                    {
                        continue;
                    }
                }

                markers.Add(p);
            }
        }
        finally
        {
            foreach (Mat m in levels.Values)
            {
                m.Dispose();
            }
        }

        if (markers.Count is < 2 or > 254)
        {
            return (parts, []);
        }

        ReadOnlySpan<byte> b = blob.AsSpan<byte>();
        var owners = new byte[b.Length];
        for (int i = 0; i < b.Length; i++)
        {
            if (b[i] == 0)
            {
                continue;
            }

            int x = i % w, y = i / w, owner = 0;
            double best = double.MaxValue;
            for (int m = 0; m < markers.Count; m++)
            {
                double dx = x - markers[m].X, dy = y - markers[m].Y;
                double power = dx * dx + dy * dy - (double)markers[m].R * markers[m].R;
                if (power < best)
                {
                    best = power;
                    owner = m;
                }
            }

            owners[i] = (byte)(owner + 1);
        }

        var masks = new Mat[markers.Count];
        for (int m = 0; m < markers.Count; m++)
        {
            masks[m] = new Mat(blob.Size(), MatType.CV_8UC1, Scalar.All(0));
            Span<byte> mask = masks[m].AsSpan<byte>();
            for (int i = 0; i < owners.Length; i++)
            {
                if (owners[i] == m + 1)
                {
                    mask[i] = 255;
                }
            }
        }

        parts.AddRange(masks);
        return (parts, [.. markers.Select(m => new PointD(m.X, m.Y))]);

        static bool JoinedToAny(ReadOnlySpan<int> labels, int width, (int X, int Y, float R) p, List<(int X, int Y, float R)> markers)
        {
            int own = labels[p.Y * width + p.X];
            foreach ((int X, int Y, float R) m in markers)
            {
                if (labels[m.Y * width + m.X] == own)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// A long rectangle framed on three sides whose fourth (short) side has no frame line is a
    /// partial impression: the stamp goes on past the end of the ink by an unknown length. Returns
    /// the rectangle extended on that side by a sixth of its length (the middle of the range a
    /// missing part up to a third of the impression leaves), with the same evidence and a slightly
    /// higher score so that it is preferred to the visible part alone.
    /// </summary>
    private static SealCandidate? CompletedRectangle(SealCandidate c)
    {
        SealOutline o = c.Outline;
        OutlineEvidence e = c.Evidence;
        if (o.Shape != SealShapeKind.Rectangle || o.Width < 1.5 * o.Height || e.LongSidesSupport < 0.75
            || Math.Max(e.RightSupport, e.LeftSupport) < 0.8 || Math.Min(e.RightSupport, e.LeftSupport) >= 0.6)
        {
            return null;
        }

        double extension = o.Width / 6;
        double direction = e.RightSupport < e.LeftSupport ? 1 : -1;
        double t = o.AngleDeg * Math.PI / 180;
        var centre = new PointD(o.Centre.X + direction * extension / 2 * Math.Cos(t), o.Centre.Y - direction * extension / 2 * Math.Sin(t));
        return c with { Outline = o with { Centre = centre, Width = o.Width + extension }, Score = Math.Min(1, c.Score + 0.01) };
    }

    /// <summary>
    /// How strongly the evidence says "a seal's outline": a border of ink with bare paper outside
    /// it, ink inside, and a plausible size and shape.
    /// </summary>
    internal static double Score(SealCandidate c, double mm)
    {
        OutlineEvidence e = c.Evidence;
        double score = 0.5 * e.Framed + 0.2 * e.Support + 0.15 * e.Clear + 0.15 * Math.Min(1, c.Density / 0.15);
        return Math.Clamp(score * Plausibility(c.Outline, mm) * (c.Seeds >= 2 ? 0.85 : 1), 0, 1);
    }

    /// <summary>
    /// How plausible an outline's size and proportions are for a seal: the smallest name seals are
    /// about 12 mm, oval seals are at most about 1.7 times as long as high, and long rectangular
    /// stamps at most about 3.7 times. Lines of printed characters fitted as outlines are flatter or
    /// smaller.
    /// </summary>
    private static double Plausibility(SealOutline o, double mm)
    {
        double small = Math.Min(o.Width, o.Height) * mm, large = Math.Max(o.Width, o.Height) * mm;
        double aspect = large / Math.Max(small, 1e-9);
        double p = small < 11 ? 0.6 : 1;
        if ((o.Shape == SealShapeKind.Oval && aspect > 1.8) || (o.Shape == SealShapeKind.Rectangle && aspect > 4))
        {
            p *= 0.6;
        }

        return p;
    }

    /// <summary>
    /// The convex hull of the blob, sampled every pixel along its edges. The hull
    /// bridges a broken ring or a missing side, so the arc that remains dominates the outline fit, and
    /// the inner edges of a C-shaped partial impression never compete with its outer edge.
    /// </summary>
    /// <summary>A circle is simpler than an ellipse, which is simpler than a rectangle (for ties).</summary>
    private static bool Simpler(SealOutline a, SealOutline b) => Rank(a.Shape) < Rank(b.Shape);

    private static int Rank(SealShapeKind shape) => shape switch
    {
        SealShapeKind.Round => 0,
        SealShapeKind.Oval => 1,
        _ => 2,
    };

    private static Point2f[] OuterContour(Mat blob)
    {
        // All of the blob's pixels: after a fitted seal is cut away, what remains of a faint ring may be in pieces.
        using var nonZero = new Mat();
        Cv2.FindNonZero(blob, nonZero);
        if (nonZero.Rows < 3)
        {
            return [];
        }

        nonZero.GetArray(out Point[] largest);
        Point[] hull = Cv2.ConvexHull(largest);
        var dense = new List<Point2f>();
        for (int i = 0; i < hull.Length; i++)
        {
            Point a = hull[i], b = hull[(i + 1) % hull.Length];
            double length = Math.Sqrt((double)(b.X - a.X) * (b.X - a.X) + (double)(b.Y - a.Y) * (b.Y - a.Y));
            int steps = Math.Max(1, (int)Math.Ceiling(length));
            for (int k = 0; k < steps; k++)
            {
                double t = k / (double)steps;
                dense.Add(new Point2f((float)(a.X + t * (b.X - a.X)), (float)(a.Y + t * (b.Y - a.Y))));
            }
        }

        int step = Math.Max(1, dense.Count / 600);
        var points = new List<Point2f>(dense.Count / step + 1);
        for (int i = 0; i < dense.Count; i += step)
        {
            points.Add(dense[i]);
        }

        return [.. points];
    }

    /// <summary>Draws an outline filled (optionally grown by some pixels) with the given value.</summary>
    internal static void DrawFilled(Mat image, SealOutline outline, double value, double growBy = 0)
    {
        var size = new Size2f((float)(outline.Width + 2 * growBy), (float)(outline.Height + 2 * growBy));
        var centre = new Point2f((float)outline.Centre.X, (float)outline.Centre.Y);
        if (outline.Shape is SealShapeKind.Round or SealShapeKind.Oval)
        {
            image.Ellipse(new RotatedRect(centre, size, (float)-outline.AngleDeg), Scalar.All(value), -1);
        }
        else
        {
            Point2f[] corners = new RotatedRect(centre, size, (float)-outline.AngleDeg).Points();
            image.FillConvexPoly(corners.Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y))), Scalar.All(value));
        }
    }

    /// <summary>Fraction of the outline's area that holds ink (sampled on a grid of about 1 mm; outside the image counts as no ink).</summary>
    private static double InkDensity(ByteImage ink, SealOutline outline)
    {
        int grid = Math.Clamp((int)Math.Ceiling(Math.Max(outline.Width, outline.Height) / 3), 8, 40);
        double t = outline.AngleDeg * Math.PI / 180, cos = Math.Cos(t), sin = Math.Sin(t);
        bool curved = outline.Shape is SealShapeKind.Round or SealShapeKind.Oval;
        int inked = 0, total = 0;
        for (int i = 0; i < grid; i++)
        {
            double u = (i + 0.5) / grid - 0.5;
            for (int j = 0; j < grid; j++)
            {
                double v = (j + 0.5) / grid - 0.5;
                if (curved && u * u + v * v > 0.25)
                {
                    continue;
                }

                double lx = u * outline.Width, ly = v * outline.Height;
                total++;
                inked += ink[(int)Math.Round(outline.Centre.X + lx * cos + ly * sin), (int)Math.Round(outline.Centre.Y - lx * sin + ly * cos)] != 0 ? 1 : 0;
            }
        }

        return total == 0 ? 0 : inked / (double)total;
    }
}
