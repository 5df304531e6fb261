namespace SealMatch.Synthesis.Tests;

public sealed class ForgeryTests
{
    private static readonly string[] Primary = ["shift", "rotate", "star-scale", "star-rotate", "star-move", "ring-size"];

    [Fact]
    public void F1_changes_stay_in_their_stated_ranges()
    {
        var rng = new SynthRandom(31);
        var counts = new Dictionary<string, int>();
        int strokeChanges = 0;
        const int N = 300;
        for (int i = 0; i < N; i++)
        {
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account", i % 30));
            SealKind role = i % 3 == 0 ? SealKind.LegalRepresentativeNameSeal : i % 3 == 1 ? SealKind.FinanceSeal : SealKind.CompanySeal;
            SealLayout genuine = account.Layout(role);
            ImpressionSource f = Forger.Make(account, role, ForgeryClass.F1ReCarved, rng.Fork("f", i));
            Assert.Equal(ImpressionLabel.Forged, f.Label);
            Assert.Equal(genuine.DesignId, f.ExpectedDesignId);
            Assert.NotEqual(genuine.Id, f.Layout.Id);

            List<ForgeryChange> primary = [.. f.Changes.Where(c => Primary.Contains(c.Kind))];
            ForgeryChange p = Assert.Single(primary);
            counts[p.Kind] = counts.GetValueOrDefault(p.Kind) + 1;
            switch (p.Kind)
            {
                case "shift":
                    Assert.InRange(p.Amount, 0.2, 1.0);
                    break;
                case "rotate":
                    Assert.InRange(Math.Abs(p.Amount), 2, 5);
                    break;
                case "star-scale":
                    Assert.InRange(Math.Abs(p.Amount), 0.10, 0.20);
                    break;
                case "star-rotate":
                    Assert.InRange(Math.Abs(p.Amount), 4, 10);
                    break;
                case "star-move":
                    Assert.InRange(p.Amount, 0.3, 0.8);
                    break;
                case "ring-size":
                    Assert.InRange(Math.Abs(p.Amount), 0.3, 0.8);
                    Assert.Equal(genuine.WidthMm + p.Amount, f.Layout.WidthMm, 9);
                    break;
            }

            if (p.Kind.StartsWith("star", StringComparison.Ordinal))
            {
                Assert.Contains(genuine.Elements, e => e is StarElement);
            }

            ForgeryChange? stroke = f.Changes.SingleOrDefault(c => c.Kind == "stroke-width");
            if (stroke is not null)
            {
                strokeChanges++;
                Assert.InRange(Math.Abs(stroke.Amount), 0.08, 0.15);
                Assert.Equal(stroke.Amount, f.Layout.StrokeWidthChange);
            }
            else
            {
                Assert.Equal(0, f.Layout.StrokeWidthChange);
            }

            // Every element other than the changed one moved by at most the carving jitter; the text is unchanged.
            Assert.Equal(genuine.Elements.Count, f.Layout.Elements.Count);
            for (int e = 0; e < genuine.Elements.Count; e++)
            {
                SealElement a = genuine.Elements[e];
                SealElement b = f.Layout.Elements[e];
                Assert.Equal(a.Name, b.Name);
                double moved = Distance(a, b);
                double limit = a.Name == p.Element && p.Kind is "shift" or "star-move" ? p.Amount + Forger.CarvingJitterMm : Forger.CarvingJitterMm;
                Assert.True(moved <= limit + 1e-9, $"{a.Name} moved {moved} (limit {limit}, change {p.Kind})");
                if (a is GlyphElement ga && b is GlyphElement gb)
                {
                    Assert.Equal(ga.Character, gb.Character);
                    Assert.Equal(ga.Font, gb.Font);
                    double turn = Math.Abs(gb.RotationDeg - ga.RotationDeg);
                    Assert.True(a.Name == p.Element && p.Kind == "rotate" ? Math.Abs(turn - Math.Abs(p.Amount)) < 1e-9 : turn < 1e-9);
                }
            }
        }

        Assert.InRange(strokeChanges / (double)N, 0.4, 0.6);
        Assert.InRange(counts.GetValueOrDefault("shift") / (double)N, 0.33, 0.55);
        Assert.InRange(counts.GetValueOrDefault("rotate") / (double)N, 0.24, 0.42);
        Assert.InRange(counts.GetValueOrDefault("ring-size") / (double)N, 0.10, 0.25);
    }

    [Fact]
    public void F2_keeps_the_text_and_changes_one_property_within_range()
    {
        var rng = new SynthRandom(32);
        for (int i = 0; i < 60; i++)
        {
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account", i));
            SealKind role = i % 2 == 0 ? SealKind.FinanceSeal : SealKind.CompanySeal;
            SealLayout genuine = account.Layout(role);
            ImpressionSource f = Forger.Make(account, role, ForgeryClass.F2LookAlike, rng.Fork("f", i));
            Assert.Equal(Text(genuine), Text(f.Layout));
            ForgeryChange c = Assert.Single(f.Changes);
            switch (c.Kind)
            {
                case "span" or "spacing":
                    Assert.InRange(Math.Abs(c.Amount), 0.10, 0.25);
                    break;
                case "char-size":
                    Assert.InRange(Math.Abs(c.Amount), 0.08, 0.15);
                    break;
                default:
                    Assert.Equal("font", c.Kind);
                    int changed = genuine.Elements.OfType<GlyphElement>().Zip(f.Layout.Elements.OfType<GlyphElement>()).Count(p => p.First.Font != p.Second.Font);
                    Assert.True(changed >= 2, $"{changed} glyphs changed font");
                    break;
            }
        }
    }

