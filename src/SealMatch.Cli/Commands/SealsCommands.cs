using System.CommandLine;
using SealMatch.Engine;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;

namespace SealMatch.Cli.Commands;

/// <summary><c>seals find</c> and <c>seals compare</c>: the engine on real images.</summary>
internal static class SealsCommands
{
    public static Command Build()
    {
        var seals = new Command("seals", "Find seal impressions on an image, or compare one with a specimen.");
        seals.Subcommands.Add(BuildFind());
        seals.Subcommands.Add(BuildCompare());
        return seals;
    }

    private static Command BuildFind()
    {
        var image = new Argument<FileInfo>("image") { Description = "Scan or photo (PNG, JPEG, TIFF, BMP)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a summary." };
        var dpi = DpiOption("--dpi", "Resolution of the image when its metadata lacks it or is wrong.");
        var ink = InkOption();
        var command = new Command("find", "List the seal impressions on an image.") { image, json, dpi, ink };
        command.SetAction(parse =>
        {
            FileInfo file = parse.GetValue(image)!;
            return Run(() =>
            {
                using ScanImage scan = Load(file, parse.GetValue(dpi));
                var engine = new SealEngine();
                IReadOnlyList<DetectedSeal> found = engine.FindSeals(scan, parse.GetValue(ink));
                if (parse.GetValue(json))
                {
                    CliOutput.WriteJson(new
                    {
                        Image = new { scan.Width, scan.Height, Dpi = CliOutput.R(scan.Dpi, 1), DpiSource = scan.DpiFromMetadata ? "metadata" : "argument" },
                        Seals = found.Select(s => new
                        {
                            Box = s.Box.ToArray(),
                            Shape = s.Shape.ToString().ToLowerInvariant(),
                            Centre = new[] { CliOutput.R(s.Centre.X, 1), CliOutput.R(s.Centre.Y, 1) },
                            SizeMm = new[] { CliOutput.R(s.WidthMm, 1), CliOutput.R(s.HeightMm, 1) },
                            AngleDeg = CliOutput.R(s.Outline.AngleDeg, 1),
                            Ink = s.Ink.ToString().ToLowerInvariant(),
                            Confidence = CliOutput.R(s.Confidence),
                        }),
                    });
                }
                else
                {
                    Console.WriteLine($"{file.Name}: {scan.Width}×{scan.Height} px at {scan.Dpi:F0} dpi ({(scan.DpiFromMetadata ? "from metadata" : "as stated")}); {found.Count} seal impression(s) in {parse.GetValue(ink).ToString().ToLowerInvariant()} ink");
                    int n = 0;
                    foreach (DetectedSeal s in found)
                    {
                        Console.WriteLine($"  {++n}. {s.Shape,-9} {s.WidthMm,5:F1} × {s.HeightMm,4:F1} mm at ({s.Centre.X:F0}, {s.Centre.Y:F0}) px, box [{string.Join(", ", s.Box.ToArray())}], confidence {s.Confidence:F2}");
                    }
                }

                return 0;
            });
        });
        return command;
    }

