using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;

namespace SealMatch.Engine.Tests.Localisation;

/// <summary>
/// The detector's choice among outline hypotheses: an outline whose border is the neighbours' rings
/// is no seal, and the compartments of one divided stamp are one seal. The hypotheses' evidence is
/// measured on drawn ink at the detector's working scale (0.25 mm per pixel).
/// </summary>
public class SealSelectionTests
{
    private const double Mm = SealDetector.WorkingMillimetresPerPixel;
    private const int LinePixels = 4; // a 1 mm ring

    [Fact]
    public void An_outline_drawn_on_its_neighbours_borders_is_no_seal()
    {
        // Two 20 mm square seals stamped 16 mm apart over a table rule along their lower sides: the
        // gap between them is framed by their facing sides and the rule, a "square" with three of
        // its four sides supported, none of them its own but the rule. (On development slips the
        // detector proposed such outlines between two company seals' rings and a table line.)
        var left = new SealOutline(SealShapeKind.Square, new PointD(160, 200), 80, 80, 0);
        var right = new SealOutline(SealShapeKind.Square, new PointD(304, 200), 80, 80, 0);
        var between = new SealOutline(SealShapeKind.Square, new PointD(232, 208), 64, 64, 0);
        using Mat ink = Ink(600, 400, left, right);
        Cv2.Line(ink, new Point(60, 240), new Point(420, 240), Scalar.All(255), LinePixels);

        SealCandidate gap = Candidate(ink, between, 0.6);
        Assert.True(gap.Evidence.Support > 0.6, $"support {gap.Evidence.Support:F2}"); // enough ink on its outline to pass as a seal

        List<SealCandidate> chosen = SealDetector.Select([Candidate(ink, left, 1.0), Candidate(ink, right, 0.98), gap], 0.5, Mm);

        Assert.Equal(2, chosen.Count);
        Assert.DoesNotContain(chosen, c => c.Outline == between);
    }

    [Fact]
    public void A_name_seal_touching_a_company_seal_keeps_its_own_border()
    {
        // The same scene, but the square is a seal: its own frame on all four sides, touching the left ring.
        var left = new SealOutline(SealShapeKind.Oval, new PointD(160, 200), 160, 128, 0);
        var square = new SealOutline(SealShapeKind.Square, new PointD(272, 262), 64, 64, 0);
        using Mat ink = Ink(600, 400, left, square);

        List<SealCandidate> chosen = SealDetector.Select([Candidate(ink, left, 1.0), Candidate(ink, square, 0.9)], 0.5, Mm);

        Assert.Equal(2, chosen.Count);
        Assert.Contains(chosen, c => c.Outline == square);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(18.0)]
    [InlineData(-71.0)]
    public void Compartments_of_one_divided_stamp_are_one_seal(double angleDeg)
    {
        // A 36 x 24 mm stamp divided by a rule along its length into two 36 x 12 mm compartments, its
        // left end not printed (a partial impression): each compartment is framed on its own.
        var centre = new PointD(300, 300);
        SealOutline upper = Offset(new SealOutline(SealShapeKind.Rectangle, centre, 144, 48, angleDeg), 0, -24);
        SealOutline lower = Offset(new SealOutline(SealShapeKind.Rectangle, centre, 144, 48, angleDeg), 0, 24);
        using Mat ink = Ink(600, 600, upper, lower);
        SealOutline unprinted = Offset(new SealOutline(SealShapeKind.Rectangle, centre, 40, 120, angleDeg), -62, 0);
        Cv2.FillConvexPoly(ink, Corners(unprinted), Scalar.All(0));

        List<SealCandidate> chosen = SealDetector.Select([Candidate(ink, upper, 0.9), Candidate(ink, lower, 0.85)], 0.5, Mm);

        SealCandidate stamp = Assert.Single(chosen);
        Assert.True(stamp.Outline.Centre.DistanceTo(centre) < 4, $"centre {stamp.Outline.Centre}");
        Assert.InRange(Math.Max(stamp.Outline.Width, stamp.Outline.Height), 140, 150);
        Assert.InRange(Math.Min(stamp.Outline.Width, stamp.Outline.Height), 92, 100);
    }

