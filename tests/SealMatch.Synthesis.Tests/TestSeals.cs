namespace SealMatch.Synthesis.Tests;

internal static class TestSeals
{
    /// <summary>A fixed 42 mm round company seal.</summary>
    public static SealLayout Company42()
    {
        SealDesign d = SealDesigner.CompanySeal(new SynthRandom(7), "t-company", "上海华盛达科技有限公司") with { WidthMm = 42, HeightMm = 42 };
        return LayoutCompiler.Compile(d);
    }

    /// <summary>Clean conditions for measurements: no texture, no blur, no elastic, no roughness.</summary>
    public static ImpressionConditions Clean(double ink = 1.0) => new()
    {
        InkAmount = ink,
        TextureAmplitude = 0,
        EdgeRoughnessMm = 0,
        StrokeGain = 0.3,
    };

    /// <summary>An account whose seals all use red ink.</summary>
    public static AccountSeals RedAccount(SynthRandom rng)
    {
        AccountSeals a = SealDesigner.CreateAccount(rng);
        return new AccountSeals(a.AccountId, a.CompanyName, a.LegalRepresentative, [.. a.Designs.Select(d => d with { Ink = InkColour.Red })]);
    }
}
