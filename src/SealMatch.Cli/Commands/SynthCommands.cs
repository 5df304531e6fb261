using System.CommandLine;
using System.Text.Json;
using SealMatch.Synthesis;

namespace SealMatch.Cli.Commands;

/// <summary><c>synth</c>: writes generated slips and specimens to disk, to try the engine by hand.</summary>
internal static class SynthCommands
{
    public static Command Build()
    {
        var synth = new Command("synth", "Generate sample documents (slips, specimen cards, single seals) with their ground truth.");
        var seed = new Option<int>("--seed") { Description = "Seed.", DefaultValueFactory = _ => 1 };
        var count = new Option<int>("--count") { Description = "Slips to generate.", DefaultValueFactory = _ => 3 };
        var dpi = new Option<int>("--dpi") { Description = "Scan resolution.", DefaultValueFactory = _ => 300 };
        var forgery = new Option<string?>("--forgery") { Description = "Put a forgery of this class (F1..F5) in the first slot instead of the genuine seal." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder.", Required = true };
        var slips = new Command("slips", "One account: its specimen card, one image per specimen seal, and slips (PNG or JPEG) with truth JSON.")
        {
            seed, count, dpi, forgery, output,
        };
        slips.SetAction(parse =>
        {
            DirectoryInfo folder = parse.GetValue(output)!;
            folder.Create();
            var rng = new SynthRandom((ulong)parse.GetValue(seed));
            AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
            int resolution = parse.GetValue(dpi);
            ForgeryClass? cls = null;
            if (parse.GetValue(forgery) is string f)
            {
                if (f.Length != 2 || f[0] != 'F' || f[1] is < '1' or > '5')
                {
                    return CliOutput.Error("--forgery must be one of F1, F2, F3, F4, F5.");
                }

                cls = (ForgeryClass)(f[1] - '1');
            }

            GeneratedDocument card = SpecimenCardGenerator.Generate(account, ScanSettings.Random(rng.Fork("card-scan"), resolution), rng.Fork("card"));
            Write(folder, "specimen-card", card);
            foreach (SealDesign design in account.Designs)
            {
                SealImage image = SingleSealImage.Render(account.Layout(design), ImpressionConditions.RandomSpecimen(rng.Fork("spec-" + design.Id)),
                    new SingleSealOptions { Dpi = resolution }, rng.Fork("spec-render-" + design.Id));
                File.WriteAllBytes(Path.Combine(folder.FullName, $"specimen-{design.Kind}.png"), image.ToArray());
            }

            for (int i = 0; i < parse.GetValue(count); i++)
            {
                SynthRandom slipRng = rng.Fork("slip", i);
                SlipSpec spec = SlipSpec.Genuine(account, slipRng.Fork("spec"));
                if (cls is ForgeryClass c)
                {
                    SealKind expected = spec.Impressions[0].Source.Layout.Kind;
                    spec = spec with { Impressions = [spec.Impressions[0] with { Source = Forger.Make(account, expected, c, slipRng.Fork("forgery")) }, .. spec.Impressions.Skip(1)] };
                }

                GeneratedDocument slip = SlipGenerator.Generate(spec, ScanSettings.Random(slipRng.Fork("scan"), resolution), slipRng.Fork("generate"));
                Write(folder, $"slip-{i:D3}", slip);
            }

            Console.WriteLine($"wrote the specimen card, {account.Designs.Count} specimen images and {parse.GetValue(count)} slip(s) of {account.CompanyName} to {folder.FullName}");
            return 0;
        });
        synth.Subcommands.Add(slips);
        return synth;
    }

    private static void Write(DirectoryInfo folder, string name, GeneratedDocument document)
    {
        string extension = document.Truth.Format == ImageFormat.Jpeg ? ".jpg" : ".png";
        File.WriteAllBytes(Path.Combine(folder.FullName, name + extension), document.ToArray());
        File.WriteAllText(Path.Combine(folder.FullName, name + ".json"), JsonSerializer.Serialize(document.Truth, CliOutput.Json));
    }
}
