using SkiaSharp;

namespace SealMatch.Evaluation.Tests.Plots;

internal static class PlotAssertions
{
    public static string TempPng(string name)
    {
        string directory = Path.Combine(Path.GetTempPath(), "sealmatch-evaluation-tests", Guid.NewGuid().ToString("N"));
        return Path.Combine(directory, name);
    }

    /// <summary>Decodes the PNG and checks its size and that it is not a blank canvas.</summary>
    public static SKBitmap DecodeAndCheck(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} was not written.");
        SKBitmap? bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        Assert.Equal(SKColors.White, bitmap.GetPixel(2, 2));

        int nonWhite = 0;
        for (int y = 0; y < height; y += 3)
        {
            for (int x = 0; x < width; x += 3)
            {
                if (bitmap.GetPixel(x, y) != SKColors.White)
                {
                    nonWhite++;
                }
            }
        }

        Assert.True(nonWhite > width * height / 9 / 100, $"Only {nonWhite} sampled pixels are not white.");
        return bitmap;
    }

    public static int CountNonWhite(SKBitmap bitmap, SKRect area)
    {
        int count = 0;
        for (int y = (int)area.Top; y < (int)area.Bottom; y++)
        {
            for (int x = (int)area.Left; x < (int)area.Right; x++)
            {
                if (bitmap.GetPixel(x, y) != SKColors.White)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Asserts that a pixel within one pixel of <paramref name="at"/> has <paramref name="expected"/>
    /// (the centre of a 3 px line is fully covered; the neighbourhood absorbs rounding of the position).
    /// </summary>
    public static void HasColourNear(SKBitmap bitmap, SKPoint at, SKColor expected)
    {
        int cx = (int)MathF.Floor(at.X);
        int cy = (int)MathF.Floor(at.Y);
        var seen = new List<SKColor>();
        for (int dy = -1; dy <= 1; dy++)
        {
            for (int dx = -1; dx <= 1; dx++)
            {
                SKColor actual = bitmap.GetPixel(cx + dx, cy + dy);
                if (Math.Abs(actual.Red - expected.Red) <= 12 && Math.Abs(actual.Green - expected.Green) <= 12 && Math.Abs(actual.Blue - expected.Blue) <= 12)
                {
                    return;
                }

                seen.Add(actual);
            }
        }

        Assert.Fail($"No pixel near ({at.X:F1}, {at.Y:F1}) has colour {expected}; saw {string.Join(", ", seen)}.");
    }
}
