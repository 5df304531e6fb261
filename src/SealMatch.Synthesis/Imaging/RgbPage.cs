using OpenCvSharp;
using SkiaSharp;

namespace SealMatch.Synthesis;

/// <summary>
/// A page being composed: 8-bit sRGB, 3 bytes per pixel (R, G, B), row-major, pixel centres at integers.
/// Printed layers are drawn with Skia; seal ink is applied here, in linear light.
/// </summary>
internal sealed class RgbPage
{
    public RgbPage(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>Copies an opaque RGBA8888 Skia bitmap of the same size.</summary>
    public static RgbPage FromBitmap(SKBitmap bitmap)
    {
        var page = new RgbPage(bitmap.Width, bitmap.Height);
        ReadOnlySpan<byte> src = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        bool bgra = bitmap.ColorType == SKColorType.Bgra8888;
        for (int y = 0; y < page.Height; y++)
        {
            ReadOnlySpan<byte> row = src.Slice(y * rowBytes, page.Width * 4);
            int o = y * page.Width * 3;
            for (int x = 0; x < page.Width; x++)
            {
                int s = x * 4;
                page.Pixels[o] = bgra ? row[s + 2] : row[s];
                page.Pixels[o + 1] = row[s + 1];
                page.Pixels[o + 2] = bgra ? row[s] : row[s + 2];
                o += 3;
            }
        }

        return page;
    }

    /// <summary>
    /// Multiplies the page by the ink's transmittance exp(−A·density) in linear light, with the impression's
    /// map placed so that its pixel (0, 0) lands on page pixel (offsetX, offsetY).
    /// </summary>
    public void ApplyInk(InkImpression impression, int offsetX, int offsetY, SealInk ink, float densityScale = 1f)
    {
        const int Levels = 2048;
        const float MaxDensity = 1.6f;
        var tr = new float[Levels + 1];
        var tg = new float[Levels + 1];
        var tb = new float[Levels + 1];
        for (int i = 0; i <= Levels; i++)
        {
            double d = i * MaxDensity / Levels;
            tr[i] = (float)Math.Exp(-ink.AbsorbanceR * d);
            tg[i] = (float)Math.Exp(-ink.AbsorbanceG * d);
            tb[i] = (float)Math.Exp(-ink.AbsorbanceB * d);
        }

        float[] lin = ColourSpace.ByteToLinear;
        ReadOnlySpan<float> den = impression.Density;
        float k = Levels / MaxDensity * densityScale;
        for (int y = 0; y < impression.Height; y++)
        {
            int py = y + offsetY;
            if (py < 0 || py >= Height)
            {
                continue;
            }

            for (int x = 0; x < impression.Width; x++)
            {
                int px = x + offsetX;
                float d = den[(y * impression.Width) + x];
                if (px < 0 || px >= Width || d <= 0.002f)
                {
                    continue;
                }

                int li = Math.Min(Levels, (int)((d * k) + 0.5f));
                int o = ((py * Width) + px) * 3;
                Pixels[o] = ColourSpace.LinearToByte(lin[Pixels[o]] * tr[li]);
                Pixels[o + 1] = ColourSpace.LinearToByte(lin[Pixels[o + 1]] * tg[li]);
                Pixels[o + 2] = ColourSpace.LinearToByte(lin[Pixels[o + 2]] * tb[li]);
            }
        }
    }

    /// <summary>Multiplies the page (in linear light) by an impression's transmittance planes placed at (offsetX, offsetY).</summary>
    public void ApplyTransmittance(RenderedImpression r, int offsetX, int offsetY)
    {
        float[] lin = ColourSpace.ByteToLinear;
        for (int y = 0; y < r.Height; y++)
        {
            int py = y + offsetY;
            if (py < 0 || py >= Height)
            {
                continue;
            }

            int row = y * r.Width;
            for (int x = 0; x < r.Width; x++)
            {
                int px = x + offsetX;
                int i = row + x;
                float tr = r.Tr[i];
                float tg = r.Tg[i];
                float tb = r.Tb[i];
                if (px < 0 || px >= Width || (tr > 0.999f && tg > 0.999f && tb > 0.999f))
                {
                    continue;
                }

                int o = ((py * Width) + px) * 3;
                Pixels[o] = ColourSpace.LinearToByte(lin[Pixels[o]] * tr);
                Pixels[o + 1] = ColourSpace.LinearToByte(lin[Pixels[o + 1]] * tg);
                Pixels[o + 2] = ColourSpace.LinearToByte(lin[Pixels[o + 2]] * tb);
            }
        }
    }

    /// <summary>An 8-bit BGR OpenCV copy (the caller disposes it).</summary>
    public Mat ToBgrMat()
    {
        var mat = new Mat(Height, Width, MatType.CV_8UC3);
        var bgr = new byte[Pixels.Length];
        for (int i = 0; i < Pixels.Length; i += 3)
        {
            bgr[i] = Pixels[i + 2];
            bgr[i + 1] = Pixels[i + 1];
            bgr[i + 2] = Pixels[i];
        }

        MatBytes.Write(mat, bgr);
        return mat;
    }
}
