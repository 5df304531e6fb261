using OpenCvSharp;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Tests.Imaging;

public class InkSeparationTests
{
    private const double Dpi = 300;

    private static (byte Strength, byte Occluded) At(InkLayer layer, double xMm, double yMm)
    {
        int x = (int)(xMm / layer.MillimetresPerPixel), y = (int)(yMm / layer.MillimetresPerPixel);
        (byte[] s, byte[] o) = layer.ToArrays();
        return (s[y * layer.Width + x], o[y * layer.Width + x]);
    }

    [Theory]
    [InlineData(1.0, 1.0, 1.0)]
    [InlineData(0.85, 0.95, 1.05)] // bluish-green cast
    [InlineData(1.05, 0.97, 0.88)] // warm cast
    public void SeparatesSealInkFromPaperPatternAndPrint(double b, double g, double r)
    {
        using Mat page = TestImages.RedDiscWithBlackBar(Dpi, new Scalar(b, g, r));
        using ScanImage scan = ScanImage.FromBgr(Pixels(page), page.Cols, page.Rows, Dpi);
        using var separation = InkSeparation.Analyse(scan);
        using InkLayer layer = separation.Overview(0.1);

        (byte inkStrength, byte inkOccluded) = At(layer, 20, 15);
        Assert.InRange(inkStrength, 150, 255);
        Assert.Equal(0, inkOccluded);

        // Paper and pink pattern away from the disc: little ink.
        double patternMax = 0;
        for (double x = 40; x < 58; x += 0.25)
        {
            patternMax = Math.Max(patternMax, At(layer, x, 10).Strength);
        }

        Assert.InRange(patternMax, 0, 45);

        // Black bar: occluded (seal unknown there), both on and off the disc.
        Assert.Equal(255, At(layer, 20, 20).Occluded);
        Assert.Equal(255, At(layer, 45, 20).Occluded);
        Assert.InRange(At(layer, 45, 20).Strength, 0, 30);
    }

    [Fact]
    public void BlueInkIsSeparatedWhenAskedFor()
    {
        double px = Dpi / 25.4;
        using var page = new Mat((int)(30 * px), (int)(30 * px), MatType.CV_8UC3, new Scalar(245, 248, 250));
        page.Circle(new Point((int)(15 * px), (int)(15 * px)), (int)(8 * px), new Scalar(190, 70, 30), -1);
        using ScanImage scan = ScanImage.FromBgr(Pixels(page), page.Cols, page.Rows, Dpi);
        using var blue = InkSeparation.Analyse(scan, InkColour.Blue);
        using var red = InkSeparation.Analyse(scan, InkColour.Red);
        using InkLayer blueLayer = blue.Overview(0.2);
        using InkLayer redLayer = red.Overview(0.2);
        Assert.InRange(At(blueLayer, 15, 15).Strength, 120, 255);
        Assert.InRange(At(redLayer, 15, 15).Strength, 0, 40);
    }

    [Fact]
    public void RegionsOutsideTheScanAreUnknown()
    {
        using Mat page = TestImages.RedDiscWithBlackBar(Dpi);
        using ScanImage scan = ScanImage.FromBgr(Pixels(page), page.Cols, page.Rows, Dpi);
        using var separation = InkSeparation.Analyse(scan);
        using InkLayer layer = separation.Region(new PixelBox(-100, -100, 300, 300), 0.1);
        (byte[] _, byte[] occluded) = layer.ToArrays();
        Assert.Equal(255, occluded[0]);
        int inside = (int)(150 * scan.MillimetresPerPixel / 0.1);
        Assert.Equal(0, occluded[inside * layer.Width + inside]);
    }

    private static byte[] Pixels(Mat bgr)
    {
        bgr.GetArray(out Vec3b[] px);
        var bytes = new byte[px.Length * 3];
        for (int i = 0; i < px.Length; i++)
        {
            bytes[3 * i] = px[i].Item0;
            bytes[3 * i + 1] = px[i].Item1;
            bytes[3 * i + 2] = px[i].Item2;
        }

        return bytes;
    }
}
