using SealMatch.Domain.Security;
using SealMatch.Domain.Templates;

namespace SealMatch.Domain.Tests.Templates;

public sealed class SlipTemplateTests
{
    private static readonly TemplateRegion Seals = new("payer-seals", RegionKind.Seal, new MillimetreBox(120, 50, 80, 45));
    private static readonly TemplateRegion Drawer = new("drawer", RegionKind.Signature, new MillimetreBox(20, 70, 60, 20));

    private static SlipTemplate Create(IEnumerable<TemplateRegion>? regions = null, double width = 210, double height = 99, string name = "transfer-slip-2026") =>
        SlipTemplate.Create("tpl-1", name, "  Transfer slip, 2026 layout ", width, height, regions ?? [Seals, Drawer], Given.Admin, Given.T0);

    [Fact]
    public void Create_keeps_the_layout_and_records_who_and_when()
    {
        SlipTemplate template = Create();

        Assert.Equal("transfer-slip-2026", template.Name);
        Assert.Equal("Transfer slip, 2026 layout", template.Description);
        Assert.Equal((210.0, 99.0), (template.PageWidthMm, template.PageHeightMm));
        Assert.Equal([Seals, Drawer], template.Regions);
        Assert.Equal([Seals], template.RegionsOf(RegionKind.Seal));
        Assert.Equal([Drawer], template.RegionsOf(RegionKind.Signature));
        Assert.Equal(Given.Admin.UserId, template.CreatedBy);
        Assert.Equal(Given.T0, template.CreatedAt);
    }

    [Fact]
    public void The_creation_time_is_kept_in_whole_microseconds_as_every_provider_stores_it()
    {
        DateTimeOffset now = Given.T0.AddTicks(1234567);
        SlipTemplate template = SlipTemplate.Create("tpl-1", "n", null, 210, 99, [Seals], Given.Admin, now);
        Assert.Equal(Given.T0.AddTicks(1234560), template.CreatedAt);
    }

    [Fact]
    public void Only_an_administrator_creates_a_template()
    {
        foreach (Actor actor in new[] { Given.Teller, Given.Clerk, Given.Auditor })
        {
            Given.Violation(ViolationCode.RoleRequired,
                () => SlipTemplate.Create("tpl-1", "n", null, 210, 99, [Seals], actor, Given.T0));
        }
    }

    [Fact]
    public void The_caller_cannot_change_the_regions_after_creation()
    {
        var regions = new List<TemplateRegion> { Seals };
        SlipTemplate template = Create(regions);
        regions.Add(Drawer);

        Assert.Single(template.Regions);
        Assert.True(((ICollection<TemplateRegion>)template.Regions).IsReadOnly);
    }

    [Theory]
    [InlineData(0, 99, "page_width_mm")]
    [InlineData(-210, 99, "page_width_mm")]
    [InlineData(double.NaN, 99, "page_width_mm")]
    [InlineData(210, 0, "page_height_mm")]
    [InlineData(210, 1001, "page_height_mm")]
    [InlineData(210, double.PositiveInfinity, "page_height_mm")]
    public void The_page_size_is_a_positive_length(double width, double height, string field)
    {
        DomainRuleViolationException e = Given.Violation(ViolationCode.InvalidValue, () => Create(width: width, height: height));
        Assert.Equal(field, e.Field);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_name_is_required()
    {
        DomainRuleViolationException e = Given.Violation(ViolationCode.InvalidValue, () => Create(name: "  "));
        Assert.Equal("name", e.Field);
    }

    [Fact]
    public void A_template_has_one_to_thirty_two_regions()
    {
        Assert.Equal("regions", Given.Violation(ViolationCode.InvalidValue, () => Create([])).Field);
        TemplateRegion[] many = [.. Enumerable.Range(0, SlipTemplate.MaxRegions + 1).Select(i => Seals with { Name = "r" + i })];
        Assert.Equal("regions", Given.Violation(ViolationCode.InvalidValue, () => Create(many)).Field);
        Assert.Equal(SlipTemplate.MaxRegions, Create(many[..SlipTemplate.MaxRegions]).Regions.Count);
    }

    [Fact]
    public void Region_names_are_required_and_distinct_regardless_of_case()
    {
        Assert.Equal("regions[1].name", Given.Violation(ViolationCode.InvalidValue, () => Create([Seals, Drawer with { Name = " " }])).Field);
        DomainRuleViolationException twice = Given.Violation(ViolationCode.InvalidValue, () => Create([Seals, Drawer with { Name = "PAYER-SEALS" }]));
        Assert.Equal("regions[1].name", twice.Field);
        Assert.Contains("used twice", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_kind_must_be_defined()
    {
        Assert.Equal("regions[0].kind", Given.Violation(ViolationCode.InvalidValue, () => Create([Seals with { Kind = (RegionKind)7 }])).Field);
    }

    [Theory]
    [InlineData(-1, 50, 80, 45, "regions[0].box.x")]
    [InlineData(120, double.NaN, 80, 45, "regions[0].box.y")]
    [InlineData(120, 50, 0, 45, "regions[0].box.width")]
    [InlineData(120, 50, 80, -5, "regions[0].box.height")]
    [InlineData(140, 50, 80, 45, "regions[0].box")]
    [InlineData(120, 60, 80, 45, "regions[0].box")]
    public void A_region_is_a_box_of_positive_size_within_the_page(double x, double y, double width, double height, string field)
    {
        DomainRuleViolationException e = Given.Violation(ViolationCode.InvalidValue,
            () => Create([Seals with { Box = new MillimetreBox(x, y, width, height) }]));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void A_region_may_touch_the_page_edges()
    {
        SlipTemplate template = Create([Seals with { Box = new MillimetreBox(0, 0, 210, 99) }]);
        Assert.Equal(new MillimetreBox(0, 0, 210, 99), Assert.Single(template.Regions).Box);
    }
}
