using SealMatch.Cli.Commands;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Tests;

public sealed class TemplatesCommandsTests
{
    [Fact]
    public void A_region_is_name_kind_and_a_box_in_millimetres()
    {
        TemplateRegion region = TemplatesCommands.ParseRegion("--region", " payer-seals : seal : 120, 60.5,80,45 ");

        Assert.Equal("payer-seals", region.Name);
        Assert.Equal(RegionKind.Seal, region.Kind);
        Assert.Equal((120, 60.5, 80, 45), (region.Box.X, region.Box.Y, region.Box.Width, region.Box.Height));
        Assert.Equal(RegionKind.Signature, TemplatesCommands.ParseRegion("--region", "drawer:SIGNATURE:0,0,1,1").Kind);
    }

    [Theory]
    [InlineData("payer-seals:SEAL:120,60,80")]
    [InlineData("payer-seals:SEAL")]
    [InlineData(":SEAL:1,2,3,4")]
    [InlineData("payer-seals:STAMP:1,2,3,4")]
    [InlineData("payer-seals:UNSPECIFIED:1,2,3,4")]
    [InlineData("payer-seals:SEAL:1,2,0,4")]
    [InlineData("payer-seals:SEAL:1,2,3,-4")]
    [InlineData("payer-seals:SEAL:1;2;3;4")]
    public void Bad_regions_are_refused_naming_the_option(string text) =>
        Assert.Equal("--region", Assert.Throws<CliInputException>(() => TemplatesCommands.ParseRegion("--region", text)).Field);

    [Fact]
    public void The_page_and_regions_come_from_the_options()
    {
        CreateTemplateRequest request = TemplatesCommands.BuildRequest(" transfer ", " 2026 layout ", null, ["s:SEAL:120,60,80,35", "d:SIGNATURE:20,70,60,20"], 210, 99);

        Assert.Equal("transfer", request.Name);
        Assert.Equal("2026 layout", request.Description);
        Assert.Equal((210.0, 99.0), (request.PageWidthMm, request.PageHeightMm));
        Assert.Equal(["s", "d"], request.Regions.Select(r => r.Name));
        Assert.Equal("--height-mm", Assert.Throws<CliInputException>(() => TemplatesCommands.BuildRequest("t", null, null, ["s:SEAL:1,1,1,1"], 210, null)).Field);
        Assert.Equal("--width-mm", Assert.Throws<CliInputException>(() => TemplatesCommands.BuildRequest("t", null, null, ["s:SEAL:1,1,1,1"], -1, 99)).Field);
        Assert.Equal("--region", Assert.Throws<CliInputException>(() => TemplatesCommands.BuildRequest("t", null, null, [], 210, 99)).Field);
    }

    [Fact]
    public void A_template_file_gives_the_page_and_regions_and_cannot_be_mixed_with_the_options()
    {
        string path = Path.Combine(Path.GetTempPath(), $"template-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {
              // the 2026 transfer slip
              "page_width_mm": 210, "page_height_mm": 99, "description": "from a file",
              "regions": [
                {"name": "payer-seals", "kind": "SEAL", "x": 120, "y": 60, "width": 80, "height": 35},
                {"name": "drawer", "kind": "signature", "x": 20, "y": 70, "width": 60, "height": 20},
              ]
            }
            """);
        try
        {
            CreateTemplateRequest request = TemplatesCommands.BuildRequest("transfer", null, new FileInfo(path), [], null, null);

            Assert.Equal(("transfer", "from a file", 210.0, 99.0), (request.Name, request.Description, request.PageWidthMm, request.PageHeightMm));
            Assert.Equal([RegionKind.Seal, RegionKind.Signature], request.Regions.Select(r => r.Kind));
            Assert.Equal(35, request.Regions[0].Box.Height);
            Assert.Equal("--file", Assert.Throws<CliInputException>(() => TemplatesCommands.BuildRequest("t", null, new FileInfo(path), ["s:SEAL:1,1,1,1"], null, null)).Field);
            Assert.Equal("--file", Assert.Throws<CliInputException>(() => TemplatesCommands.BuildRequest("t", null, new FileInfo(path + ".missing"), [], null, null)).Field);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{"page_height_mm": 99, "regions": [{"name": "s", "kind": "SEAL", "x": 1, "y": 1, "width": 1, "height": 1}]}""", "page_width_mm")]
    [InlineData("""{"page_width_mm": 210, "page_height_mm": 99, "regions": []}""", "regions")]
    [InlineData("""{"page_width_mm": 210, "page_height_mm": 99, "regions": [{"name": "s", "kind": "STAMP", "x": 1, "y": 1, "width": 1, "height": 1}]}""", "regions[0].kind")]
    [InlineData("""{"page_width_mm": 210, "page_height_mm": 99, "regions": [{"name": "s", "kind": "SEAL", "x": 1, "y": 1, "width": 1}]}""", "regions[0].height")]
    [InlineData("""{"page_width_mm": 210, "page_height_mm": 99, "regions": [{"name": "s", "kind": "SEAL", "x": "1", "y": 1, "width": 1, "height": 1}]}""", "regions[0].x")]
    [InlineData("""{"page_width_mm": 210, "page_height_mm": 99, "name": "t", "regions": []}""", "name")]
    [InlineData("""[1, 2]""", "--file")]
    [InlineData("""{"page_width_mm": """, "--file")]
    public void Bad_template_files_are_refused_naming_the_field(string json, string field) =>
        Assert.Equal(field, Assert.Throws<CliInputException>(() => TemplatesCommands.ParseJson(json)).Field);

    [Fact]
    public void A_template_is_printed_with_its_regions_in_the_region_syntax()
    {
        var template = new SlipTemplate { Id = "tpl_1", Name = "transfer", PageWidthMm = 210, PageHeightMm = 99, CreatedBy = "admin" };
        template.Regions.Add(TemplatesCommands.ParseRegion("--region", "payer-seals:SEAL:120,60.25,80,35"));

        string text = TemplatesCommands.Describe(template);

        Assert.StartsWith("Template tpl_1  transfer  page 210 × 99 mm\n", text, StringComparison.Ordinal);
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
        Assert.Equal("payer-seals:SEAL:120,60.25,80,35", line);
        Assert.Equal(template.Regions[0], TemplatesCommands.ParseRegion("--region", line));
    }
}
