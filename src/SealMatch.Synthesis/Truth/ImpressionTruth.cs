namespace SealMatch.Synthesis;

/// <summary>
/// Ground truth of one seal impression in an image. Pixel coordinates have pixel centres at integers,
/// x right, y down. <see cref="RotationDeg"/> maps the seal's design frame (upright, as designed) onto the
/// image: counter-clockwise positive as seen on screen (y-down image coordinates), i.e. a design point
/// (x, y) mm lands at centre + scale·(x·cos r + y·sin r, −x·sin r + y·cos r) pixels, apart from the
/// ≤ 0.12 mm elastic distortion. Scanner skew is included.
/// </summary>
/// <param name="Id">Identifier of the impression within its image.</param>
/// <param name="LayoutId">Carving that was stamped (a forgery has its own).</param>
/// <param name="DesignId">Design imitated or stamped.</param>
/// <param name="Kind">Kind of the stamped seal.</param>
/// <param name="CentreX">Seal centre x, pixels.</param>
/// <param name="CentreY">Seal centre y, pixels.</param>
/// <param name="RotationDeg">Rotation, degrees in (−180, 180].</param>
/// <param name="PixelsPerMm">Scale: pixels per millimetre of the seal.</param>
/// <param name="FootprintBox">Bounding box of the whole footprint, missing parts included.</param>
/// <param name="VisibleFraction">Fraction of the seal's ink area that received ink.</param>
/// <param name="Shape">Footprint shape.</param>
/// <param name="WidthMm">Footprint width.</param>
/// <param name="HeightMm">Footprint height.</param>
public sealed record ImpressionTruth(
    string Id,
    string LayoutId,
    string DesignId,
    SealKind Kind,
    double CentreX,
    double CentreY,
    double RotationDeg,
    double PixelsPerMm,
    PixelBox FootprintBox,
    double VisibleFraction,
    SealShape Shape,
    double WidthMm,
    double HeightMm)
{
    /// <summary>Normalises an angle to (−180, 180].</summary>
    public static double NormaliseDeg(double deg)
    {
        double a = deg % 360;
        if (a <= -180)
        {
            a += 360;
        }
        else if (a > 180)
        {
            a -= 360;
        }

        return a;
    }

    /// <summary>Where a design-frame point (mm) lands in the image (pixels), ignoring elastic distortion.</summary>
    public (double X, double Y) DesignToImage(double xMm, double yMm)
    {
        double t = RotationDeg * Math.PI / 180;
        double c = Math.Cos(t);
        double s = Math.Sin(t);
        return (CentreX + (PixelsPerMm * ((xMm * c) + (yMm * s))), CentreY + (PixelsPerMm * ((-xMm * s) + (yMm * c))));
    }
}
