using Xunit.Abstractions;

namespace SealMatch.Synthesis.Tests;

public sealed class SlipTests(ITestOutputHelper output)
{
    [Fact]
    public void Slip_generation_is_deterministic()
    {
        byte[] Make(ulong seed)
        {
            var rng = new SynthRandom(seed);
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
            SlipSpec spec = SlipSpec.Genuine(account, rng.Fork("spec")) with { AddBankStamp = true };
            return SlipGenerator.Generate(spec, ScanSettings.Random(rng.Fork("scan"), 200), rng.Fork("slip")).ToArray();
        }

        Assert.Equal(Make(7), Make(7));
        Assert.NotEqual(Make(7), Make(8));
    }

    [Theory]
    [InlineData(DocumentKind.Cheque, 200)]
    [InlineData(DocumentKind.TransferSlip, 300)]
    public void Seal_ink_is_inside_the_truth_boxes_and_metadata_matches(DocumentKind kind, int dpi)
    {
        var rng = new SynthRandom((ulong)dpi + 1);
        for (int i = 0; i < 3; i++)
        {
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account", i));
            var red = account.Designs.Select(d => d with { Ink = InkColour.Red }).ToList();
            account = new AccountSeals(account.AccountId, account.CompanyName, account.LegalRepresentative, red);
            SlipSpec spec = SlipSpec.Genuine(account, rng.Fork("spec", i)) with { Kind = kind, RedPrintProbability = 0, AddBankStamp = i == 1 };
            ScanSettings scan = ScanSettings.Random(rng.Fork("scan", i), dpi) with { WriteDpiMetadata = i != 2 };
            GeneratedDocument doc = SlipGenerator.Generate(spec, scan, rng.Fork("slip", i));

            Assert.Equal(scan.WriteDpiMetadata, ImageEncoding.TryReadDpi(doc.File.Span, out double dx, out _));
            if (scan.WriteDpiMetadata)
            {
                Assert.Equal(dpi, dx, 0.5);
            }

            Bgr img = Bgr.Decode(doc.File);
            Assert.Equal(doc.Truth.Width, img.Width);
            Assert.Equal(doc.Truth.Height, img.Height);
            double margin = 0.6 * dpi / 25.4;
            int outside = 0;
            var inside = new int[doc.Truth.Impressions.Count];
            for (int y = 0; y < img.Height; y++)
            {
                for (int x = 0; x < img.Width; x++)
                {
                    if (!img.IsRed(x, y))
                    {
                        continue;
                    }

                    bool any = false;
                    for (int k = 0; k < doc.Truth.Impressions.Count; k++)
                    {
                        PixelBox b = doc.Truth.Impressions[k].Geometry.FootprintBox;
                        if (x >= b.X - margin && x <= b.Right + margin && y >= b.Y - margin && y <= b.Bottom + margin)
                        {
                            inside[k]++;
                            any = true;
                        }
                    }

                    if (!any)
                    {
                        outside++;
                    }
                }
            }

            Assert.True(outside < 20, $"{outside} red pixels outside every footprint");
            for (int k = 0; k < inside.Length; k++)
            {
                DocumentImpressionTruth t = doc.Truth.Impressions[k];
                if (t.Label == ImpressionLabel.BankStamp && account.Designs.All(d => d.Ink == InkColour.Red) && t.Geometry.VisibleFraction > 0.3)
                {
                    continue;
                }

                Assert.True(inside[k] > 50 * t.Geometry.VisibleFraction, $"impression {t.Geometry.Id} has only {inside[k]} red pixels");
            }

            Assert.Contains(doc.Truth.Regions, r => r.Kind == "signature-box");
            Assert.Contains(doc.Truth.Regions, r => r.Kind == "handwriting");
        }
    }

    [Fact]
    public void Touching_seals_are_placed_at_the_requested_overlap()
    {
        var rng = new SynthRandom(61);
        AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
        SealLayout finance = account.Layout(SealKind.FinanceSeal);
        SealLayout name = account.Layout(SealKind.LegalRepresentativeNameSeal);
        var spec = new SlipSpec
        {
            Kind = DocumentKind.TransferSlip,
            Impressions =
            [
                new SlipImpression(ImpressionSource.Genuine(finance, ImpressionConditions.RandomGenuine(rng.Fork("a"))), SlotRole.SignatureBox),
                new SlipImpression(ImpressionSource.Genuine(name, ImpressionConditions.RandomGenuine(rng.Fork("b"))), SlotRole.TouchingOther, 0, 0.2),
            ],
        };
        GeneratedDocument doc = SlipGenerator.Generate(spec, ScanSettings.Clean(300), rng.Fork("slip"));
        ImpressionTruth a = doc.Truth.Impressions[0].Geometry;
        ImpressionTruth b = doc.Truth.Impressions[1].Geometry;
        Assert.Equal("imp0", doc.Truth.Impressions[1].TouchingId);
        Assert.Equal(SlotRole.TouchingOther, doc.Truth.Impressions[1].Role);
        double ra = Math.Max(finance.WidthMm, finance.HeightMm) / 2;
        double rb = Math.Max(name.WidthMm, name.HeightMm) / 2;
        double expected = ra + rb - (0.2 * 2 * Math.Min(ra, rb));
        double actual = Math.Sqrt(Math.Pow(a.CentreX - b.CentreX, 2) + Math.Pow(a.CentreY - b.CentreY, 2)) / a.PixelsPerMm;
        Assert.Equal(expected, actual, 0.05);
    }

