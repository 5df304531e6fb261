using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Protos.V1;

namespace SealMatch.Server.Benchmarks.Infrastructure;

/// <summary>
/// The engine alone, as the service drives it: the four templates the service builds from the card
/// regions that ExtractSpecimens suggests (same engine calls, same bytes), and the slip decoded once.
/// </summary>
internal static class EngineBaseline
{
    public static void Setup(out SyntheticAccount bank, out SealEngine engine, out ScanImage slip, out List<SealTemplate> templates)
    {
        bank = SyntheticAccount.Generate();
        engine = new SealEngine();
        List<Box> suggested;
        using (ScanImage card = ScanImage.Load(bank.Card, null))
        {
            // What SpecimenService.ExtractSpecimens answers (red ink, the request's default).
            IReadOnlyList<DetectedSeal> candidates = engine.ExtractSpecimenCandidates(card, Engine.Imaging.InkColour.Red);
            suggested = [.. candidates.Select(s => new Box { X = s.Box.X, Y = s.Box.Y, Width = s.Box.Width, Height = s.Box.Height })];
        }

        templates = bank.Templates(engine, bank.PickRegions(suggested).Select(r => r.Region));
        slip = ScanImage.Load(bank.Slip, SyntheticAccount.Dpi);
        SlipAnalysis check = engine.AnalyseSlip(slip, templates);
        Console.WriteLine($"// sanity (engine): {check.Impressions.Count} impressions, best probabilities "
            + string.Join(", ", check.Impressions.Select(i => i.Best?.Probability?.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) ?? "none")));
    }

    public static void Cleanup(ScanImage? slip, List<SealTemplate> templates)
    {
        slip?.Dispose();
        foreach (SealTemplate t in templates)
        {
            t.Dispose();
        }

        templates.Clear();
    }
}
