using SealMatch.Protos.V1;
using SealMatch.Synthesis;

namespace SealMatch.Server.Tests.Infrastructure;

/// <summary>
/// One synthetic customer (fixed seed): an image per specimen seal, genuine slips and forged ones,
/// generated once per test run and shared (rendering costs seconds).
/// </summary>
public static class SyntheticBank
{
    private const int Dpi = 300;
    private static readonly Lazy<Generated> Data = new(Generate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Specimen images by role (single seal images, PNG with resolution metadata).</summary>
    public static IReadOnlyDictionary<SpecimenRole, byte[]> Specimens => Data.Value.Specimens;

    /// <summary>A genuine slip carrying the finance seal and the legal representative's seal.</summary>
    public static byte[] GenuineSlip => Data.Value.Genuine;

    /// <summary>The same kind of slip with the finance seal replaced by an unrelated seal (forgery class F5).</summary>
    public static byte[] ForgedSlip => Data.Value.Forged;

    /// <summary>The specimen card of the account.</summary>
    public static byte[] SpecimenCard => Data.Value.Card;

    private sealed record Generated(Dictionary<SpecimenRole, byte[]> Specimens, byte[] Genuine, byte[] Forged, byte[] Card);

    private static Generated Generate()
    {
        var rng = new SynthRandom(4242);
        AccountSeals account = SealDesigner.CreateAccount(rng.Fork("account"));
        var specimens = new Dictionary<SpecimenRole, byte[]>();
        foreach (SealDesign design in account.Designs)
        {
            SpecimenRole? role = design.Kind switch
            {
                SealKind.CompanySeal => SpecimenRole.CompanySeal,
                SealKind.FinanceSeal => SpecimenRole.FinanceSeal,
                SealKind.LegalRepresentativeNameSeal => SpecimenRole.LegalRepresentativeSeal,
                _ => null,
            };
            if (role is SpecimenRole r)
            {
                SealImage image = SingleSealImage.Render(account.Layout(design), ImpressionConditions.RandomSpecimen(rng.Fork("spec-" + design.Id)),
                    new SingleSealOptions { Dpi = Dpi }, rng.Fork("spec-render-" + design.Id));
                specimens[r] = image.ToArray();
            }
        }

        GeneratedDocument card = SpecimenCardGenerator.Generate(account, ScanSettings.Random(rng.Fork("card-scan"), Dpi), rng.Fork("card"));

        // The first seed whose genuine slip has the finance seal and the name seal and no bank stamp.
        for (int i = 0; ; i++)
        {
            SynthRandom slipRng = rng.Fork("slip", i);
            SlipSpec spec = SlipSpec.Genuine(account, slipRng.Fork("spec"));
            List<SealKind> kinds = [.. spec.Impressions.Select(s => s.Source.Layout.Kind)];
            if (spec.AddBankStamp || spec.Impressions.Count != 2 || kinds[0] != SealKind.FinanceSeal || kinds[1] != SealKind.LegalRepresentativeNameSeal
                || spec.Impressions.Any(s => s.TouchIndex >= 0))
            {
                continue;
            }

            GeneratedDocument genuine = SlipGenerator.Generate(spec, ScanSettings.Random(slipRng.Fork("scan"), Dpi), slipRng.Fork("generate"));
            SlipSpec forgedSpec = spec with
            {
                Impressions = [spec.Impressions[0] with { Source = Forger.Make(account, SealKind.FinanceSeal, ForgeryClass.F5Unrelated, slipRng.Fork("forgery")) }, .. spec.Impressions.Skip(1)],
            };
            GeneratedDocument forged = SlipGenerator.Generate(forgedSpec, ScanSettings.Random(slipRng.Fork("scan"), Dpi), slipRng.Fork("generate"));
            return new Generated(specimens, genuine.ToArray(), forged.ToArray(), card.ToArray());
        }
    }

    /// <summary>A synthetic signature of <paramref name="name"/> alone on a white card (PNG; pass dpi 300).</summary>
    public static byte[] Signature(string name, ulong seed = 7) => SyntheticSignature.RenderPng(name, new SynthRandom(seed));

    /// <summary>A blank page (no seal, no resolution metadata: pass dpi in the request); cheap to analyse.</summary>
    public static byte[] BlankPage(int width = 600, int height = 400)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        bitmap.Erase(SkiaSharp.SKColors.White);
        using SkiaSharp.SKData png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
