using OpenCvSharp;
using Xunit.Abstractions;

namespace SealMatch.Synthesis.Tests;

/// <summary>
/// Writes sample images to /tmp/synth-gallery/ for people to look at. Each test also checks that what it
/// wrote decodes, so it cannot pass on an empty gallery.
/// </summary>
public sealed class GalleryTests(ITestOutputHelper output)
{
    internal const string Folder = "/tmp/synth-gallery";

    [Fact]
    public void Gallery_genuine_seals_sheet()
    {
        Directory.CreateDirectory(Folder);
        var tiles = new List<Mat>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                AccountSeals account = SealDesigner.CreateAccount(new SynthRandom(100 + (ulong)i));
                foreach (SealDesign d in account.Designs)
                {
                    SealLayout layout = account.Layout(d);
                    var rng = new SynthRandom(1000 + (ulong)tiles.Count);
                    ImpressionConditions c = tiles.Count % 3 == 0 ? ImpressionConditions.Ideal : ImpressionConditions.RandomGenuine(rng.Fork("c"));
                    SealImage img = SingleSealImage.Render(layout, c, new SingleSealOptions { Dpi = 300, Background = tiles.Count % 2 == 0 ? SingleSealBackground.Plain : SingleSealBackground.Printed }, rng);
                    if (tiles.Count < 8)
                    {
                        File.WriteAllBytes(Path.Combine(Folder, $"seal-{tiles.Count}.png"), img.ToArray());
                    }

                    tiles.Add(Cv2.ImDecode(img.ToArray(), ImreadModes.Color));
                }
            }

            Assert.All(tiles, t => Assert.False(t.Empty()));
            string path = Path.Combine(Folder, "genuine-seals.png");
            TestImages.WriteSheet(tiles, 6, 560, path);
            output.WriteLine(path);
        }
        finally
        {
            tiles.ForEach(t => t.Dispose());
        }
    }

    [Fact]
    public void Gallery_slips_with_truth_overlay()
    {
        Directory.CreateDirectory(Folder);
        for (int i = 0; i < 4; i++)
        {
            var rng = new SynthRandom(500 + (ulong)i);
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
            SlipSpec spec = SlipSpec.Genuine(account, rng.Fork("spec")) with { Kind = i % 2 == 0 ? DocumentKind.Cheque : DocumentKind.TransferSlip, AddBankStamp = i % 2 == 1, RedPrintProbability = i >= 2 ? 1 : 0.2, SignerName = i % 2 == 0 ? account.LegalRepresentative : null };
            ScanSettings scan = ScanSettings.Random(rng.Fork("scan"), 300) with { Format = ImageFormat.Png };
            GeneratedDocument doc = SlipGenerator.Generate(spec, scan, rng.Fork("slip"));
            File.WriteAllBytes(Path.Combine(Folder, $"slip-{i}.png"), doc.ToArray());
            using Mat img = TestImages.Decode(doc.File);
            Assert.Equal(doc.Truth.Width, img.Width);
            TestImages.DrawTruth(img, doc.Truth);
            Cv2.ImWrite(Path.Combine(Folder, $"slip-{i}-truth.png"), img);
        }
    }

    [Fact]
    public void Gallery_specimen_cards()
    {
        Directory.CreateDirectory(Folder);
        for (int i = 0; i < 2; i++)
        {
            var rng = new SynthRandom(900 + (ulong)i);
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
            GeneratedDocument doc = SpecimenCardGenerator.Generate(account, ScanSettings.Random(rng.Fork("scan"), 300) with { Format = ImageFormat.Png }, rng.Fork("card"));
            File.WriteAllBytes(Path.Combine(Folder, $"specimen-card-{i}.png"), doc.ToArray());
            using Mat img = TestImages.Decode(doc.File);
            TestImages.DrawTruth(img, doc.Truth);
            Cv2.ImWrite(Path.Combine(Folder, $"specimen-card-{i}-truth.png"), img);
            Assert.Equal(account.Designs.Count, doc.Truth.Impressions.Count);
        }
    }

    [Fact]
    public void Gallery_forgeries_next_to_their_genuine_twins()
    {
        Directory.CreateDirectory(Folder);
        var tiles = new List<Mat>();
        try
        {
            var rng = new SynthRandom(4242);
            AccountSeals account = TestSeals.RedAccount(rng.Fork("account"));
            foreach (ForgeryClass cls in Enum.GetValues<ForgeryClass>())
            {
                for (int k = 0; k < 2; k++)
                {
                    SealKind role = k == 0 ? SealKind.FinanceSeal : SealKind.CompanySeal;
                    ForgeryTwin twin = Forger.MakeTwin(account, role, cls, rng.Fork(cls.ToString(), k));
                    var options = new SingleSealOptions { Dpi = 300, Background = SingleSealBackground.Plain };
                    foreach (ImpressionSource src in new[] { twin.Genuine, twin.Forged })
                    {
                        SealImage img = SingleSealImage.Render(src with { Conditions = src.Conditions with { Cut = null } }, options, rng.Fork("render", k));
                        Mat m = TestImages.Decode(img.Encoded);
                        string text = src.Label == ImpressionLabel.Genuine ? "genuine" : $"{cls}: {string.Join(", ", src.Changes.Select(c => $"{c.Element} {c.Kind} {c.Amount:0.##}"))}";
                        Cv2.PutText(m, text, new Point(5, 25), HersheyFonts.HersheySimplex, 0.6, Scalar.Black, 1);
                        tiles.Add(m);
                    }
                }
            }

            ForgeryTwin f3 = Forger.MakeTwin(account, SealKind.CompanySeal, ForgeryClass.F3PrintedCopy, rng.Fork("f3-600"));
            var hi = new SingleSealOptions { Dpi = 600, MarginMm = 2 };
            File.WriteAllBytes(Path.Combine(Folder, "f3-printed-copy-600dpi.png"), SingleSealImage.Render(f3.Forged, hi, rng.Fork("r600")).ToArray());
            File.WriteAllBytes(Path.Combine(Folder, "f3-genuine-twin-600dpi.png"), SingleSealImage.Render(f3.Genuine, hi, rng.Fork("r600")).ToArray());

            string path = Path.Combine(Folder, "forgeries.png");
            TestImages.WriteSheet(tiles, 4, 600, path);
            Assert.Equal(20, tiles.Count);
            output.WriteLine(path);
        }
        finally
        {
            tiles.ForEach(t => t.Dispose());
        }
    }
}
