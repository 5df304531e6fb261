using OpenCvSharp;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Models;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Tests.Pipeline;
using SealMatch.Engine.Verification;
using SealMatch.Synthesis;

namespace SealMatch.Engine.Tests.Comparison;

/// <summary>The pair model's input: what the export writes is what the engine feeds the model.</summary>
public class SealPairInputTests
{
    [Theory]
    [InlineData(170, 160, 192)]
    [InlineData(448, 448, 448)]
    [InlineData(449, 10, 480)]
    [InlineData(512, 300, 512)]
    [InlineData(600, 600, SealPairInput.MaxSide)]
    [InlineData(0, 0, SealPairInput.Granule)]
    public void TheSideIsTheCanvasRoundedUpToTheGranuleAndCapped(int width, int height, int side) =>
        Assert.Equal(side, SealPairInput.SideFor(width, height));

    [Fact]
    public void AWideCanvasIsCentredInASquareAtFullResolution()
    {
        // 256 × 128 canvas: centred in 256 × 256 (64 rows above and below), not resized.
        using var specimen = new Mat(128, 256, MatType.CV_8UC1, Scalar.All(200));
        using var impression = new Mat(128, 256, MatType.CV_8UC1, Scalar.All(100));
        using var observed = new Mat(128, 256, MatType.CV_8UC1, Scalar.All(0));
        observed[new Rect(0, 0, 128, 128)].SetTo(Scalar.All(255));

        SealPairInput.Pair pair = SealPairInput.Build(specimen, impression, observed);

        Assert.Equal(256, pair.Side);
        Assert.Equal([1L, SealPairInput.Channels, 256, 256], pair.Shape);
        const int plane = 256 * 256;
        Assert.Equal(SealPairInput.Channels * plane, pair.Data.Length);
        for (int y = 0; y < 256; y++)
        {
            bool inside = y >= 64 && y < 192;
            for (int x = 0; x < 256; x++)
            {
                int i = y * 256 + x;
                Assert.Equal(inside ? 200 : 0, pair.Data[i]);
                Assert.Equal(inside && x < 128 ? 100 : 0, pair.Data[plane + i]);
                Assert.Equal(inside && x < 128 ? 255 : 0, pair.Data[2 * plane + i]);

                // A flat impression has no texture.
                Assert.Equal(0, pair.Data[3 * plane + i]);
            }
        }
    }

    [Fact]
    public void ACanvasLargerThanTheCapIsReducedByArea()
    {
        using var specimen = new Mat(640, 640, MatType.CV_8UC1, Scalar.All(0));
        specimen[new Rect(0, 0, 320, 640)].SetTo(Scalar.All(250));
        using var observed = new Mat(640, 640, MatType.CV_8UC1, Scalar.All(255));

        SealPairInput.Pair pair = SealPairInput.Build(specimen, specimen, observed);

        Assert.Equal(SealPairInput.MaxSide, pair.Side);
        int row = SealPairInput.MaxSide / 2 * SealPairInput.MaxSide;
        Assert.Equal(250, pair.Data[row + 10]);
        Assert.Equal(0, pair.Data[row + SealPairInput.MaxSide - 10]);
    }

    [Fact]
    public void TextureIsHighForAHalftoneAndZeroWhereUnobserved()
    {
        using var specimen = new Mat(200, 200, MatType.CV_8UC1, Scalar.All(0));
        using var halftone = new Mat(200, 200, MatType.CV_8UC1, Scalar.All(0));
        for (int y = 0; y < 200; y++)
        {
            for (int x = 0; x < 200; x++)
            {
                halftone.Set(y, x, (byte)((x + y) % 2 == 0 ? 220 : 60));
            }
        }

        using var observed = new Mat(200, 200, MatType.CV_8UC1, Scalar.All(255));
        observed[new Rect(100, 0, 100, 200)].SetTo(Scalar.All(0));

        SealPairInput.Pair pair = SealPairInput.Build(specimen, halftone, observed);

        // 200 pixels are centred in 224: 12 pixels of padding on each side.
        Assert.Equal(224, pair.Side);
        int plane = 224 * 224;
        ReadOnlySpan<byte> texture = pair.Data.AsSpan(3 * plane, plane);
        int row = 112 * 224;
        Assert.InRange(texture[row + 12 + 20], 200, 255);
        Assert.Equal(0, texture[row + 12 + 110]);
        Assert.Equal(0, texture[row + 5]);
    }

