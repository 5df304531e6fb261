using SealMatch.Domain.Security;
using SealMatch.Domain.Templates;
using SealMatch.Engine.Geometry;
using SealMatch.Server.Errors;
using SealMatch.Server.Verification;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Tests;

/// <summary>How a VerifySlip request and its slip template become pixel boxes on one slip image.</summary>
public sealed class SlipRegionsTests
{
    private static readonly Actor Admin = new("admin-1", [Role.Admin], "HQ");

    // 25.4 mm at 300 dpi is 300 px: whole millimetre multiples of 25.4 map exactly.
    private static SlipTemplate Template(params TemplateRegion[] regions) =>
        SlipTemplate.Create("tpl-1", "layout", null, 254, 101.6, regions, Admin, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Template_regions_become_pixels_at_the_slip_dpi_and_request_boxes_are_added_after_them()
    {
        SlipTemplate template = Template(
            new TemplateRegion("payer-seals", RegionKind.Seal, new MillimetreBox(127, 25.4, 50.8, 25.4)),
            new TemplateRegion("drawer", RegionKind.Signature, new MillimetreBox(25.4, 50.8, 76.2, 25.4)));
        var request = new Proto.VerifySlipRequest { TemplateId = template.Id };
        request.RegionsOfInterest.Add(new Proto.Box { X = 10, Y = 20, Width = 30, Height = 40 });
        request.SignatureRegions.Add(new Proto.Box { X = 2000, Y = 900, Width = 500, Height = 200 });

        SlipRegions regions = SlipRegions.Resolve(request, template, 3000, 1200, 300);

        Assert.Equal("tpl-1", regions.TemplateId);
        Assert.Equal(
            [new SlipRegion("payer-seals", new PixelBox(1500, 300, 600, 300)), new SlipRegion("regions_of_interest[0]", new PixelBox(10, 20, 30, 40))],
            regions.SealBoxes);
        Assert.Equal(
            [new SlipRegion("drawer", new PixelBox(300, 600, 900, 300)), new SlipRegion("signature_regions[0]", new PixelBox(2000, 900, 500, 200))],
            regions.SignatureBoxes);

        // At 200 dpi the same millimetres are two thirds as many pixels.
        SlipRegions coarser = SlipRegions.Resolve(new Proto.VerifySlipRequest(), template, 2000, 800, 200);
        Assert.Equal(new PixelBox(1000, 200, 400, 200), Assert.Single(coarser.SealBoxes).Box);
        Assert.Equal(new PixelBox(200, 400, 600, 200), Assert.Single(coarser.SignatureBoxes).Box);
    }

    [Fact]
    public void Seal_impressions_count_when_centred_in_a_seal_box_and_everywhere_without_one()
    {
        SlipTemplate template = Template(new TemplateRegion("payer-seals", RegionKind.Seal, new MillimetreBox(25.4, 25.4, 25.4, 25.4)));
        SlipRegions regions = SlipRegions.Resolve(new Proto.VerifySlipRequest(), template, 3000, 1200, 300);

        Assert.True(regions.ContainsSeal(new PointD(300, 300)));
        Assert.True(regions.ContainsSeal(new PointD(599.5, 450)));
        Assert.False(regions.ContainsSeal(new PointD(600, 450)));
        Assert.False(regions.ContainsSeal(new PointD(100, 100)));

        // A template of signatures only restricts no seal, as a request without boxes.
        SlipTemplate signaturesOnly = Template(new TemplateRegion("drawer", RegionKind.Signature, new MillimetreBox(0, 0, 25.4, 25.4)));
        SlipRegions open = SlipRegions.Resolve(new Proto.VerifySlipRequest(), signaturesOnly, 3000, 1200, 300);
        Assert.Empty(open.SealBoxes);
        Assert.True(open.ContainsSeal(new PointD(2900, 1100)));
        Assert.Null(SlipRegions.Resolve(new Proto.VerifySlipRequest(), null, 3000, 1200, 300).TemplateId);
    }

    [Fact]
    public void A_template_region_beyond_the_image_is_refused_naming_template_id()
    {
        SlipTemplate template = Template(new TemplateRegion("drawer", RegionKind.Signature, new MillimetreBox(203.2, 76.2, 50.8, 25.4)));

        // 254 × 101.6 mm at 300 dpi is 3000 × 1200 px: it fits exactly, one pixel less does not.
        Assert.Single(SlipRegions.Resolve(new Proto.VerifySlipRequest(), template, 3000, 1200, 300).SignatureBoxes);
        RequestInvalidException narrow = Assert.Throws<RequestInvalidException>(() => SlipRegions.Resolve(new Proto.VerifySlipRequest(), template, 2999, 1200, 300));
        Assert.Equal("template_id", narrow.Field);
        Assert.Contains("'drawer'", narrow.Message, StringComparison.Ordinal);
        Assert.Equal("template_id", Assert.Throws<RequestInvalidException>(() => SlipRegions.Resolve(new Proto.VerifySlipRequest(), template, 3000, 1200, 301)).Field);
    }

    [Theory]
    [InlineData(-1, 0, 10, 10)]
    [InlineData(0, 0, 0, 10)]
    [InlineData(0, 0, 10, -1)]
    [InlineData(2990, 0, 11, 10)]
    [InlineData(0, 1195, 10, 6)]
    [InlineData(int.MaxValue, 0, int.MaxValue, 10)]
    public void A_signature_region_must_lie_within_the_image(int x, int y, int width, int height)
    {
        var request = new Proto.VerifySlipRequest();
        request.SignatureRegions.Add(new Proto.Box { X = 0, Y = 0, Width = 3000, Height = 1200 });
        request.SignatureRegions.Add(new Proto.Box { X = x, Y = y, Width = width, Height = height });

        Assert.Equal("signature_regions[1]", Assert.Throws<RequestInvalidException>(() => SlipRegions.Resolve(request, null, 3000, 1200, 300)).Field);
    }

    [Theory]
    [InlineData(0, 0, 0.01, 0.01, 300, 0, 0, 1, 1)]
    [InlineData(10, 10, 20, 5, 300, 118, 118, 236, 59)]
    [InlineData(10, 10, 20, 5, 600, 236, 236, 473, 118)]
    public void Millimetres_become_whole_pixels_at_least_one_wide(double x, double y, double w, double h, double dpi, int px, int py, int pw, int ph) =>
        Assert.Equal(new PixelBox(px, py, pw, ph), SlipRegions.ToPixels(new MillimetreBox(x, y, w, h), dpi));
}
