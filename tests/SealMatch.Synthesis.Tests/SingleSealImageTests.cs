namespace SealMatch.Synthesis.Tests;

public sealed class SingleSealImageTests
{
    [Fact]
    public void Same_seed_gives_identical_bytes_and_another_seed_differs()
    {
        byte[] Make(ulong seed)
        {
            var rng = new SynthRandom(seed);
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
            SealLayout layout = account.Layout(SealKind.CompanySeal);
            ImpressionConditions c = ImpressionConditions.RandomGenuine(rng.Fork("conditions"));
            return SingleSealImage.Render(layout, c, new SingleSealOptions { Background = SingleSealBackground.Printed, Format = ImageFormat.Jpeg }, rng.Fork("render")).ToArray();
        }

        Assert.Equal(Make(42), Make(42));
        Assert.NotEqual(Make(42), Make(43));
    }

    [Fact]
    public void Fonts_cover_every_generated_character()
    {
        var rng = new SynthRandom(77);
        for (int i = 0; i < 150; i++)
        {
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("a", i));
            foreach (SealDesign d in account.Designs)
            {
                foreach (GlyphElement g in account.Layout(d).Elements.OfType<GlyphElement>())
                {
                    Assert.True(FontLibrary.Covers(g.Font, g.Character.ToString()), $"{g.Font} lacks {g.Character} ({d.Id})");
                }
            }

            SealDesign bank = SealDesigner.BankProcessingStamp(rng.Fork("b", i), "bank");
            Assert.True(FontLibrary.Covers(SealFont.Song, bank.AllText()) || FontLibrary.Covers(SealFont.Hei, bank.AllText()));
        }
    }

    [Theory]
    [InlineData(200)]
    [InlineData(300)]
    [InlineData(600)]
    public void Red_ink_lies_inside_the_truth_footprint_box(int dpi)
    {
        var rng = new SynthRandom((ulong)dpi);
        for (int i = 0; i < (dpi >= 600 ? 2 : 4); i++)
        {
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("acct", i));
            SealDesign design = account.Designs[i % account.Designs.Count] with { Ink = InkColour.Red };
            SealLayout layout = LayoutCompiler.Compile(design);
            ImpressionConditions c = ImpressionConditions.RandomGenuine(rng.Fork("c", i)) with { InkAmount = 1.0 };
            SealImage img = SingleSealImage.Render(layout, c, new SingleSealOptions { Dpi = dpi }, rng.Fork("r", i));
            Bgr bgr = Bgr.Decode(img.Encoded);
            Assert.Equal(img.Width, bgr.Width);

            PixelBox box = img.Truth.FootprintBox;
            (double hx, double hy) = layout.RotatedHalfExtents(img.Truth.RotationDeg);
            Assert.Equal(2 * hx * dpi / 25.4, box.Width, 1e-6);
            Assert.Equal(2 * hy * dpi / 25.4, box.Height, 1e-6);
            Assert.Equal(img.Truth.CentreX, box.X + (box.Width / 2), 1e-6);
            int inside = 0;
            int outside = 0;
            for (int y = 0; y < bgr.Height; y++)
            {
                for (int x = 0; x < bgr.Width; x++)
                {
                    if (!bgr.IsRed(x, y))
                    {
                        continue;
                    }

                    // Allow the bleed/blur margin of half a millimetre.
                    if (box.Contains(x, y) || DistanceOutside(box, x, y) < 0.5 * dpi / 25.4)
                    {
                        inside++;
                    }
                    else
                    {
                        outside++;
                    }
                }
            }

            Assert.True(inside > 500, $"only {inside} red pixels");
            Assert.Equal(0, outside);

            // The centre of the red pixels is near the truth centre (seal designs are roughly balanced).
            (double mx, double my) = RedCentroid(bgr);
            double tolerance = 0.25 * layout.WidthMm * dpi / 25.4;
            Assert.InRange(mx, img.Truth.CentreX - tolerance, img.Truth.CentreX + tolerance);
            Assert.InRange(my, img.Truth.CentreY - tolerance, img.Truth.CentreY + tolerance);
        }
    }

    [Fact]
    public void Visible_fraction_matches_the_ink_present()
    {
        SealLayout layout = TestSeals.Company42();
        var rng = new SynthRandom(9);
        ImpressionConditions full = ImpressionConditions.RandomGenuine(rng.Fork("c")) with { Cut = null, InkAmount = 1.0 };
        ImpressionConditions partial = full with { Cut = new PartialCut(140, 0.3, 0.5, 0.7) };
        SealImage a = SingleSealImage.Render(layout, full, new SingleSealOptions(), rng.Fork("r"));
        SealImage b = SingleSealImage.Render(layout, partial, new SingleSealOptions(), rng.Fork("r"));
        Bgr ma = Bgr.Decode(a.Encoded);
        Bgr mb = Bgr.Decode(b.Encoded);
        double ratio = RedCount(mb) / (double)RedCount(ma);
        Assert.Equal(1.0, a.Truth.VisibleFraction, 3);
        Assert.InRange(b.Truth.VisibleFraction, 0.55, 0.9);
        Assert.InRange(ratio, b.Truth.VisibleFraction - 0.08, b.Truth.VisibleFraction + 0.08);
    }

    private static double DistanceOutside(PixelBox b, double x, double y)
    {
        double dx = Math.Max(0, Math.Max(b.X - x, x - b.Right));
        double dy = Math.Max(0, Math.Max(b.Y - y, y - b.Bottom));
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    private static int RedCount(Bgr bgr)
    {
        int n = 0;
        for (int y = 0; y < bgr.Height; y++)
        {
            for (int x = 0; x < bgr.Width; x++)
            {
                if (bgr.IsRed(x, y))
                {
                    n++;
                }
            }
        }

        return n;
    }

    private static (double X, double Y) RedCentroid(Bgr bgr)
    {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int y = 0; y < bgr.Height; y++)
        {
            for (int x = 0; x < bgr.Width; x++)
            {
                if (bgr.IsRed(x, y))
                {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }

        return (sx / n, sy / n);
    }
}
