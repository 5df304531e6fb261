using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Tests.Pipeline;
using SealMatch.Engine.Verification;
using SealMatch.Synthesis;

namespace SealMatch.Engine.Tests.Localisation;

/// <summary>The specimen-guided search finds a seal stamped over the slip's edge, and not the slip's corners.</summary>
public class SpecimenGuidedSearchTests
{
    [Theory]
    [InlineData(61, 0.15)]
    [InlineData(62, 0.35)]
    public void Finds_a_round_seal_whose_far_side_runs_off_the_slip(int seed, double centreInsideShare)
    {
        AccountSeals account = SyntheticSeals.Account(seed);
        SealLayout layout = account.Layout(SealKind.CompanySeal);
        using SealTemplate specimen = SyntheticSeals.Specimen(layout, seed + 10);
        (ScanImage scan, double centreX, double centreY, double pixelsPerMm) = StampedOverTheLeftEdge(layout, seed, centreInsideShare);
        using (scan)
        {
            using var separation = InkSeparation.Analyse(scan, specimen.Ink);
            using InkLayer overview = separation.Overview(SealDetector.WorkingMillimetresPerPixel);
            List<DetectedSeal> found = SpecimenGuidedSearch.Search(overview, [specimen], [], specimen.Ink);

            // A candidate within 2 mm of the true centre (before the slip was padded for the search, the
            // template had to lie wholly on the slip and nothing was found here).
            Assert.Contains(found, f => Math.Sqrt(Math.Pow(f.Centre.X - centreX, 2) + Math.Pow(f.Centre.Y - centreY, 2)) / pixelsPerMm < 2);

            // End to end, the slip's analysis keeps an impression there that matches the specimen.
            SlipAnalysis analysis = SyntheticSeals.Engine.AnalyseSlip(scan, [specimen], specimen.Ink);
            ImpressionFinding finding = Assert.Single(analysis.Impressions, f => Math.Sqrt(Math.Pow(f.Detection.Centre.X - centreX, 2) + Math.Pow(f.Detection.Centre.Y - centreY, 2)) / pixelsPerMm < 3);
            Assert.Equal(0, finding.BestSpecimen);
            Assert.True(finding.Best!.Measurements.RegistrationOverlap >= 0.45, $"overlap {finding.Best.Measurements.RegistrationOverlap:F2}");
        }
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    public void The_corners_of_a_tinted_slip_are_no_candidates(int seed)
    {
        // The ink layer of a 200 x 100 mm slip whose security tint leaves a faint, even strength in the
        // seal's colour (as on development slips: about 8 of 255), with a blank scanner margin, a
        // printed frame and the specimen's impression in the middle. Padded for the search, each
        // corner of the slip is a step from nothing to the tint that correlates with the template's
        // profile; on development slips such corners took all three of a specimen's peaks, and the
        // impression itself was never tried. A window there has hardly any contrast.
        using SealTemplate specimen = SyntheticSeals.Specimen(SyntheticSeals.Account(seed).Layout(SealKind.CompanySeal), seed + 10);
        const double mm = SealDetector.WorkingMillimetresPerPixel;
        const int width = 800, height = 400, margin = 7;
        using var strength = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        using (var slip = new Mat(strength, new Rect(margin, margin, width - 2 * margin, height - 2 * margin)))
        {
            slip.SetTo(Scalar.All(8));
        }

        Cv2.Rectangle(strength, new Rect(12, 12, width - 24, height - 24), Scalar.All(16), 1); // the slip's printed frame

        using var seal = new Mat();
        double f = CanonicalSeal.MillimetresPerPixel / mm;
        Cv2.Resize(specimen.Canvas.Strength, seal, new Size(0, 0), f, f, InterpolationFlags.Area);
        var at = new Rect((width - seal.Cols) / 2, (height - seal.Rows) / 2, seal.Cols, seal.Rows);
        using (var under = new Mat(strength, at))
        {
            Cv2.Max(under, seal, under);
        }

        var centre = new PointD(at.X + specimen.Canvas.Centre.X * f, at.Y + specimen.Canvas.Centre.Y * f);
        using var overview = new InkLayer(strength.Clone(), new Mat(height, width, MatType.CV_8UC1, Scalar.All(0)), mm, new SealMatch.Engine.Geometry.PixelBox(0, 0, width, height), mm);

        List<DetectedSeal> found = SpecimenGuidedSearch.Search(overview, [specimen], [], specimen.Ink);

        Assert.Contains(found, c => c.Centre.DistanceTo(centre) * mm < 2);
        const double reach = 30 / mm; // within 30 mm of two sides: a window hanging off a corner
        Assert.DoesNotContain(found, c => (c.Centre.X < reach || c.Centre.X > width - reach) && (c.Centre.Y < reach || c.Centre.Y > height - reach));
    }

    /// <summary>
    /// A genuine impression on plain paper, cut so that the slip's left edge runs
    /// <paramref name="centreInsideShare"/> of the radius left of the seal's centre, on a page three
    /// seals wide: about 60–70 % of the seal is on the slip.
    /// </summary>
    private static (ScanImage Scan, double CentreX, double CentreY, double PixelsPerMm) StampedOverTheLeftEdge(SealLayout layout, int seed, double centreInsideShare)
    {
        var conditions = ImpressionConditions.RandomGenuine(new SynthRandom((ulong)seed).Fork("edge")) with { Cut = null };
        SealImage image = SyntheticSeals.Impression(layout, conditions, seed, SingleSealBackground.Plain);
        ImpressionTruth truth = image.Truth;
        double radius = 0.5 * truth.WidthMm * truth.PixelsPerMm;
        int cut = (int)Math.Round(truth.CentreX - centreInsideShare * radius);
        Assert.InRange(cut, 1, image.Width - 1);

        using Mat decoded = Cv2.ImDecode(image.Encoded.ToArray(), ImreadModes.Color);
        using Mat kept = new(decoded, new Rect(cut, 0, decoded.Cols - cut, decoded.Rows));
        Vec3b paper = decoded.At<Vec3b>(2, decoded.Cols - 3);
        int grow = (int)Math.Round(2 * radius);
        using var page = new Mat();
        Cv2.CopyMakeBorder(kept, page, grow, grow, 0, 2 * grow, BorderTypes.Constant, new Scalar(paper.Item0, paper.Item1, paper.Item2));
        Cv2.ImEncode(".png", page, out byte[] png);
        return (ScanImage.Load(png, image.Dpi), truth.CentreX - cut, truth.CentreY + grow, truth.PixelsPerMm);
    }
}
