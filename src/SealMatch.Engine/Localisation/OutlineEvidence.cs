using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Localisation;

/// <summary>
/// What the ink says about one outline hypothesis (all fractions of the outline's length, 0..1).
/// </summary>
/// <param name="Support">Outline points with ink on the outline (within about 1 mm inside to 0.5 mm outside).</param>
/// <param name="Continuous">Outline points with ink on the outline that lie in long unbroken runs.</param>
/// <param name="Clear">Outline points with no ink just outside the outline (1–2.5 mm out).</param>
/// <param name="Framed">Outline points with ink on the outline and none just outside it, in long unbroken runs: a seal's ring or frame.</param>
/// <param name="RightSupport">For a rectangle: <paramref name="Support"/> along its right short side (the +x end of its width axis).</param>
/// <param name="LeftSupport">For a rectangle: <paramref name="Support"/> along its left short side.</param>
/// <param name="LongSidesSupport">For a rectangle: the lower <paramref name="Support"/> of its two long sides.</param>
/// <param name="Hits">Which of the <see cref="Samples"/> outline points have ink on the outline.</param>
/// <param name="LongestFramed">The longest unbroken run of framed outline points, as a fraction of the outline.</param>
internal readonly record struct OutlineEvidence(double Support, double Continuous, double Clear, double Framed, double RightSupport = 1, double LeftSupport = 1, double LongSidesSupport = 1, SampleSet Hits = default, double LongestFramed = 0)
{
    /// <summary>Samples taken along an outline.</summary>
    public const int Samples = 180;

    /// <summary>Shortest run of consecutive samples that counts as a line (5 % of the outline).</summary>
    private const int MinRun = 9;

    /// <summary>
    /// Measures the evidence for <paramref name="outline"/> (in the mask's pixels) on a binary ink
    /// mask. A seal's border is an unbroken line of ink along its outline with bare paper just
    /// outside it (only where a second seal touches is there ink outside); an outline fitted across
    /// two seals, to a fragment of one, or around a line of printed characters has ink outside it or
    /// meets ink only here and there.
    /// </summary>
    public static OutlineEvidence Measure(ByteImage ink, SealOutline outline, double millimetresPerPixel)
    {
        int inward = Math.Max(1, (int)Math.Round(1.0 / millimetresPerPixel));
        int outward = Math.Max(1, (int)Math.Round(0.5 / millimetresPerPixel));
        int clearFrom = Math.Max(outward + 1, (int)Math.Round(1.0 / millimetresPerPixel));
        int clearTo = Math.Max(clearFrom + 1, (int)Math.Round(2.5 / millimetresPerPixel));
        int clearAllowed = Math.Max(1, (clearTo - clearFrom + 1) / 5);

        Span<bool> on = stackalloc bool[Samples];
        Span<bool> framed = stackalloc bool[Samples];
        Span<int> sideHits = stackalloc int[4];
        Span<int> sideSamples = stackalloc int[4];
        bool rectangle = outline.Shape is SealShapeKind.Square or SealShapeKind.Rectangle;
        int onCount = 0, clearCount = 0;
        double t = outline.AngleDeg * Math.PI / 180;
        double cos = Math.Cos(t), sin = Math.Sin(t);
        for (int i = 0; i < Samples; i++)
        {
            (double lx, double ly, double nx, double ny) = BoundaryPoint(outline, i / (double)Samples);
            double px = outline.Centre.X + lx * cos + ly * sin;
            double py = outline.Centre.Y - lx * sin + ly * cos;
            double dx = nx * cos + ny * sin;
            double dy = -nx * sin + ny * cos;
            bool hit = false;
            for (int k = -inward; k <= outward && !hit; k++)
            {
                hit = ink[(int)Math.Round(px + k * dx), (int)Math.Round(py + k * dy)] != 0;
            }

            int outside = 0;
            for (int k = clearFrom; k <= clearTo; k++)
            {
                if (ink[(int)Math.Round(px + k * dx), (int)Math.Round(py + k * dy)] != 0)
                {
                    outside++;
                }
            }

            bool clear = outside <= clearAllowed;
            if (rectangle)
            {
                int side = Side(outline, i / (double)Samples);
                sideSamples[side]++;
                sideHits[side] += hit ? 1 : 0;
            }

            on[i] = hit;
            framed[i] = hit && clear;
            onCount += hit ? 1 : 0;
            clearCount += clear ? 1 : 0;
        }

        var hits = default(SampleSet);
        for (int i = 0; i < Samples; i++)
        {
            if (on[i])
            {
                hits = hits.With(i);
            }
        }

        var evidence = new OutlineEvidence(onCount / (double)Samples, InRuns(on), clearCount / (double)Samples, InRuns(framed), Hits: hits, LongestFramed: LongestRun(framed));
        if (!rectangle)
        {
            return evidence;
        }

        return evidence with
        {
            RightSupport = Fraction(sideHits[1], sideSamples[1]),
            LeftSupport = Fraction(sideHits[3], sideSamples[3]),
            LongSidesSupport = Math.Min(Fraction(sideHits[0], sideSamples[0]), Fraction(sideHits[2], sideSamples[2])),
        };

        static double Fraction(int hits, int samples) => samples == 0 ? 1 : hits / (double)samples;
    }

    /// <summary>
    /// How much of the part of the outline that faces <paramref name="point"/> (outline points whose
    /// outward normal is within 50° of the direction from the centre to the point) is one unbroken
    /// line of ink: the longest run of consecutive hits there, as a fraction of that part. Where two
    /// seals touch, each shows its own border line on the side facing the other; where an outline
    /// cuts through a seal's characters, the hits are broken by the gaps between them.
    /// </summary>
    public double LineFacing(SealOutline outline, PointD point)
    {
        double t = outline.AngleDeg * Math.PI / 180, cos = Math.Cos(t), sin = Math.Sin(t);
        double dx = point.X - outline.Centre.X, dy = point.Y - outline.Centre.Y;
        double norm = Math.Sqrt(dx * dx + dy * dy);
        if (norm < 1e-9)
        {
            return 0;
        }

        double limit = Math.Cos(50 * Math.PI / 180);
        Span<bool> facing = stackalloc bool[Samples];
        int count = 0;
        for (int i = 0; i < Samples; i++)
        {
            (_, _, double nx, double ny) = BoundaryPoint(outline, i / (double)Samples);
            double ix = nx * cos + ny * sin, iy = -nx * sin + ny * cos;
            facing[i] = (ix * dx + iy * dy) / norm >= limit;
            count += facing[i] ? 1 : 0;
        }

        if (count == 0)
        {
            return 0;
        }

        // Longest run of facing hits around the closed outline (allowing a single missed sample).
        int best = 0, run = 0, misses = 0;
        for (int k = 0; k < 2 * Samples; k++)
        {
            int i = k % Samples;
            if (!facing[i])
            {
                run = 0;
                misses = 0;
                continue;
            }

            if (Hits.Contains(i))
            {
                run++;
            }
            else if (misses == 0 && run > 0)
            {
                misses = 1;
                run++;
            }
            else
            {
                run = 0;
                misses = 0;
            }

            best = Math.Max(best, Math.Min(run, count));
        }

        return best / (double)count;
    }

    /// <summary>The side of a rectangle (0 top, 1 right, 2 bottom, 3 left, in its own frame) at perimeter parameter u.</summary>
    private static int Side(SealOutline outline, double u)
    {
        double a = outline.Width / 2, b = outline.Height / 2;
        double d = u * 4 * (a + b);
        return d < 2 * a ? 0 : d < 2 * a + 2 * b ? 1 : d < 4 * a + 2 * b ? 2 : 3;
    }

    /// <summary>The longest run of set samples around the closed outline, as a fraction of all samples.</summary>
    private static double LongestRun(ReadOnlySpan<bool> set)
    {
        int start = set.IndexOf(false);
        if (start < 0)
        {
            return 1;
        }

        int best = 0, run = 0;
        for (int k = 1; k <= set.Length; k++)
        {
            run = set[(start + k) % set.Length] ? run + 1 : 0;
            best = Math.Max(best, run);
        }

        return best / (double)set.Length;
    }

    /// <summary>Fraction of the samples lying in runs of at least <see cref="MinRun"/> set samples around the closed outline.</summary>
    private static double InRuns(ReadOnlySpan<bool> set)
    {
        int start = set.IndexOf(false);
        if (start < 0)
        {
            return 1;
        }

        int inRuns = 0, run = 0;
        for (int k = 1; k <= set.Length; k++)
        {
            if (set[(start + k) % set.Length])
            {
                run++;
            }
            else
            {
                inRuns += run >= MinRun ? run : 0;
                run = 0;
            }
        }

        return inRuns / (double)set.Length;
    }

    /// <summary>A point on the outline in its own frame, parameterised by u in [0, 1), with the outward unit normal there.</summary>
    internal static (double X, double Y, double Nx, double Ny) BoundaryPoint(SealOutline outline, double u)
    {
        double a = outline.Width / 2, b = outline.Height / 2;
        if (outline.Shape is SealShapeKind.Round or SealShapeKind.Oval)
        {
            double phi = u * 2 * Math.PI;
            double c = Math.Cos(phi), s = Math.Sin(phi);
            double nx = b * c, ny = a * s;
            double norm = Math.Sqrt(nx * nx + ny * ny);
            return (a * c, b * s, nx / norm, ny / norm);
        }

        double perimeter = 4 * (a + b);
        double d = u * perimeter;
        if (d < 2 * a)
        {
            return (-a + d, -b, 0, -1);
        }

        d -= 2 * a;
        if (d < 2 * b)
        {
            return (a, -b + d, 1, 0);
        }

        d -= 2 * b;
        return d < 2 * a ? (a - d, b, 0, 1) : (-a, b - (d - 2 * a), -1, 0);
    }
}

/// <summary>A set of outline sample indices (below 192).</summary>
internal readonly record struct SampleSet(ulong Low, ulong Middle, ulong High)
{
    /// <summary>Whether sample <paramref name="i"/> is in the set.</summary>
    public bool Contains(int i) => i switch
    {
        < 64 => ((Low >> i) & 1) != 0,
        < 128 => ((Middle >> (i - 64)) & 1) != 0,
        _ => ((High >> (i - 128)) & 1) != 0,
    };

    /// <summary>The set with sample <paramref name="i"/> added.</summary>
    public SampleSet With(int i) => i switch
    {
        < 64 => this with { Low = Low | (1UL << i) },
        < 128 => this with { Middle = Middle | (1UL << (i - 64)) },
        _ => this with { High = High | (1UL << (i - 128)) },
    };
}
