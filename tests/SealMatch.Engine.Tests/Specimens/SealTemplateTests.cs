using SealMatch.Engine.Specimens;
using SealMatch.Engine.Tests.Pipeline;
using SealMatch.Synthesis;

namespace SealMatch.Engine.Tests.Specimens;

public class SealTemplateTests
{
    private static SealTemplate Make() => SyntheticSeals.Specimen(SyntheticSeals.Account(11).Layout(SealKind.CompanySeal), 3);

    [Fact]
    public void RoundTripsThroughItsSerialisedForm()
    {
        using SealTemplate original = Make();
        byte[] data = original.Serialise();
        using SealTemplate copy = SealTemplate.Deserialise(data);
        Assert.Equal(original.Shape, copy.Shape);
        Assert.Equal(original.WidthMm, copy.WidthMm, 9);
        Assert.Equal(original.ReferenceAngleDeg, copy.ReferenceAngleDeg, 9);
        Assert.Equal(original.EngineVersion, copy.EngineVersion);
        Assert.Equal(EngineInfo.FeatureVersion, copy.FeatureVersion);
        Assert.Equal(original.Descriptor, copy.Descriptor);
        Assert.Equal(original.StrengthPng(), copy.StrengthPng());
        Assert.Equal(data, copy.Serialise());
    }

    [Fact]
    public void NormalisesToTheCanonicalScaleAndCentre()
    {
        using SealTemplate t = Make();
        Assert.Equal(0.1, SealTemplate.MillimetresPerPixel);
        Assert.InRange(t.WidthMm, 36, 46);
        Assert.Equal(t.Width, t.Height);
        Assert.Equal((t.Width - 1) / 2.0, t.Canvas.Centre.X, 6);
    }

    [Fact]
    public void DetectsCorruptionTruncationAndForeignData()
    {
        using SealTemplate t = Make();
        byte[] data = t.Serialise();
        byte[] flipped = (byte[])data.Clone();
        flipped[data.Length / 2] ^= 0x40;
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => SealTemplate.Deserialise(flipped)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => SealTemplate.Deserialise(data[..(data.Length / 2)]));
        Assert.Throws<InvalidDataException>(() => SealTemplate.Deserialise("not a template at all, just text"u8));
    }
}
