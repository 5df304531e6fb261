using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Commands;

/// <summary><c>templates create|list|get</c>: TemplateService (creating needs an ADMIN key).</summary>
internal static class TemplatesCommands
{
    /// <summary>The <c>--region</c> grammar, for <c>--help</c>.</summary>
    public const string RegionHelp =
        "A region: NAME:KIND:X,Y,WIDTH,HEIGHT in millimetres from the page's top-left corner; KIND is SEAL or SIGNATURE. "
        + "Repeatable, e.g. --region payer-seals:SEAL:120,60,80,45 --region drawer:SIGNATURE:20,70,60,20.";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Build()
    {
        var templates = new Command("templates", "Slip templates: named seal and signature regions of a known slip layout, so VerifySlip needs only --template (creating needs an ADMIN key).");
        templates.Subcommands.Add(BuildCreate());
        templates.Subcommands.Add(BuildList());
        templates.Subcommands.Add(BuildGet());
        return templates;
    }

    private static Command BuildCreate()
    {
        var name = new Option<string>("--name") { Description = "Template name (unique).", Required = true };
        var description = new Option<string?>("--description") { Description = "What the layout is, for operators." };
        var file = new Option<FileInfo?>("--file")
        {
            Description = "JSON file instead of --region/--width-mm/--height-mm: {\"page_width_mm\": 210, \"page_height_mm\": 99, \"description\": \"…\", "
                + "\"regions\": [{\"name\": \"payer-seals\", \"kind\": \"SEAL\", \"x\": 120, \"y\": 60, \"width\": 80, \"height\": 35}, …]} (millimetres).",
        };
        var region = new Option<string[]>("--region") { Description = RegionHelp, AllowMultipleArgumentsPerToken = false };
        var width = new Option<double?>("--width-mm") { Description = "Page width in millimetres." };
        var height = new Option<double?>("--height-mm") { Description = "Page height in millimetres." };
        var command = new Command("create", "Register a slip template (ADMIN). It cannot be changed afterwards: register a new one for a new layout.")
        {
            name, description, file, region, width, height,
        };
        return command.WithAction(async (parse, remote, cancel) =>
        {
            CreateTemplateRequest request = BuildRequest(
                parse.GetValue(name)!, parse.GetValue(description), parse.GetValue(file), parse.GetValue(region) ?? [], parse.GetValue(width), parse.GetValue(height));
            Print(remote, await remote.Templates.CreateTemplateAsync(request, cancellationToken: cancel));
            return 0;
        });
    }

    private static Command BuildList() =>
        new Command("list", "List the slip templates by name.").WithAction(async (parse, remote, cancel) =>
        {
            ListTemplatesResponse response = await remote.Templates.ListTemplatesAsync(new ListTemplatesRequest(), cancellationToken: cancel);
            if (remote.Json)
            {
                ProtoJson.Write(response);
            }
            else if (response.Templates.Count == 0)
            {
                Console.WriteLine("no slip templates");
            }
            else
            {
                foreach (SlipTemplate template in response.Templates)
                {
                    Console.Write(Describe(template));
                }
            }

            return 0;
        });

    private static Command BuildGet()
    {
        var id = new Argument<string>("template-id") { Description = "Template id (as printed by templates create or list)." };
        return new Command("get", "Show a slip template and its regions.") { id }.WithAction(async (parse, remote, cancel) =>
        {
            Print(remote, await remote.Templates.GetTemplateAsync(new GetTemplateRequest { TemplateId = parse.GetValue(id)! }, cancellationToken: cancel));
            return 0;
        });
    }

    /// <summary>The request from the options: the page and regions from a file, or from the options, never both.</summary>
    internal static CreateTemplateRequest BuildRequest(string name, string? description, FileInfo? file, IReadOnlyList<string> regions, double? widthMm, double? heightMm)
    {
        CreateTemplateRequest request;
        if (file is not null)
        {
            if (regions.Count > 0 || widthMm is not null || heightMm is not null)
            {
                throw new CliInputException("--file", "give the page and regions either in a file or with --width-mm, --height-mm and --region, not both.");
            }

            request = file.Exists
                ? ParseJson(File.ReadAllText(file.FullName))
                : throw new CliInputException("--file", $"{file.FullName} does not exist.");
        }
        else
        {
            request = new CreateTemplateRequest
            {
                PageWidthMm = widthMm is { } w ? Millimetres("--width-mm", w) : throw new CliInputException("--width-mm", "the page width is required (or give --file)."),
                PageHeightMm = heightMm is { } h ? Millimetres("--height-mm", h) : throw new CliInputException("--height-mm", "the page height is required (or give --file)."),
            };
            if (regions.Count == 0)
            {
                throw new CliInputException("--region", "no regions given; pass --region (repeatable) or --file.");
            }

            request.Regions.AddRange(regions.Select(r => ParseRegion("--region", r)));
        }

        request.Name = name.Trim();
        if (!string.IsNullOrWhiteSpace(description))
        {
            request.Description = description.Trim();
        }

        return request;
    }

    /// <summary>Parses one <c>--region</c> value: <c>NAME:KIND:X,Y,WIDTH,HEIGHT</c> in millimetres.</summary>
    internal static TemplateRegion ParseRegion(string field, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':');
        if (parts.Length != 3 || parts[0].Trim().Length == 0)
        {
            throw new CliInputException(field, $"'{text}' is not a region; write NAME:KIND:X,Y,WIDTH,HEIGHT (millimetres), e.g. payer-seals:SEAL:120,60,80,45.");
        }

