using SealMatch.Engine.Geometry;

namespace SealMatch.Engine.Registration;

/// <summary>
/// Where and how a specimen lies on a slip: its centre in slip pixels, its rotation (degrees,
/// counter-clockwise on the page, 0..360) and its scale relative to the specimen.
/// </summary>
public readonly record struct SealPose(PointD CentrePx, double RotationDeg, double Scale);
