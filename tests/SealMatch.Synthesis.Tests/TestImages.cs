using OpenCvSharp;

namespace SealMatch.Synthesis.Tests;

internal static class TestImages
{
    /// <summary>Tiles images (each fitted into a cell × cell square) into a sheet and writes it as PNG.</summary>
    public static void WriteSheet(IReadOnlyList<Mat> images, int columns, int cell, string path)
    {
        int rows = (images.Count + columns - 1) / columns;
        using var sheet = new Mat(rows * cell, columns * cell, MatType.CV_8UC3, Scalar.White);
        for (int i = 0; i < images.Count; i++)
        {
            Mat img = images[i];
            double f = Math.Min((double)cell / img.Width, (double)cell / img.Height);
            using var small = new Mat();
            Cv2.Resize(img, small, new Size(Math.Max(1, (int)(img.Width * f)), Math.Max(1, (int)(img.Height * f))), 0, 0, InterpolationFlags.Area);
            using Mat roi = sheet[new Rect((i % columns) * cell, (i / columns) * cell, small.Width, small.Height)];
            small.CopyTo(roi);
        }

        Cv2.ImWrite(path, sheet);
    }

    /// <summary>Draws impression footprints (green genuine, red forged, blue other), centres and regions.</summary>
    public static void DrawTruth(Mat img, DocumentTruth truth)
    {
        foreach (RegionTruth r in truth.Regions)
        {
            Scalar colour = r.Kind switch
            {
                "handwriting" => new Scalar(255, 0, 255),
                "red-print" => new Scalar(0, 140, 255),
                "signature-box" => new Scalar(0, 200, 200),
                "signature" => new Scalar(255, 0, 255),
                "specimen-box" => new Scalar(0, 200, 200),
                _ => new Scalar(160, 160, 160),
            };
            Cv2.Rectangle(img, new Rect((int)r.Box.X, (int)r.Box.Y, (int)r.Box.Width, (int)r.Box.Height), colour, 1);
        }

        foreach (DocumentImpressionTruth t in truth.Impressions)
        {
            Scalar colour = t.Label switch
            {
                ImpressionLabel.Genuine => new Scalar(0, 180, 0),
                ImpressionLabel.Forged => new Scalar(0, 0, 255),
                _ => new Scalar(255, 0, 0),
            };
            PixelBox b = t.Geometry.FootprintBox;
            Cv2.Rectangle(img, new Rect((int)b.X, (int)b.Y, (int)b.Width, (int)b.Height), colour, 3);
            (double ux, double uy) = t.Geometry.DesignToImage(0, -t.Geometry.HeightMm / 2);
            Cv2.Line(img, new Point((int)t.Geometry.CentreX, (int)t.Geometry.CentreY), new Point((int)ux, (int)uy), colour, 3);
        }
    }

    /// <summary>Decodes an encoded image to BGR.</summary>
    public static Mat Decode(ReadOnlyMemory<byte> encoded) => Cv2.ImDecode(encoded.ToArray(), ImreadModes.Color);
}

/// <summary>A decoded 8-bit BGR image in managed memory.</summary>
internal sealed class Bgr
{
    private Bgr(byte[] data, int width, int height)
    {
        Data = data;
        Width = width;
        Height = height;
    }

    public byte[] Data { get; }

    public int Width { get; }

    public int Height { get; }

    public static Bgr Decode(ReadOnlyMemory<byte> encoded)
    {
        using Mat m = Cv2.ImDecode(encoded.ToArray(), ImreadModes.Color);
        int w = m.Width;
        int h = m.Height;
        var data = new byte[w * h * 3];
        System.Runtime.InteropServices.Marshal.Copy(m.Data, data, 0, data.Length);
        return new Bgr(data, w, h);
    }

    public (byte B, byte G, byte R) this[int x, int y]
    {
        get
        {
            int o = ((y * Width) + x) * 3;
            return (Data[o], Data[o + 1], Data[o + 2]);
        }
    }

    /// <summary>Seal-red pixel: red well above both other channels and green low (pink paper tints do not qualify).</summary>
    public bool IsRed(int x, int y)
    {
        (byte b, byte g, byte r) = this[x, y];
        return r - Math.Max(b, g) > 70 && g < 150;
    }
}
