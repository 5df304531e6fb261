using SealMatch.Engine.Geometry;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Tests.Pipeline;
using SealMatch.Engine.Verification;
using SealMatch.Synthesis;

namespace SealMatch.Engine.Tests.Localisation;

/// <summary>
/// The detector's near misses become specimen-guided candidates for the specimens of their size,
/// so that registration can confirm a faint seal whose outline scored just under the bar.
/// </summary>
public class NearMissCandidateTests
{
    private const double ScanMm = 25.4 / 300;

    [Fact]
    public void A_near_miss_is_tried_with_each_specimen_of_its_size_and_no_other()
    {
        AccountSeals account = SyntheticSeals.Account(71);
        using SealTemplate company = SyntheticSeals.Specimen(account.Layout(SealKind.CompanySeal), 81);
        using SealTemplate name = SyntheticSeals.Specimen(account.Layout(SealKind.LegalRepresentativeNameSeal), 82);
        SealTemplate[] specimens = [company, name];
        Assert.True(Math.Max(company.WidthMm, company.HeightMm) > 1.5 * Math.Max(name.WidthMm, name.HeightMm), "the test needs specimens of clearly different sizes");

        DetectedSeal near = Outline(new PointD(1200, 800), name.WidthMm, name.HeightMm);

        DetectedSeal candidate = Assert.Single(SealEngine.NearMissCandidates([near], [0, 1], specimens, [], ScanMm));

        Assert.Equal(1, candidate.GuidedBy);
        Assert.Equal(DetectionSource.SpecimenGuided, candidate.Source);
        Assert.Equal(near.Centre, candidate.Centre);

        // Its outline covers the specimen at any turn: the specimen's diagonal (a round one's diameter).
        double diagonal = Math.Sqrt((name.WidthMm * name.WidthMm) + (name.HeightMm * name.HeightMm));
        Assert.Equal(diagonal, candidate.Outline.Width * ScanMm, 0.01);
    }

    [Fact]
    public void A_near_miss_where_the_search_already_looks_for_that_specimen_adds_nothing()
    {
        AccountSeals account = SyntheticSeals.Account(72);
        using SealTemplate name = SyntheticSeals.Specimen(account.Layout(SealKind.LegalRepresentativeNameSeal), 83);
        DetectedSeal near = Outline(new PointD(1200, 800), name.WidthMm, name.HeightMm);
        DetectedSeal peak = Outline(new PointD(1200 + (2 / ScanMm), 800), name.WidthMm, name.HeightMm) with { Source = DetectionSource.SpecimenGuided, GuidedBy = 0 };
        DetectedSeal halfSize = Outline(new PointD(400, 400), 0.5 * name.WidthMm, 0.5 * name.HeightMm);

        Assert.Empty(SealEngine.NearMissCandidates([near], [0], [name], [peak], ScanMm));
        Assert.Empty(SealEngine.NearMissCandidates([halfSize], [0], [name], [], ScanMm));
    }

    private static DetectedSeal Outline(PointD centre, double widthMm, double heightMm)
    {
        var outline = new SealOutline(SealShapeKind.Square, centre, widthMm / ScanMm, heightMm / ScanMm, 0);
        return new DetectedSeal(outline.BoundingBox(), outline, widthMm, heightMm, SealMatch.Engine.Imaging.InkColour.Red, SealDetector.NearMissScore, DetectionSource.Generic);
    }
}
