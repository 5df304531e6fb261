using System.Diagnostics;
using Xunit.Abstractions;

namespace SealMatch.Synthesis.Tests;

public sealed class ImpressionTests(ITestOutputHelper output)
{
    private const double Mm300 = 25.4 / 300;

    [Fact]
    public void Elastic_field_maximum_is_the_requested_one_and_within_genuine_range()
    {
        var rng = new SynthRandom(11);
        for (int i = 0; i < 200; i++)
        {
            ImpressionConditions c = ImpressionConditions.RandomGenuine(rng.Fork("c", i));
            Assert.InRange(c.ElasticMaxMm, 0.02, 0.12);
            var field = new ElasticField(42, 42, c.ElasticMaxMm, c.ElasticScaleMm, c.FieldSeed);
            Assert.Equal(c.ElasticMaxMm, field.MaxMagnitude(), 9);

            // Dense sampling never exceeds the maximum.
            double max = 0;
            for (double y = -21; y <= 21; y += 0.37)
            {
                for (double x = -21; x <= 21; x += 0.37)
                {
                    (double ux, double uy) = field.At(x, y);
                    max = Math.Max(max, Math.Sqrt((ux * ux) + (uy * uy)));
                }
            }

            Assert.True(max <= 0.12 + 1e-9, $"elastic {max}");
            Assert.True(max >= 0.5 * c.ElasticMaxMm, $"elastic {max} far below {c.ElasticMaxMm}");
        }
    }

    [Fact]
    public void Genuine_conditions_stay_in_their_documented_ranges()
    {
        var rng = new SynthRandom(12);
        int partial = 0;
        int upright = 0;
        const int N = 2000;
        for (int i = 0; i < N; i++)
        {
            ImpressionConditions c = ImpressionConditions.RandomGenuine(rng.Fork("c", i));
            Assert.InRange(c.InkAmount, 0.35, 1.4);
            Assert.InRange(c.BleedMm, 0, 0.08);
            Assert.InRange(c.TextureScaleMm, 0.05, 0.2);
            if (c.Cut is { } cut)
            {
                partial++;
                Assert.InRange(cut.AreaFraction, 0.05, 0.33);
            }

            if (Math.Abs(c.RotationDeg) <= 25)
            {
                upright++;
            }

            for (double y = -20; y <= 20; y += 5)
            {
                for (double x = -20; x <= 20; x += 5)
                {
                    Assert.InRange(c.Pressure.At(x, y), 0.5, 1.3);
                }
            }
        }

        Assert.InRange(partial / (double)N, 0.26, 0.34);

        // Half within ±25°, plus the uniform half's share of that sector (50/360).
        Assert.InRange(upright / (double)N, 0.5, 0.62);
    }

    [Theory]
    [InlineData(1.4, 1.3)]
    [InlineData(0.35, 0.5)]
    public void Stroke_width_change_stays_within_twenty_percent(double ink, double pressure)
    {
        SealLayout layout = TestSeals.Company42();
        RubberStamp stamp = RubberStamp.For(layout);
        var pressureField = new PressureField(0, 0, [new PressureBump(0, 0, 1000, pressure - 1)]);
        ImpressionConditions reference = TestSeals.Clean() with { StrokeGain = 1.0 };
        ImpressionConditions extreme = reference with { InkAmount = ink, Pressure = pressureField };
        const double Res = 0.02;
        double a0 = Area(ImpressionSimulator.Render(stamp, reference, Res, new SynthRandom(1)));
        double a1 = Area(ImpressionSimulator.Render(stamp, extreme, Res, new SynthRandom(1)));
        double change = (a1 / a0) - 1;
        output.WriteLine($"ink {ink} pressure {pressure}: ink-area change {change:P1}");

        // Area change of constant-width strokes equals their width change; stroke ends add a little.
        Assert.InRange(Math.Abs(change), 0.08, 0.22);
        Assert.Equal(Math.Sign(ink - 1), Math.Sign(change));
    }

