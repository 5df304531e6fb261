using OpenCvSharp;
using SealMatch.Engine.Geometry;

namespace SealMatch.Engine.Imaging;

/// <summary>Ink colour as optical-density ratios (blue/green, red/green); zero when there is too little ink to tell.</summary>
/// <param name="BlueToGreen">Blue density over green density.</param>
/// <param name="RedToGreen">Red density over green density.</param>
public readonly record struct InkHue(double BlueToGreen, double RedToGreen);

/// <summary>
/// The seal-ink view of (part of) a scan at a chosen scale: how much seal ink each pixel holds and
/// where something dark covers the paper so that the seal there is unknown. Owns native memory.
/// </summary>
public sealed class InkLayer : IDisposable
{
    internal InkLayer(Mat strength, Mat occlusion, double millimetresPerPixel, PixelBox sourceRegion, double sourceMillimetresPerPixel)
    {
        Strength = strength;
        Occlusion = occlusion;
        MillimetresPerPixel = millimetresPerPixel;
        SourceRegion = sourceRegion;
        SourceMillimetresPerPixel = sourceMillimetresPerPixel;
    }

    /// <summary>Seal-ink amount per pixel (8-bit; 0 none, 255 full ink or more).</summary>
    internal Mat Strength { get; }

    /// <summary>255 where dark print, handwriting or lines cover the paper (seal unknown there), else 0.</summary>
    internal Mat Occlusion { get; }

    /// <summary>Colour of the layer's strong seal ink.</summary>
    public InkHue Hue { get; init; }

    /// <summary>Scale of this layer.</summary>
    public double MillimetresPerPixel { get; }

    /// <summary>The region of the scan this layer covers, in scan pixels.</summary>
    public PixelBox SourceRegion { get; }

    /// <summary>Scale of the scan the layer was made from.</summary>
    public double SourceMillimetresPerPixel { get; }

    /// <summary>Width in layer pixels.</summary>
    public int Width => Strength.Cols;

    /// <summary>Height in layer pixels.</summary>
    public int Height => Strength.Rows;

    /// <summary>Maps a layer pixel coordinate to scan pixel coordinates.</summary>
    public PointD ToScan(PointD layerPoint)
    {
        double r = MillimetresPerPixel / SourceMillimetresPerPixel;
        return new PointD(SourceRegion.X + (layerPoint.X + 0.5) * r - 0.5, SourceRegion.Y + (layerPoint.Y + 0.5) * r - 0.5);
    }

    /// <summary>Maps a scan pixel coordinate to layer pixel coordinates.</summary>
    public PointD FromScan(PointD scanPoint)
    {
        double r = SourceMillimetresPerPixel / MillimetresPerPixel;
        return new PointD((scanPoint.X - SourceRegion.X + 0.5) * r - 0.5, (scanPoint.Y - SourceRegion.Y + 0.5) * r - 0.5);
    }

    /// <summary>Copies of the strength and occlusion planes (row-major bytes), for tools and tests.</summary>
    public (byte[] Strength, byte[] Occlusion) ToArrays()
    {
        Strength.GetArray(out byte[] s);
        Occlusion.GetArray(out byte[] o);
        return (s, o);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Strength.Dispose();
        Occlusion.Dispose();
    }
}