        string[] numbers = parts[2].Split(',', StringSplitOptions.TrimEntries);
        double[] v = new double[4];
        if (numbers.Length != 4 || !numbers.Select((n, i) => double.TryParse(n, NumberStyles.AllowDecimalPoint, Inv, out v[i])).All(ok => ok))
        {
            throw new CliInputException(field, $"'{text}': the box is X,Y,WIDTH,HEIGHT in millimetres, e.g. 120,60,80,45.");
        }

        if (v[2] <= 0 || v[3] <= 0)
        {
            throw new CliInputException(field, $"'{text}': width and height must be above 0.");
        }

        return new TemplateRegion
        {
            Name = parts[0].Trim(),
            Kind = ParseKind(field, parts[1], text),
            Box = new MillimetreBox { X = v[0], Y = v[1], Width = v[2], Height = v[3] },
        };
    }

    /// <summary>Parses a template file (see <c>--file</c>); fields at fault are named like <c>regions[1].kind</c>.</summary>
    internal static CreateTemplateRequest ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new CliInputException("--file", $"not valid JSON: {e.Message}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliInputException("--file", "expected an object with page_width_mm, page_height_mm and regions.");
            }

            var request = new CreateTemplateRequest();
            bool width = false, height = false, regions = false;
            foreach (JsonProperty p in root.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "page_width_mm":
                        request.PageWidthMm = Millimetres(p.Name, Number(p.Name, p.Value));
                        width = true;
                        break;
                    case "page_height_mm":
                        request.PageHeightMm = Millimetres(p.Name, Number(p.Name, p.Value));
                        height = true;
                        break;
                    case "description":
                        request.Description = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new CliInputException(p.Name, "expected a string.");
                        break;
                    case "regions":
                        if (p.Value.ValueKind != JsonValueKind.Array)
                        {
                            throw new CliInputException(p.Name, "expected an array of regions.");
                        }

                        int index = 0;
                        foreach (JsonElement element in p.Value.EnumerateArray())
                        {
                            request.Regions.Add(ParseJsonRegion(element, $"regions[{index++}]"));
                        }

                        regions = true;
                        break;
                    default:
                        throw new CliInputException(p.Name, "unknown field; a template file has page_width_mm, page_height_mm, description and regions (the name is --name).");
                }
            }

            return !width ? throw new CliInputException("page_width_mm", "missing.")
                : !height ? throw new CliInputException("page_height_mm", "missing.")
                : !regions || request.Regions.Count == 0 ? throw new CliInputException("regions", "missing; list at least one region.")
                : request;
        }
    }

    /// <summary>A template as printed without <c>--json</c>; regions in the <c>--region</c> syntax.</summary>
    internal static string Describe(SlipTemplate t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var b = new StringBuilder();
        b.Append(Inv, $"Template {t.Id}  {t.Name}  page {t.PageWidthMm:0.##} × {t.PageHeightMm:0.##} mm").Append('\n');
        if (t.Description.Length > 0)
        {
            b.Append("  ").Append(t.Description).Append('\n');
        }

        b.Append(Inv, $"  created {ProtoText.Time(t.CreatedAt)} by {t.CreatedBy}").Append('\n');
        foreach (TemplateRegion r in t.Regions)
        {
            b.Append(Inv, $"    {r.Name}:{ProtoEnums.Name(r.Kind)}:{r.Box?.X:0.##},{r.Box?.Y:0.##},{r.Box?.Width:0.##},{r.Box?.Height:0.##}").Append('\n');
        }

        return b.ToString();
    }

    private static TemplateRegion ParseJsonRegion(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CliInputException(path, "expected an object with name, kind, x, y, width and height.");
        }

        var region = new TemplateRegion { Box = new MillimetreBox() };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty p in element.EnumerateObject())
        {
            string field = $"{path}.{p.Name}";
            seen.Add(p.Name);
            switch (p.Name)
            {
                case "name":
                    region.Name = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()!.Trim() : throw new CliInputException(field, "expected a string.");
                    break;
                case "kind":
                    region.Kind = p.Value.ValueKind == JsonValueKind.String ? ParseKind(field, p.Value.GetString()!, null) : throw new CliInputException(field, "expected SEAL or SIGNATURE.");
                    break;
                case "x":
                    region.Box.X = Number(field, p.Value);
                    break;
                case "y":
                    region.Box.Y = Number(field, p.Value);
                    break;
                case "width":
                    region.Box.Width = Number(field, p.Value);
                    break;
                case "height":
                    region.Box.Height = Number(field, p.Value);
                    break;
                default:
                    throw new CliInputException(field, "unknown field; a region has name, kind, x, y, width and height (millimetres).");
            }
        }

        foreach (string required in new[] { "name", "kind", "x", "y", "width", "height" })
        {
            if (!seen.Contains(required))
            {
                throw new CliInputException($"{path}.{required}", "missing.");
            }
        }

        return region;
    }

    private static RegionKind ParseKind(string field, string text, string? whole) =>
        ProtoEnums.TryParse(text, out RegionKind kind)
            ? kind
            : throw new CliInputException(field, $"{(whole is null ? string.Empty : $"'{whole}': ")}'{text}' is not a region kind; use SEAL or SIGNATURE.");

    private static double Number(string field, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw new CliInputException(field, "expected a number of millimetres.");

    private static double Millimetres(string field, double value) =>
        double.IsFinite(value) && value > 0 ? value : throw new CliInputException(field, $"{value.ToString(Inv)} is not a length; give millimetres above 0.");

    private static void Print(RemoteSession remote, SlipTemplate template)
    {
        if (remote.Json)
        {
            ProtoJson.Write(template);
        }
        else
        {
            Console.Write(Describe(template));
        }
    }
}