    [Fact]
    public void Partial_impression_misses_ink_on_the_stated_side_and_reports_visible_fraction()
    {
        SealLayout layout = TestSeals.Company42();
        RubberStamp stamp = RubberStamp.For(layout);
        var rng = new SynthRandom(5);
        foreach (double dir in new[] { 0.0, 90, 200, 300 })
        {
            ImpressionConditions full = TestSeals.Clean() with { RotationDeg = 33, FieldSeed = 9 };
            ImpressionConditions cut = full with { Cut = new PartialCut(dir, 0.25, 0.6, 0.8) };
            InkImpression a = ImpressionSimulator.Render(stamp, full, Mm300, rng.Fork("a"));
            InkImpression b = ImpressionSimulator.Render(stamp, cut, Mm300, rng.Fork("a"));

            // Ink on the missing side (beyond the centre along the direction) vs the opposite side.
            double nx = Math.Cos(dir * Math.PI / 180);
            double ny = -Math.Sin(dir * Math.PI / 180);
            double missingSide = 0;
            double otherSide = 0;
            double totalA = 0;
            double totalB = 0;
            for (int y = 0; y < b.Height; y++)
            {
                for (int x = 0; x < b.Width; x++)
                {
                    double proj = ((x - b.CentreX) * nx) + ((y - b.CentreY) * ny);
                    double outer = proj * Mm300;
                    totalA += a[x, y];
                    totalB += b[x, y];
                    if (outer > 15)
                    {
                        missingSide += b[x, y];
                    }
                    else if (outer < -15)
                    {
                        otherSide += b[x, y];
                    }
                }
            }

            Assert.True(missingSide < 0.02 * otherSide, $"dir {dir}: ink beyond the cut {missingSide} vs {otherSide}");
            double ratio = totalB / totalA;
            output.WriteLine($"dir {dir}: visible fraction {b.VisibleFraction:F3}, ink ratio {ratio:F3}");
            Assert.InRange(b.VisibleFraction, 0.6, 0.9);
            Assert.InRange(ratio, b.VisibleFraction - 0.06, b.VisibleFraction + 0.06);
        }
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        SealLayout layout = TestSeals.Company42();
        ImpressionConditions c = ImpressionConditions.RandomGenuine(new SynthRandom(3));
        InkImpression a = ImpressionSimulator.Render(RubberStamp.For(layout), c, Mm300, new SynthRandom(4));
        InkImpression b = ImpressionSimulator.Render(RubberStamp.Build(layout, RubberStamp.DefaultResolutionMm), c, Mm300, new SynthRandom(4));
        InkImpression d = ImpressionSimulator.Render(RubberStamp.For(layout), c, Mm300, new SynthRandom(5));
        Assert.True(a.Density.SequenceEqual(b.Density));
        Assert.False(a.Density.SequenceEqual(d.Density));
    }

    [Fact]
    public void Report_impression_speed()
    {
        SealLayout layout = TestSeals.Company42();
        RubberStamp stamp = RubberStamp.Build(layout, RubberStamp.DefaultResolutionMm);
        (double bw, double bc) = Speed.Measure(2, () => RubberStamp.Build(layout, RubberStamp.DefaultResolutionMm));
        output.WriteLine($"rubber build (42 mm, {stamp.Width}x{stamp.Height} px, cached per layout): wall {bw:F0} ms, cpu {bc:F0} ms");
        var rng = new SynthRandom(8);
        ImpressionConditions[] conditions = [.. Enumerable.Range(0, 4).Select(i => ImpressionConditions.RandomGenuine(rng.Fork("c", i)))];
        foreach (int dpi in new[] { 200, 300, 600 })
        {
            ImpressionSimulator.Render(stamp, conditions[0], 25.4 / dpi, rng);
            (double wall, double cpu) = Speed.Measure(2, () =>
            {
                foreach (ImpressionConditions c in conditions)
                {
                    ImpressionSimulator.Render(stamp, c, 25.4 / dpi, rng);
                }
            });
            output.WriteLine($"impression 42 mm at {dpi} dpi: wall {wall / conditions.Length:F2} ms (best batch), cpu {cpu / conditions.Length:F2} ms");
        }

        Assert.True(stamp.InkAreaMm2 > 100);
    }

    private static double Area(InkImpression imp)
    {
        double s = 0;
        foreach (float v in imp.Coverage)
        {
            s += v;
        }

        return s;
    }
}