    [Fact]
    public void Parallel_rectangles_a_few_millimetres_apart_stay_two_seals()
    {
        var centre = new PointD(300, 300);
        SealOutline upper = Offset(new SealOutline(SealShapeKind.Rectangle, centre, 144, 48, 18), 0, -36);
        SealOutline lower = Offset(new SealOutline(SealShapeKind.Rectangle, centre, 144, 48, 18), 0, 36);
        using Mat ink = Ink(600, 600, upper, lower);

        List<SealCandidate> chosen = SealDetector.Select([Candidate(ink, upper, 0.9), Candidate(ink, lower, 0.85)], 0.5, Mm);

        Assert.Equal(2, chosen.Count);
    }

    /// <summary>The outline moved by (<paramref name="along"/>, <paramref name="across"/>) pixels along its own axes.</summary>
    private static SealOutline Offset(SealOutline o, double along, double across)
    {
        double t = o.AngleDeg * Math.PI / 180;
        return o with { Centre = new PointD(o.Centre.X + along * Math.Cos(t) + across * Math.Sin(t), o.Centre.Y - along * Math.Sin(t) + across * Math.Cos(t)) };
    }

    /// <summary>A binary ink mask with each outline drawn as a 1 mm line.</summary>
    [Fact]
    public void Near_misses_are_the_best_outlines_left_clear_of_the_chosen_seals()
    {
        // A chosen 40 mm company seal; a fragment inside it; a 20 mm square 50 mm away that scored just
        // under the bar (a faint name seal); a weaker square elsewhere; a 12 mm outline (too small to
        // be worth a specimen's look on its own score).
        var seal = new SealOutline(SealShapeKind.Round, new PointD(160, 200), 160, 160, 0);
        var fragment = new SealOutline(SealShapeKind.Round, new PointD(150, 190), 90, 90, 0);
        var faint = new SealOutline(SealShapeKind.Square, new PointD(360, 200), 80, 80, 0);
        var weak = new SealOutline(SealShapeKind.Square, new PointD(500, 120), 80, 80, 0);
        var tiny = new SealOutline(SealShapeKind.Square, new PointD(520, 320), 48, 48, 0);
        using Mat ink = Ink(640, 400, seal, fragment, faint, weak, tiny);
        List<SealCandidate> candidates =
        [
            Candidate(ink, seal, 1.0), Candidate(ink, fragment, 0.7), Candidate(ink, faint, 0.48),
            Candidate(ink, faint with { AngleDeg = 3 }, 0.47), Candidate(ink, weak, 0.3), Candidate(ink, tiny, 0.6),
        ];
        List<SealCandidate> chosen = SealDetector.Select(candidates, 0.5, Mm);
        Assert.Equal([seal], chosen.Select(c => c.Outline));

        List<SealOutline> near = SealDetector.NearMisses(candidates, chosen, Mm);

        // The faint square once (its second, turned outline describes the same ink), nothing else.
        Assert.Equal([faint], near);
    }

    private static Mat Ink(int width, int height, params SealOutline[] outlines)
    {
        var ink = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        foreach (SealOutline o in outlines)
        {
            if (o.Shape is SealShapeKind.Round or SealShapeKind.Oval)
            {
                // OpenCV's ellipse angle turns clockwise on screen; the outline's turns counter-clockwise.
                Cv2.Ellipse(ink, new RotatedRect(new Point2f((float)o.Centre.X, (float)o.Centre.Y), new Size2f(o.Width, o.Height), (float)-o.AngleDeg), Scalar.All(255), LinePixels);
                continue;
            }

            Cv2.Polylines(ink, [Corners(o)], isClosed: true, Scalar.All(255), LinePixels);
        }

        return ink;
    }

    private static Point[] Corners(SealOutline o) =>
        [.. new[] { (-1, -1), (1, -1), (1, 1), (-1, 1) }
            .Select(c => Offset(o, c.Item1 * o.Width / 2, c.Item2 * o.Height / 2).Centre)
            .Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y)))];

    private static SealCandidate Candidate(Mat ink, SealOutline outline, double score)
    {
        var image = new ByteImage(ink);
        OutlineEvidence evidence = OutlineEvidence.Measure(image, outline, Mm);
        return new SealCandidate(outline, Fit: 1, evidence, Density: 0.2, Blob: 1, Depth: 0, score);
    }
}
