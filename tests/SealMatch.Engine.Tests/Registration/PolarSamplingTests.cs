using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Registration;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Tests.Pipeline;
using SealMatch.Synthesis;

namespace SealMatch.Engine.Tests.Registration;

/// <summary>
/// Polar sampling reads nothing but the image: where its radius passes the image's sides the cells are
/// empty, whatever the memory OpenCV hands out held before. (warpPolar left those cells unwritten, so
/// the same specimen gave different rotation hypotheses and guided-search templates from run to run.)
/// </summary>
public class PolarSamplingTests
{
    [Fact]
    public void Cells_beyond_the_image_are_empty_whatever_the_memory_held()
    {
        using var blank = new Mat(100, 100, MatType.CV_8UC1, Scalar.All(0));
        for (int attempt = 0; attempt < 20; attempt++)
        {
            DirtyTheHeap(PolarSignature.RadialBins, PolarSignature.Columns);
            PolarSignature polar = PolarSignature.Sample(blank, new PointD(50, 50), 90); // the radius reaches 40 px past every side

            Assert.Equal(0, polar.InkCount);
        }
    }

    [Fact]
    public void The_guided_search_template_of_a_square_seal_is_the_same_every_time()
    {
        AccountSeals account = SyntheticSeals.Account(71);
        using SealTemplate specimen = SyntheticSeals.Specimen(account.Layout(SealKind.LegalRepresentativeNameSeal), 81);
        using Mat first = SpecimenGuidedSearch.RadialTemplate(specimen);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            DirtyTheHeap(first.Cols, 360);
            using Mat again = SpecimenGuidedSearch.RadialTemplate(specimen);
            using var difference = new Mat();
            Cv2.Absdiff(first, again, difference);

            Assert.Equal(0, Cv2.CountNonZero(difference));
        }
    }

    /// <summary>Allocates, fills with full ink and frees images of about the sampler's output size, so freshly allocated memory holds ink.</summary>
    private static void DirtyTheHeap(int width, int height)
    {
        for (int i = 0; i < 8; i++)
        {
            using var dirty = new Mat(height, width + i, MatType.CV_8UC1, Scalar.All(255));
            using var dirtyFloat = new Mat(height, width + i, MatType.CV_32FC1, Scalar.All(255));
        }
    }
}
