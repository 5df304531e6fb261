using SealMatch.Engine.Imaging;
using SealMatch.Engine.Signatures;

namespace SealMatch.Engine.Tests.Signatures;

/// <summary>The engine with the committed embedding model (<c>models/signature-embedding.onnx</c>).</summary>
public sealed class SignatureEngineTests
{
    private static SignatureEngine Engine => SignatureEngine.Default
        ?? throw new InvalidOperationException("The engine was built without models/signature-embedding.onnx.");

    [Fact]
    public void A_template_is_a_unit_vector_from_the_embedded_model()
    {
        using ScanImage scan = SignatureScans.Create();
        SignatureTemplate t = Engine.CreateTemplate(scan);

        Assert.Equal(Engine.ModelSha256, t.ModelSha256);
        Assert.Equal(SignatureImage.PreprocessingVersion, t.FeatureVersion);
        double norm = Math.Sqrt(t.Embedding.ToArray().Sum(v => (double)v * v));
        Assert.Equal(1.0, norm, 3);
    }

    [Fact]
    public void The_same_signature_under_clutter_is_nearer_than_a_different_one()
    {
        using ScanImage clean = SignatureScans.Create();
        using ScanImage cluttered = SignatureScans.Create(pattern: true, boxLines: true, redSeal: true);
        using ScanImage other = SignatureScans.Create(otherShape: true);
        SignatureTemplate a = Engine.CreateTemplate(clean), b = Engine.CreateTemplate(cluttered), c = Engine.CreateTemplate(other);

        SignatureComparison same = Engine.Compare(b, [a]);
        SignatureComparison different = Engine.Compare(c, [a]);
        Assert.True(same.Distances.Nearest < 0.1, $"distance {same.Distances.Nearest}");
        Assert.True(same.Distances.Nearest < different.Distances.Nearest, $"same {same.Distances.Nearest}, different {different.Distances.Nearest}");
        Assert.Equal(Engine.ModelSha256, same.ModelSha256);
        Assert.Equal(1, same.Distances.References);
    }

    [Fact]
    public void Templates_from_another_model_are_refused()
    {
        using ScanImage scan = SignatureScans.Create();
        SignatureTemplate t = Engine.CreateTemplate(scan);
        var foreign = new SignatureTemplate(t.Embedding, new string('0', 64), t.FeatureVersion);

        Assert.Throws<ArgumentException>(() => Engine.Compare(t, [foreign]));
        Assert.Throws<ArgumentException>(() => Engine.Compare(t, []));
    }

    [Fact]
    public void A_slip_region_without_a_signature_is_refused()
    {
        using ScanImage scan = SignatureScans.Create(pattern: true);
        Assert.Throws<ScanRejectedException>(() => Engine.CreateTemplate(scan, new Geometry.PixelBox(0, 0, 200, 100)));
    }
}