    private static Command BuildCompare()
    {
        var specimen = new Argument<FileInfo>("specimen-image") { Description = "Image of the reserved specimen: one seal (print over it is fine)." };
        var slip = new Argument<FileInfo>("slip-image") { Description = "The slip to check." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a summary." };
        var diff = new Option<FileInfo?>("--diff") { Description = "Write the difference picture (PNG) here." };
        var dpi = DpiOption("--dpi", "Resolution of the slip image when its metadata lacks it.");
        var specimenDpi = DpiOption("--specimen-dpi", "Resolution of the specimen image when its metadata lacks it.");
        var ink = InkOption();
        var command = new Command("compare", "Register and score the best impression on a slip against a specimen.") { specimen, slip, json, diff, dpi, specimenDpi, ink };
        command.SetAction(parse =>
        {
            return Run(() =>
            {
                InkColour colour = parse.GetValue(ink);
                using ScanImage specimenScan = Load(parse.GetValue(specimen)!, parse.GetValue(specimenDpi));
                using ScanImage slipScan = Load(parse.GetValue(slip)!, parse.GetValue(dpi));
                var engine = new SealEngine();
                if (engine.Model is null)
                {
                    return CliOutput.Error("this build has no calibrated score model; run `calibrate seals` first.", CliOutput.Failure);
                }

                using SealTemplate template = engine.CreateTemplateFromSealImage(specimenScan, colour);
                SlipAnalysis analysis = engine.AnalyseSlip(slipScan, [template], colour, renderDifference: parse.GetValue(diff) is not null);
                ImpressionFinding? best = analysis.Impressions.OrderByDescending(f => f.Best?.Probability ?? 0).FirstOrDefault();
                SealComparison? c = best?.Best;
                if (c is not null && parse.GetValue(diff) is FileInfo diffFile && c.DifferencePng is not null)
                {
                    File.WriteAllBytes(diffFile.FullName, c.DifferencePng);
                }

                if (parse.GetValue(json))
                {
                    CliOutput.WriteJson(new
                    {
                        Found = c is not null,
                        Probability = c is null ? 0 : CliOutput.R(c.Probability ?? 0, 4),
                        Decision = c?.Decision?.ToString().ToUpperInvariant() ?? "REJECT",
                        RotationDeg = c is null ? (double?)null : CliOutput.R(c.Pose.RotationDeg, 2),
                        Scale = c is null ? (double?)null : CliOutput.R(c.Pose.Scale, 4),
                        Box = best?.Detection.Box.ToArray(),
                        Centre = c is null ? null : new[] { CliOutput.R(c.Pose.CentrePx.X, 1), CliOutput.R(c.Pose.CentrePx.Y, 1) },
                        Scores = c?.Measurements,
                        ImpressionsOnSlip = analysis.Impressions.Count,
                        EngineVersion = EngineInfo.EngineVersion,
                        Milliseconds = CliOutput.R(analysis.Milliseconds, 1),
                    });
                }
                else if (c is null)
                {
                    Console.WriteLine("No seal impression matching the specimen was found on the slip: REJECT (no seal found).");
                }
                else
                {
                    ComparisonMeasurements m = c.Measurements;
                    Console.WriteLine($"Best impression at box [{string.Join(", ", best!.Detection.Box.ToArray())}] ({best.Detection.Shape}, {best.Detection.WidthMm:F1} mm)");
                    Console.WriteLine($"  decision     {c.Decision?.ToString().ToUpperInvariant()}   (genuine probability {c.Probability:P2}; accept ≥ {engine.Model.AcceptThreshold:P2}, reject < {engine.Model.RejectThreshold:P2})");
                    Console.WriteLine($"  pose         rotated {c.Pose.RotationDeg:F2}°, scale {c.Pose.Scale:F3}, centre ({c.Pose.CentrePx.X:F1}, {c.Pose.CentrePx.Y:F1}) px");
                    Console.WriteLine($"  gained ink   {m.GainNear:P2} (largest patch {m.LargestGainMm2:F2} mm²; worst cell {m.MaxCellGain:P1})");
                    Console.WriteLine($"  lost ink     {m.LossNear:P2} (displaced {m.LargestDisplacedLossMm2:F2} mm²)");
                    Console.WriteLine($"  local shift  max {m.MaxLocalShiftMm:F2} mm, median {m.MedianLocalShiftMm:F2} mm");
                    Console.WriteLine($"  coverage     {m.Coverage:P1} of the specimen visible; correlation {m.Correlation:F3}");
                    if (parse.GetValue(diff) is FileInfo d)
                    {
                        Console.WriteLine($"  difference   written to {d.FullName}");
                    }
                }

                return 0;
            });
        });
        return command;
    }

    internal static Option<double?> DpiOption(string name, string description) => new(name) { Description = description };

    internal static Option<InkColour> InkOption() => new("--ink")
    {
        Description = "Seal ink colour: red (default), blue or purple.",
        DefaultValueFactory = _ => InkColour.Red,
    };

    internal static ScanImage Load(FileInfo file, double? dpi)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{file.FullName} does not exist.");
        }

        return ScanImage.Load(File.ReadAllBytes(file.FullName), dpi);
    }

    /// <summary>Runs a command body, turning bad input into a clear message and exit code 2.</summary>
    internal static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ScanRejectedException e)
        {
            return CliOutput.Error($"{e.Message} [{e.Problem}, field {e.Field}]" + (e.Problem == ScanProblem.ResolutionUnknown ? " Pass --dpi." : string.Empty));
        }
        catch (FileNotFoundException e)
        {
            return CliOutput.Error(e.Message);
        }
        catch (InvalidOperationException e)
        {
            return CliOutput.Error(e.Message);
        }
    }
}
