using SealMatch.Engine.Geometry;
using SealMatch.Engine.Registration;

namespace SealMatch.Engine.Tests.Registration;

public class SimilarityTests
{
    private static readonly PointD Centre = new(200, 180);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(37.5, 0.97)]
    [InlineData(-150, 1.04)]
    public void FromPoseRoundTrips(double rotation, double scale)
    {
        var t = Similarity.FromPose(rotation, scale, Centre, new PointD(250, 160));
        Assert.Equal(rotation, t.RotationDeg, 9);
        Assert.Equal(scale, t.Scale, 9);
        PointD mapped = t.Map(Centre);
        Assert.Equal(250, mapped.X, 9);
        Assert.Equal(160, mapped.Y, 9);
    }

    [Fact]
    public void CounterClockwiseOnThePageMovesTheXAxisUpwards()
    {
        // A point right of the centre, turned 90° counter-clockwise as seen on the page, ends above it (smaller y).
        var t = Similarity.FromPose(90, 1, Centre, Centre);
        PointD p = t.Map(new PointD(Centre.X + 10, Centre.Y));
        Assert.Equal(Centre.X, p.X, 9);
        Assert.Equal(Centre.Y - 10, p.Y, 9);
    }

    [Fact]
    public void MatrixAgreesWithMap()
    {
        var t = Similarity.FromPose(23, 1.02, Centre, new PointD(190, 205));
        using OpenCvSharp.Mat m = t.ToMat();
        var p = new PointD(123, 77);
        PointD expected = t.Map(p);
        double x = m.At<double>(0, 0) * p.X + m.At<double>(0, 1) * p.Y + m.At<double>(0, 2);
        double y = m.At<double>(1, 0) * p.X + m.At<double>(1, 1) * p.Y + m.At<double>(1, 2);
        Assert.Equal(expected.X, x, 9);
        Assert.Equal(expected.Y, y, 9);
    }

    [Fact]
    public void ComposingWithAnUpdateAndItsInverseRestoresTheTransform()
    {
        var t = Similarity.FromPose(12, 1.01, Centre, new PointD(210, 170));

        // W ∘ W(Δ)⁻¹ then ∘ W(Δ): composing the update's inverse by hand must give W back.
        Similarity updated = t.ComposeInverse(0.01, -0.02, 1.5, -0.5);
        var delta = new Similarity(0.01, -0.02, 1.5, -0.5, Centre);
        var p = new PointD(260, 140);
        PointD back = updated.Map(delta.Map(p));
        PointD direct = t.Map(p);
        Assert.Equal(direct.X, back.X, 6);
        Assert.Equal(direct.Y, back.Y, 6);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void RescalingKeepsPixelCentresConsistent(double factor)
    {
        var t = Similarity.FromPose(70, 1.03, Centre, new PointD(230, 150));
        Similarity coarse = t.AtScale(factor);
        var p = new PointD(150, 120);

        // Mapping in the coarse grid equals mapping in the fine grid then converting.
        PointD viaCoarse = coarse.Map(Similarity.ScalePoint(p, factor));
        PointD viaFine = Similarity.ScalePoint(t.Map(p), factor);
        Assert.Equal(viaFine.X, viaCoarse.X, 9);
        Assert.Equal(viaFine.Y, viaCoarse.Y, 9);
        Similarity back = coarse.AtScale(1 / factor);
        Assert.Equal(t.Tx, back.Tx, 9);
        Assert.Equal(t.SpecimenCentre.X, back.SpecimenCentre.X, 9);
    }
}