    [Fact]
    public void Skew_is_included_in_rotation_and_position()
    {
        var rng = new SynthRandom(62);
        AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
        ImpressionConditions c = ImpressionConditions.RandomGenuine(rng.Fork("c")) with { RotationDeg = 10 };
        var spec = new SlipSpec
        {
            Kind = DocumentKind.Cheque,
            Impressions = [new SlipImpression(ImpressionSource.Genuine(account.Layout(SealKind.CompanySeal), c), SlotRole.Elsewhere, CentreMm: (100, 45))],
        };
        ScanSettings straight = ScanSettings.Clean(300);
        GeneratedDocument a = SlipGenerator.Generate(spec, straight, new SynthRandom(1));
        GeneratedDocument b = SlipGenerator.Generate(spec, straight with { SkewDeg = 1.2 }, new SynthRandom(1));
        ImpressionTruth ta = a.Truth.Impressions[0].Geometry;
        ImpressionTruth tb = b.Truth.Impressions[0].Geometry;
        Assert.Equal(10, ta.RotationDeg, 9);
        Assert.Equal(11.2, tb.RotationDeg, 9);
        Assert.Equal((100 * ta.PixelsPerMm) - 0.5, ta.CentreX, 0.6);

        // Counter-clockwise on screen about the image centre.
        double cx = (a.Truth.Width - 1) / 2.0;
        double cy = (a.Truth.Height - 1) / 2.0;
        double t = 1.2 * Math.PI / 180;
        double ex = cx + ((ta.CentreX - cx) * Math.Cos(t)) + ((ta.CentreY - cy) * Math.Sin(t));
        double ey = cy - ((ta.CentreX - cx) * Math.Sin(t)) + ((ta.CentreY - cy) * Math.Cos(t));
        Assert.Equal(ex, tb.CentreX, 0.01);
        Assert.Equal(ey, tb.CentreY, 0.01);
    }

    [Fact]
    public void Forged_slip_carries_forgery_truth()
    {
        var rng = new SynthRandom(63);
        AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
        ForgeryTwin twin = Forger.MakeTwin(account, SealKind.FinanceSeal, ForgeryClass.F3PrintedCopy, rng.Fork("twin"));
        var spec = new SlipSpec { Impressions = [new SlipImpression(twin.Forged, SlotRole.SignatureBox, CentreMm: (40, 60))] };
        GeneratedDocument doc = SlipGenerator.Generate(spec, ScanSettings.Random(rng.Fork("scan"), 300), rng.Fork("slip"));
        DocumentImpressionTruth t = Assert.Single(doc.Truth.Impressions);
        Assert.Equal(ImpressionLabel.Forged, t.Label);
        Assert.Equal(ForgeryClass.F3PrintedCopy, t.Forgery);
        Assert.Equal(ImpressionStyle.PrintedCopy, t.Style);
        Assert.Equal(account.Design(SealKind.FinanceSeal)!.Id, t.ExpectedDesignId);
    }

    [Fact]
    public void Report_document_generation_speed()
    {
        var rng = new SynthRandom(64);
        AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
        foreach (SealDesign d in account.Designs)
        {
            RubberStamp.For(account.Layout(d));
        }

        foreach (int dpi in new[] { 200, 300, 600 })
        {
            SlipSpec spec = SlipSpec.Genuine(account, rng.Fork("spec", dpi)) with { Kind = DocumentKind.Cheque, AddBankStamp = false };
            ScanSettings scan = ScanSettings.Random(rng.Fork("scan", dpi), dpi) with { Format = ImageFormat.Jpeg };
            SlipGenerator.Generate(spec, scan, rng.Fork("warm", dpi));
            (double wall, double cpu) = Speed.Measure(dpi == 600 ? 1 : 2, () => SlipGenerator.Generate(spec, scan, rng.Fork("slip", dpi)));
            output.WriteLine($"cheque at {dpi} dpi, JPEG q{scan.JpegQuality}, {spec.Impressions.Count} seals (rubbers cached): wall {wall:F0} ms, cpu {cpu:F0} ms");
            if (dpi == 300)
            {
                (double pw, double pc) = Speed.Measure(2, () => SlipGenerator.Generate(spec, scan with { Format = ImageFormat.Png }, rng.Fork("slip", dpi)));
                output.WriteLine($"cheque at {dpi} dpi, PNG: wall {pw:F0} ms, cpu {pc:F0} ms");
            }
        }

        foreach (int dpi in new[] { 300, 600 })
        {
            ScanSettings scan = ScanSettings.Random(rng.Fork("card-scan", dpi), dpi) with { Format = ImageFormat.Jpeg };
            SpecimenCardGenerator.Generate(account, scan, rng.Fork("card-warm"));
            (double wall, double cpu) = Speed.Measure(1, () => SpecimenCardGenerator.Generate(account, scan, rng.Fork("card")));
            output.WriteLine($"specimen card at {dpi} dpi, JPEG: wall {wall:F0} ms, cpu {cpu:F0} ms");
        }

        Assert.NotEmpty(account.Designs);
    }
}
