using OpenCvSharp;
using SealMatch.Engine.Geometry;

namespace SealMatch.Engine.Registration;

/// <summary>
/// A similarity transform from specimen canvas pixels to impression canvas pixels, kept as
/// <c>p_imp = L · (p_spec − c_spec) + c_spec + t</c> with <c>L = [[1+a, b], [−b, 1+a]]</c>.
/// In image coordinates (y down) that is a counter-clockwise turn on the page by atan2(b, 1+a).
/// </summary>
internal readonly record struct Similarity(double A, double B, double Tx, double Ty, PointD SpecimenCentre)
{
    public double Scale => Math.Sqrt((1 + A) * (1 + A) + B * B);

    public double RotationDeg => Math.Atan2(B, 1 + A) * 180 / Math.PI;

    /// <summary>Builds the transform from rotation (page counter-clockwise), scale and the position of the specimen centre in the impression.</summary>
    public static Similarity FromPose(double rotationDeg, double scale, PointD specimenCentre, PointD centreInImpression)
    {
        double t = rotationDeg * Math.PI / 180;
        return new Similarity(scale * Math.Cos(t) - 1, scale * Math.Sin(t), centreInImpression.X - specimenCentre.X, centreInImpression.Y - specimenCentre.Y, specimenCentre);
    }

    public PointD Map(PointD p)
    {
        double x = p.X - SpecimenCentre.X, y = p.Y - SpecimenCentre.Y;
        return new PointD((1 + A) * x + B * y + SpecimenCentre.X + Tx, -B * x + (1 + A) * y + SpecimenCentre.Y + Ty);
    }

    /// <summary>Where the specimen's centre lands in the impression canvas.</summary>
    public PointD MappedCentre => new(SpecimenCentre.X + Tx, SpecimenCentre.Y + Ty);

    /// <summary>
    /// The same transform between the canvases resampled by <paramref name="factor"/> (coarser levels
    /// have factor &lt; 1), with pixel centres mapped as resampling does: q = (p + ½)·factor − ½.
    /// </summary>
    public Similarity AtScale(double factor) =>
        new(A, B, Tx * factor, Ty * factor, ScalePoint(SpecimenCentre, factor));

    /// <summary>Maps a pixel coordinate to the image resampled by <paramref name="factor"/>.</summary>
    public static PointD ScalePoint(PointD p, double factor) => new((p.X + 0.5) * factor - 0.5, (p.Y + 0.5) * factor - 0.5);

    /// <summary>As the float affine map of the sampling kernels (specimen pixels to impression pixels, as <see cref="ToMat"/>).</summary>
    public Matching.AffineMap ToAffineMap()
    {
        (double m02, double m12) = Offsets();
        return new Matching.AffineMap((float)(1 + A), (float)B, (float)m02, (float)-B, (float)(1 + A), (float)m12);
    }

    /// <summary>The translation column of the 2×3 matrix: where pixel (0, 0) of the specimen lands.</summary>
    private (double M02, double M12) Offsets()
    {
        double cx = SpecimenCentre.X, cy = SpecimenCentre.Y;
        return (cx + Tx - (1 + A) * cx - B * cy, cy + Ty + B * cx - (1 + A) * cy);
    }

    /// <summary>As a 2×3 OpenCV matrix mapping specimen pixels to impression pixels.</summary>
    public Mat ToMat()
    {
        var m = new Mat(2, 3, MatType.CV_64FC1);
        (double m02, double m12) = Offsets();
        m.Set(0, 0, 1 + A);
        m.Set(0, 1, B);
        m.Set(0, 2, m02);
        m.Set(1, 0, -B);
        m.Set(1, 1, 1 + A);
        m.Set(1, 2, m12);
        return m;
    }

    /// <summary>
    /// Inverse-compositional update: <c>W ← W ∘ W(Δ)⁻¹</c>, where Δ is a small similarity about the specimen centre.
    /// </summary>
    public Similarity ComposeInverse(double da, double db, double dtx, double dty)
    {
        // W(Δ) = [[1+da, db], [-db, 1+da]] x + dt ; its inverse: Li = L⁻¹, ti = -Li·dt.
        double p = 1 + da, q = db, det = p * p + q * q;
        double i00 = p / det, i01 = -q / det, i10 = q / det, i11 = p / det;
        double itx = -(i00 * dtx + i01 * dty), ity = -(i10 * dtx + i11 * dty);

        // W(x) = L x + t (centred coordinates); W ∘ Wi (x) = L (Li x + ti) + t.
        double l00 = 1 + A, l01 = B, l10 = -B, l11 = 1 + A;
        double n00 = l00 * i00 + l01 * i10, n01 = l00 * i01 + l01 * i11;
        double ntx = l00 * itx + l01 * ity + Tx, nty = l10 * itx + l11 * ity + Ty;

        // A similarity stays a similarity: n00 = 1 + a', n01 = b'.
        return new Similarity(n00 - 1, n01, ntx, nty, SpecimenCentre);
    }
}