    [Fact]
    public void F3_F4_F5_are_what_they_claim()
    {
        var rng = new SynthRandom(33);
        for (int i = 0; i < 30; i++)
        {
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account", i));
            SealDesign expected = account.Design(SealKind.FinanceSeal)!;

            ImpressionSource f3 = Forger.Make(account, SealKind.FinanceSeal, ForgeryClass.F3PrintedCopy, rng.Fork("f3", i));
            Assert.Equal(ImpressionStyle.PrintedCopy, f3.Style);
            Assert.Same(account.Layout(expected), f3.Layout);

            ImpressionSource f4 = Forger.Make(account, SealKind.FinanceSeal, ForgeryClass.F4OtherSealOfCustomer, rng.Fork("f4", i));
            Assert.Contains(account.Designs, d => d.Id == f4.Layout.DesignId);
            Assert.NotEqual(expected.Id, f4.Layout.DesignId);
            Assert.Equal(expected.Id, f4.ExpectedDesignId);

            ImpressionSource f5 = Forger.Make(account, SealKind.FinanceSeal, ForgeryClass.F5Unrelated, rng.Fork("f5", i));
            Assert.DoesNotContain(account.Designs, d => d.Id == f5.Layout.DesignId);
            Assert.Equal(SealKind.FinanceSeal, f5.Layout.Kind);
            Assert.Equal(expected.Shape is SealShape.Round or SealShape.Oval, f5.Layout.Shape is SealShape.Round or SealShape.Oval);
        }
    }

    [Fact]
    public void Twin_shares_conditions_and_the_shifted_character_is_where_the_images_differ()
    {
        var rng = new SynthRandom(34);
        int checkedTwins = 0;
        var kinds = new List<string>();
        for (int i = 0; checkedTwins < 6 && i < 60; i++)
        {
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account", i));
            ForgeryTwin twin = Forger.MakeTwin(account, SealKind.CompanySeal, ForgeryClass.F1ReCarved, rng.Fork("twin", i));
            Assert.Same(twin.Genuine.Conditions, twin.Forged.Conditions);
            ForgeryChange? shift = twin.Forged.Changes.FirstOrDefault(c => c.Kind == "shift");
            if (shift is null || shift.Amount < 0.5 || twin.Forged.Layout.StrokeWidthChange != 0)
            {
                kinds.Add(string.Join(",", twin.Forged.Changes.Select(ch => ch.Kind + ch.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));
                continue;
            }

            checkedTwins++;
            ImpressionConditions c = twin.Genuine.Conditions with { Cut = null, InkAmount = 1, Pressure = PressureField.Uniform };
            const double Mm = 25.4 / 300;
            InkImpression g = ImpressionSimulator.Render(RubberStamp.For(twin.Genuine.Layout), c, Mm, new SynthRandom(1));
            InkImpression f = ImpressionSimulator.Render(RubberStamp.For(twin.Forged.Layout), c, Mm, new SynthRandom(1));
            Assert.Equal(g.Width, f.Width);

            // The 1 mm block with the largest difference lies on the shifted character (jitter elsewhere is ≤ 0.05 mm).
            var glyph = (GlyphElement)twin.Genuine.Layout.Find(shift.Element)!;
            double t = c.RotationDeg * Math.PI / 180;
            double gx = g.CentreX + (((glyph.X * Math.Cos(t)) + (glyph.Y * Math.Sin(t))) / Mm);
            double gy = g.CentreY + (((-glyph.X * Math.Sin(t)) + (glyph.Y * Math.Cos(t))) / Mm);
            const int Block = 12;
            double best = -1;
            (double X, double Y) at = (0, 0);
            for (int by = 0; by + Block <= g.Height; by += Block / 2)
            {
                for (int bx = 0; bx + Block <= g.Width; bx += Block / 2)
                {
                    double sum = 0;
                    for (int y = by; y < by + Block; y++)
                    {
                        for (int x = bx; x < bx + Block; x++)
                        {
                            sum += Math.Abs(g[x, y] - f[x, y]);
                        }
                    }

                    if (sum > best)
                    {
                        best = sum;
                        at = (bx + (Block / 2.0), by + (Block / 2.0));
                    }
                }
            }

            double dist = Math.Sqrt(((at.X - gx) * (at.X - gx)) + ((at.Y - gy) * (at.Y - gy))) * Mm;
            Assert.True(dist < (glyph.HeightMm / 2) + shift.Amount + 1, $"largest difference {dist:F2} mm from the shifted glyph");
        }

        Assert.True(checkedTwins >= 3, string.Join(" | ", kinds));
    }

    private static string Text(SealLayout l) => string.Concat(l.Elements.OfType<GlyphElement>().Select(g => g.Character));

    private static double Distance(SealElement a, SealElement b) => (a, b) switch
    {
        (GlyphElement x, GlyphElement y) => Math.Sqrt(Math.Pow(x.X - y.X, 2) + Math.Pow(x.Y - y.Y, 2)),
        (RingElement x, RingElement y) => Math.Sqrt(Math.Pow(x.X - y.X, 2) + Math.Pow(x.Y - y.Y, 2)),
        (StarElement x, StarElement y) => Math.Sqrt(Math.Pow(x.X - y.X, 2) + Math.Pow(x.Y - y.Y, 2)),
        (LineElement x, LineElement y) => Math.Sqrt(Math.Pow(x.X1 - y.X1, 2) + Math.Pow(x.Y1 - y.Y1, 2)),
        (SolidElement x, SolidElement y) => Math.Sqrt(Math.Pow(x.X - y.X, 2) + Math.Pow(x.Y - y.Y, 2)),
        _ => double.MaxValue,
    };
}
