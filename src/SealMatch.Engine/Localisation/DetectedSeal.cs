using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;

namespace SealMatch.Engine.Localisation;

/// <summary>A seal impression found on a scan, in scan pixels.</summary>
/// <param name="Box">Axis-aligned box of the whole outline (also the part of a partial impression that is missing), clipped to the scan.</param>
/// <param name="Outline">Fitted outline in scan pixels.</param>
/// <param name="WidthMm">Outline width along its own axis, in millimetres.</param>
/// <param name="HeightMm">Outline height along its own axis, in millimetres.</param>
/// <param name="Ink">Ink colour searched for.</param>
/// <param name="Confidence">0..1: how strongly shape and ink evidence support a seal here.</param>
/// <param name="Source">Generic detector or specimen-guided search.</param>
/// <param name="GuidedBy">For specimen-guided detections, the index of the specimen that found it.</param>
public sealed record DetectedSeal(
    PixelBox Box,
    SealOutline Outline,
    double WidthMm,
    double HeightMm,
    InkColour Ink,
    double Confidence,
    DetectionSource Source,
    int? GuidedBy = null)
{
    /// <summary>Outline kind.</summary>
    public SealShapeKind Shape => Outline.Shape;

    /// <summary>Centre in scan pixels.</summary>
    public PointD Centre => Outline.Centre;
}
