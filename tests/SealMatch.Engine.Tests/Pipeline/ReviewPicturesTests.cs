using OpenCvSharp;
using PixelBox = SealMatch.Engine.Geometry.PixelBox;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Review;
using SealMatch.Engine.Specimens;
using SealMatch.Synthesis;

namespace SealMatch.Engine.Tests.Pipeline;

public class ReviewPicturesTests
{
    [Fact]
    public void PicturesLineUpInTheSpecimensFrameAndTheFoldShowsSpecimenAndImpression()
    {
        AccountSeals account = SyntheticSeals.Account(61);
        using SealTemplate specimen = SyntheticSeals.Specimen(account.Layout(SealKind.CompanySeal), 3);
        ImpressionConditions conditions = ImpressionConditions.RandomGenuine(new SynthRandom(4)) with { RotationDeg = 40, Cut = null };
        SealImage image = SyntheticSeals.Impression(account.Layout(SealKind.CompanySeal), conditions, 5, SingleSealBackground.Plain);
        ReviewPictures pictures = Render(specimen, image, foldAngleDeg: 90);

        using Mat side = Cv2.ImDecode(pictures.SideBySidePng, ImreadModes.Color);
        using Mat fold = Cv2.ImDecode(pictures.FoldPng, ImreadModes.Color);
        using Mat overlay = Cv2.ImDecode(pictures.OverlayPng, ImreadModes.Color);
        using Mat difference = Cv2.ImDecode(pictures.DifferencePng, ImreadModes.Color);
        int w = specimen.Width, h = specimen.Height;
        Assert.Equal(2 * w + 24, side.Cols);
        Assert.True(side.Rows > h && fold.Rows > h && overlay.Rows > h, "each picture has a legend below the seal");
        Assert.False(difference.Empty());

        // A vertical fold: the left half of the fold picture is the specimen, the right half the
        // impression, pixel for pixel as they appear side by side.
        int cx = w / 2;
        int sameAsSpecimen = 0, sameAsImpression = 0, samples = 0;
        for (int y = 10; y < h - 10; y += 7)
        {
            for (int dx = 5; dx < w / 2 - 5; dx += 7)
            {
                samples++;
                if (fold.At<Vec3b>(y, cx - dx) == side.At<Vec3b>(y, cx - dx))
                {
                    sameAsSpecimen++;
                }

                if (fold.At<Vec3b>(y, cx + dx) == side.At<Vec3b>(y, w + 24 + cx + dx))
                {
                    sameAsImpression++;
                }
            }
        }

        Assert.Equal(samples, sameAsSpecimen);
        Assert.Equal(samples, sameAsImpression);

        // The pictures are drawn from the same comparison the engine scores.
        Assert.True(pictures.Comparison.Probability > 0.5, $"genuine impression scored {pictures.Comparison.Probability}");
        Assert.Equal(90, pictures.FoldAngleDeg);
    }

    [Fact]
    public void TheOverlayShowsSharedInkForAGenuineImpressionAndSeparateInkForAnUnrelatedSeal()
    {
        AccountSeals account = SyntheticSeals.Account(51);
        using SealTemplate specimen = SyntheticSeals.Specimen(account.Layout(SealKind.CompanySeal), 6);
        ForgeryTwin twin = Forger.MakeTwin(account, SealKind.CompanySeal, ForgeryClass.F5Unrelated, new SynthRandom(7));
        var options = new SingleSealOptions { Background = SingleSealBackground.Plain };
        (int bothGenuine, int redGenuine) = Inks(Render(specimen, SingleSealImage.Render(twin.Genuine, options, new SynthRandom(8))).OverlayPng);
        (int bothForged, int redForged) = Inks(Render(specimen, SingleSealImage.Render(twin.Forged, options, new SynthRandom(8))).OverlayPng);

        Assert.True(bothGenuine > 2 * redGenuine, $"genuine: shared {bothGenuine}, impression only {redGenuine}");
        Assert.True(redForged > 2 * redGenuine && bothForged < bothGenuine, $"unrelated: shared {bothForged}, impression only {redForged}");
    }

    [Fact]
    public void FindImpressionAtReturnsTheDetectionABoxDescribesAndNothingElsewhere()
    {
        AccountSeals account = SyntheticSeals.Account(61);
        SealImage image = SyntheticSeals.Impression(account.Layout(SealKind.CompanySeal), ImpressionConditions.RandomGenuine(new SynthRandom(9)) with { Cut = null }, 10, SingleSealBackground.Plain);
        using ScanImage scan = ScanImage.Load(image.Encoded.Span);
        var seal = SyntheticSeals.Engine.FindSeals(scan, SyntheticSeals.Ink(account.Layout(SealKind.CompanySeal))).MaxBy(s => s.Confidence)!;
        var shifted = new PixelBox(seal.Box.X + 4, seal.Box.Y - 3, seal.Box.Width, seal.Box.Height);

        Assert.Equal(seal.Box, SyntheticSeals.Engine.FindImpressionAt(scan, shifted, seal.Ink)!.Box);
        Assert.Null(SyntheticSeals.Engine.FindImpressionAt(scan, new PixelBox(0, 0, 20, 20), seal.Ink));
    }

    private static ReviewPictures Render(SealTemplate specimen, SealImage image, double foldAngleDeg = 90)
    {
        using ScanImage scan = ScanImage.Load(image.Encoded.Span);
        var seals = SyntheticSeals.Engine.FindSeals(scan, specimen.Ink);
        Assert.NotEmpty(seals);
        return SyntheticSeals.Engine.RenderReviewPictures(specimen, scan, seals.MaxBy(s => s.Confidence)!, seals, foldAngleDeg);
    }

    /// <summary>Overlay pixels where both inks are (violet) and where only the impression's is (red).</summary>
    private static (int Both, int ImpressionOnly) Inks(byte[] png)
    {
        using Mat picture = Cv2.ImDecode(png, ImreadModes.Color);
        picture.GetArray(out Vec3b[] pixels);
        int both = pixels.Count(p => p.Item0 < 190 && p.Item2 < 190 && p.Item1 < 120);
        int red = pixels.Count(p => p.Item2 > 220 && p.Item0 < 170 && p.Item1 < 170);
        return (both, red);
    }
}
