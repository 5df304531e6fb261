using SealMatch.Engine.Imaging;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Protos.V1;
using SealMatch.Synthesis;
using EngineGeometry = SealMatch.Engine.Geometry;

namespace SealMatch.Server.Benchmarks.Infrastructure;

/// <summary>
/// The engine benchmark's recipe (benchmarks/SealMatch.Benchmarks, VerificationBenchmarks): an account
/// with four red seals (company, finance, contract, legal representative's name seal), its scanned
/// specimen card, and a genuine 300-dpi cheque (JPEG) carrying the finance and name seals.
/// </summary>
internal sealed class SyntheticAccount
{
    public const int Dpi = 300;

    private SyntheticAccount(AccountSeals seals, byte[] card, IReadOnlyList<(SpecimenRole Role, double X, double Y)> seeds, byte[] slip)
    {
        Seals = seals;
        Card = card;
        SealCentres = seeds;
        Slip = slip;
    }

    public AccountSeals Seals { get; }

    /// <summary>The specimen card scan (PNG with resolution metadata).</summary>
    public byte[] Card { get; }

    /// <summary>Where each seal lies on the card (ground truth), with the role it is registered under.</summary>
    public IReadOnlyList<(SpecimenRole Role, double X, double Y)> SealCentres { get; }

    /// <summary>The slip file as a teller system would send it.</summary>
    public byte[] Slip { get; }

    public static SyntheticAccount Generate()
    {
        AccountSeals account = Enumerable.Range(1, 200)
            .Select(i => SealDesigner.CreateAccount(new SynthRandom((ulong)i).Fork("benchmark-account")))
            .First(a => a.Designs.Count == 4 && a.Designs.All(d => d.Ink == Synthesis.InkColour.Red));
        var rng = new SynthRandom(42);
        GeneratedDocument card = SpecimenCardGenerator.Generate(account, ScanSettings.Random(rng.Fork("card-scan"), Dpi), rng.Fork("card"));
        var centres = new List<(SpecimenRole, double, double)>();
        foreach (SealDesign design in account.Designs)
        {
            ImpressionTruth g = card.Truth.Impressions.First(i => i.Geometry.DesignId == design.Id).Geometry;
            centres.Add((RoleOf(design.Kind), g.CentreX, g.CentreY));
        }

        var spec = new SlipSpec
        {
            Kind = DocumentKind.Cheque,
            Impressions =
            [
                new SlipImpression(ImpressionSource.Genuine(account.Layout(SealKind.FinanceSeal), ImpressionConditions.RandomGenuine(rng.Fork("c0")) with { Cut = null }), SlotRole.SignatureBox),
                new SlipImpression(ImpressionSource.Genuine(account.Layout(SealKind.LegalRepresentativeNameSeal), ImpressionConditions.RandomGenuine(rng.Fork("c1")) with { Cut = null }), SlotRole.SignatureBox),
            ],
            RedPrintProbability = 0,
            PayerName = account.CompanyName,
        };
        GeneratedDocument slip = SlipGenerator.Generate(spec, ScanSettings.Random(rng.Fork("slip-scan"), Dpi) with { Format = Synthesis.ImageFormat.Jpeg }, rng.Fork("slip"));
        return new SyntheticAccount(account, card.ToArray(), centres, slip.ToArray());
    }

    /// <summary>
    /// The templates the service builds from the card regions it was given, built the same way
    /// (<see cref="SealEngine.CreateTemplate(ScanImage, EngineGeometry.PixelBox, Engine.Imaging.InkColour)"/>)
    /// and round-tripped through <see cref="SealTemplate.Serialise"/> as the service stores and reloads
    /// them. Their features are built on first use; the caller's warm-up call does that outside any
    /// measurement (the service caches its templates with their features too).
    /// </summary>
    public List<SealTemplate> Templates(SealEngine engine, IEnumerable<Box> regions)
    {
        using ScanImage card = ScanImage.Load(Card, null);
        var templates = new List<SealTemplate>();
        foreach (Box r in regions)
        {
            using SealTemplate made = engine.CreateTemplate(card, new EngineGeometry.PixelBox(r.X, r.Y, r.Width, r.Height));
            templates.Add(SealTemplate.Deserialise(made.Serialise()));
        }

        return templates;
    }

    /// <summary>The card regions of the four seals, as a clerk would pick them from the suggestions of ExtractSpecimens.</summary>
    public IReadOnlyList<(SpecimenRole Role, Box Region)> PickRegions(IEnumerable<Box> suggested)
    {
        List<Box> list = [.. suggested];
        return [.. SealCentres.Select(c => (c.Role, list.MinBy(k => Math.Abs(k.X + (k.Width / 2.0) - c.X) + Math.Abs(k.Y + (k.Height / 2.0) - c.Y))!))];
    }

    private static SpecimenRole RoleOf(SealKind kind) => kind switch
    {
        SealKind.CompanySeal => SpecimenRole.CompanySeal,
        SealKind.FinanceSeal => SpecimenRole.FinanceSeal,
        SealKind.LegalRepresentativeNameSeal => SpecimenRole.LegalRepresentativeSeal,
        _ => SpecimenRole.OtherSeal,
    };
}