    [Fact]
    public void TheTensorIsTheBytesOver255()
    {
        byte[] input = new byte[SealPairInput.Channels * 32 * 32];
        input[0] = 255;
        input[1] = 51;
        input[^1] = 1;
        float[] tensor = SealPairInput.ToTensor(input);
        Assert.Equal(1f, tensor[0]);
        Assert.Equal(0.2f, tensor[1], 6);
        Assert.Equal(1 / 255f, tensor[^1]);
    }

    [Fact]
    public void MismatchedImagesAreRefused()
    {
        using var a = new Mat(100, 100, MatType.CV_8UC1, Scalar.All(0));
        using var b = new Mat(100, 90, MatType.CV_8UC1, Scalar.All(0));
        Assert.Throws<ArgumentException>(() => SealPairInput.Build(a, b, a));
    }

    [Fact]
    public void TheEngineKeepsTheInputItScoresAndItLooksLikeTheRegisteredPair()
    {
        SealLayout layout = SyntheticSeals.Account(31).Layout(SealKind.FinanceSeal);
        using SealTemplate specimen = SyntheticSeals.Specimen(layout, 4);
        ImpressionConditions conditions = ImpressionConditions.RandomGenuine(new SynthRandom(12)) with { RotationDeg = 75, Cut = null, InkAmount = 1.0 };
        SealImage image = SyntheticSeals.Impression(layout, conditions, 13);
        var engine = new SealEngine(ScoreModel.LoadClassical()) { KeepPairInputs = true };
        using var scan = ScanImage.Load(image.Encoded.Span);
        var seals = engine.FindSeals(scan, specimen.Ink);
        SealComparison c = engine.Compare(specimen, scan, seals.MaxBy(s => s.Confidence)!, seals);

        SealPairInput.Pair pair = Assert.IsType<SealPairInput.Pair>(c.PairInput);
        Assert.Equal(SealPairInput.SideFor(specimen.Width, specimen.Height), pair.Side);
        byte[] input = pair.Data;
        int plane = pair.Side * pair.Side;

        // A registered genuine pair: specimen and impression ink lie on the same pixels.
        double overlap = Correlation(input.AsSpan(0, plane), input.AsSpan(plane, plane), input.AsSpan(2 * plane, plane));
        Assert.InRange(overlap, 0.6, 1.0);
        Assert.Null(c.PairLogit);
        Assert.Null(c.PairModelSha256);
    }

    [Fact]
    public void WithThePairModelEachComparisonCarriesItsLogitAndTheModelHash()
    {
        OnnxModel pair = OnnxModel.Embedded(SealPairInput.ModelName) ?? throw new InvalidOperationException("models/seal-pair.onnx is not in this build.");
        SealLayout layout = SyntheticSeals.Account(31).Layout(SealKind.LegalRepresentativeNameSeal);
        using SealTemplate specimen = SyntheticSeals.Specimen(layout, 4);
        ImpressionConditions conditions = ImpressionConditions.RandomGenuine(new SynthRandom(12)) with { RotationDeg = 200, Cut = null, InkAmount = 1.0 };
        SealImage image = SyntheticSeals.Impression(layout, conditions, 13);
        var engine = new SealEngine(ScoreModel.LoadClassical(), pairModel: pair) { KeepPairInputs = true };
        using var scan = ScanImage.Load(image.Encoded.Span);
        var seals = engine.FindSeals(scan, specimen.Ink);
        SealComparison c = engine.Compare(specimen, scan, seals.MaxBy(s => s.Confidence)!, seals);

        Assert.NotNull(c.PairLogit);
        Assert.Equal(pair.Sha256, c.PairModelSha256);
        Assert.False(c.PairLogitInProbability);
        Assert.Equal(SealPairInput.Score(pair, c.PairInput!), c.PairLogit!.Value, 6);
    }

    private static double Correlation(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> mask)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, n = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (mask[i] < 250)
            {
                continue;
            }

            sa += a[i];
            sb += b[i];
            saa += a[i] * (double)a[i];
            sbb += b[i] * (double)b[i];
            sab += a[i] * (double)b[i];
            n++;
        }

        double cov = sab / n - sa / n * (sb / n);
        return cov / Math.Sqrt((saa / n - sa / n * (sa / n)) * (sbb / n - sb / n * (sb / n)));
    }
}
