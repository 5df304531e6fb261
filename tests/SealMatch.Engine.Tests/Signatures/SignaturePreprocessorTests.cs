using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Signatures;
using OpenCvSharp;

namespace SealMatch.Engine.Tests.Signatures;

public sealed class SignaturePreprocessorTests
{
    [Fact]
    public void The_canvas_has_the_fixed_size_and_the_ink_fills_it_centred()
    {
        using ScanImage scan = SignatureScans.Create();
        SignatureImage image = SignaturePreprocessor.Prepare(scan);

        Assert.Equal(SignatureImage.Width * SignatureImage.Height, image.Pixels.Length);
        (int x0, int y0, int x1, int y1) = InkExtent(image);
        // The strokes are 420 × 170 px: fitted by width (184 px inner), centred vertically.
        Assert.InRange(x0, 2, 7);
        Assert.InRange(x1, SignatureImage.Width - 7, SignatureImage.Width - 2);
        Assert.InRange(Math.Abs((y0 + y1) / 2.0 - SignatureImage.Height / 2.0), 0, 3);
        Assert.Equal(SignatureImage.Width * SignatureImage.Height, image.ToTensor().Length);
        Assert.Equal(0f, image.ToTensor()[0]);
    }

    [Fact]
    public void The_ink_box_is_the_strokes_wherever_they_lie()
    {
        using ScanImage scan = SignatureScans.Create(offsetX: 150);
        SignatureImage image = SignaturePreprocessor.Prepare(scan);

        Rect a = SignatureScans.StrokeArea;
        PixelBox box = image.InkBox;
        Assert.InRange(box.X, a.X + 150 - 12, a.X + 150 + 2);
        Assert.InRange(box.Right, a.Right + 150 - 2, a.Right + 150 + 12);
        Assert.InRange(box.Y, a.Y - 12, a.Y + 12);
        Assert.InRange(box.Bottom, a.Bottom - 12, a.Bottom + 12);
    }

    [Fact]
    public void Box_lines_a_security_pattern_and_a_red_seal_over_the_signature_are_removed()
    {
        using ScanImage clean = SignatureScans.Create();
        using ScanImage cluttered = SignatureScans.Create(pattern: true, boxLines: true, redSeal: true);
        SignatureImage want = SignaturePreprocessor.Prepare(clean);
        SignatureImage got = SignaturePreprocessor.Prepare(cluttered);

        Assert.True(InkOverlap(want, got) > 0.85, $"ink overlap {InkOverlap(want, got):F3}");
        Assert.InRange(got.InkBox.X, SignatureScans.StrokeArea.X - 12, SignatureScans.StrokeArea.X + 2);
        Assert.InRange(got.InkBox.Y, SignatureScans.StrokeArea.Y - 12, SignatureScans.StrokeArea.Y + 12);
    }

    [Fact]
    public void Without_line_removal_the_clutter_would_have_moved_the_crop()
    {
        // Guards the test above: the lines span the whole scan, so a crop that kept them would not
        // start near the strokes.
        using ScanImage cluttered = SignatureScans.Create(boxLines: true);
        SignatureImage got = SignaturePreprocessor.Prepare(cluttered);
        Assert.True(got.InkBox.X > 200 && got.InkBox.Y > 100, $"ink box {got.InkBox}");
    }

    [Fact]
    public void A_faint_pen_and_a_heavy_pen_give_the_same_ink_levels()
    {
        using ScanImage faint = SignatureScans.Create(pen: new Scalar(170, 165, 160));
        using ScanImage heavy = SignatureScans.Create(pen: new Scalar(20, 20, 20));
        SignatureImage a = SignaturePreprocessor.Prepare(faint);
        SignatureImage b = SignaturePreprocessor.Prepare(heavy);

        double meanA = MeanInk(a), meanB = MeanInk(b);
        Assert.True(Math.Abs(meanA - meanB) < 0.1 * meanB, $"mean ink {meanA:F4} vs {meanB:F4}");
        Assert.True(InkOverlap(a, b) > 0.85);
    }

    [Fact]
    public void A_signature_in_red_ink_is_kept_when_there_is_no_other_ink()
    {
        using ScanImage red = SignatureScans.Create(pen: new Scalar(40, 40, 220));
        using ScanImage blue = SignatureScans.Create();
        Assert.True(InkOverlap(SignaturePreprocessor.Prepare(red), SignaturePreprocessor.Prepare(blue)) > 0.85);
    }

    [Fact]
    public void A_region_without_ink_is_refused()
    {
        using ScanImage scan = SignatureScans.Create(pattern: true, boxLines: true);
        // Only the security pattern; then the pattern with a box's corner lines.
        var e = Assert.Throws<ScanRejectedException>(() => SignaturePreprocessor.Prepare(scan, new PixelBox(700, 0, 190, 55)));
        Assert.Equal("region", e.Field);
        Assert.Throws<ScanRejectedException>(() => SignaturePreprocessor.Prepare(scan, new PixelBox(0, 0, 240, 115)));
        var small = Assert.Throws<ScanRejectedException>(() => SignaturePreprocessor.Prepare(scan, new PixelBox(895, 395, 40, 40)));
        Assert.Equal(ScanProblem.TooSmall, small.Problem);
    }

    [Fact]
    public void A_region_takes_only_its_own_ink()
    {
        using ScanImage scan = SignatureScans.Create();
        Rect a = SignatureScans.StrokeArea;
        SignatureImage left = SignaturePreprocessor.Prepare(scan, new PixelBox(0, 0, a.X + a.Width / 2, SignatureScans.Height));
        Assert.True(left.InkBox.Right <= a.X + a.Width / 2, $"ink box {left.InkBox}");
    }

    private static (int X0, int Y0, int X1, int Y1) InkExtent(SignatureImage image)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = 0; y < SignatureImage.Height; y++)
        {
            for (int x = 0; x < SignatureImage.Width; x++)
            {
                if (image.Pixels[y * SignatureImage.Width + x] < 128)
                {
                    x0 = Math.Min(x0, x);
                    y0 = Math.Min(y0, y);
                    x1 = Math.Max(x1, x);
                    y1 = Math.Max(y1, y);
                }
            }
        }

        return (x0, y0, x1, y1);
    }

    /// <summary>Intersection over union of the inked pixels (below mid-grey), after a one-pixel tolerance.</summary>
    private static double InkOverlap(SignatureImage a, SignatureImage b)
    {
        int both = 0, either = 0;
        for (int y = 0; y < SignatureImage.Height; y++)
        {
            for (int x = 0; x < SignatureImage.Width; x++)
            {
                bool ia = Inked(a, x, y, 0), ib = Inked(b, x, y, 0);
                if (ia || ib)
                {
                    either++;
                    if ((ia && Inked(b, x, y, 1)) || (ib && Inked(a, x, y, 1)))
                    {
                        both++;
                    }
                }
            }
        }

        return either == 0 ? 0 : both / (double)either;
    }

    private static bool Inked(SignatureImage image, int x, int y, int reach)
    {
        for (int dy = -reach; dy <= reach; dy++)
        {
            for (int dx = -reach; dx <= reach; dx++)
            {
                int xx = x + dx, yy = y + dy;
                if ((uint)xx < SignatureImage.Width && (uint)yy < SignatureImage.Height && image.Pixels[yy * SignatureImage.Width + xx] < 128)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static double MeanInk(SignatureImage image) => image.ToTensor().Average();
}
