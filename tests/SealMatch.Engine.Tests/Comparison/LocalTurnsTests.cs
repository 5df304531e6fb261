using OpenCvSharp;
using SealMatch.Engine.Comparison;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Specimens;
using Xunit;
using Xunit.Abstractions;

namespace SealMatch.Engine.Tests.Comparison;

/// <summary>
/// The turned-character measurement on drawn seals at 0.1 mm per pixel: a ring and a 3 × 3 block of
/// 6 mm letters. Turning one letter on its own must show; the same seal, or the whole seal turned a
/// little, must not.
/// </summary>
public sealed class LocalTurnsTests(ITestOutputHelper output)
{
    private const int Side = 400;
    private static readonly string[] Letters = ["K", "R", "E", "F", "A", "P", "N", "G", "H"];

    /// <summary>Draws the seal, with letter <paramref name="turned"/> (or none) turned by <paramref name="letterDeg"/> about its own centre, then the whole seal turned by <paramref name="sealDeg"/>.</summary>
    private static Mat Draw(int turned = -1, double letterDeg = 0, double sealDeg = 0, double ink = 220)
    {
        var canvas = new Mat(Side, Side, MatType.CV_8UC1, Scalar.All(0));
        Cv2.Circle(canvas, new Point(Side / 2, Side / 2), 175, Scalar.All(ink), 8, LineTypes.AntiAlias);
        for (int i = 0; i < Letters.Length; i++)
        {
            using var letter = new Mat(Side, Side, MatType.CV_8UC1, Scalar.All(0));
            int cx = 110 + 90 * (i % 3), cy = 110 + 90 * (i / 3);
            Cv2.PutText(letter, Letters[i], new Point(cx - 28, cy + 30), HersheyFonts.HersheySimplex, 2.2, Scalar.All(ink), 6, LineTypes.AntiAlias);
            if (i == turned)
            {
                using Mat turn = Cv2.GetRotationMatrix2D(new Point2f(cx, cy), letterDeg, 1);
                Cv2.WarpAffine(letter, letter, turn, letter.Size(), InterpolationFlags.Linear);
            }

            Cv2.Max(canvas, letter, canvas);
        }

        if (sealDeg != 0)
        {
            using Mat turn = Cv2.GetRotationMatrix2D(new Point2f(Side / 2f, Side / 2f), sealDeg, 1);
            Cv2.WarpAffine(canvas, canvas, turn, canvas.Size(), InterpolationFlags.Linear);
        }

        return canvas;
    }

    private static CanonicalSeal Specimen() =>
        new(Draw(), new Mat(Side, Side, MatType.CV_8UC1, Scalar.All(255)), new SealOutline(SealShapeKind.Round, new PointD(Side / 2.0, Side / 2.0), 360, 360, 0), 1, new InkHue(0, 0));

    private double Measure(Mat impression, Mat? observed = null)
    {
        using CanonicalSeal specimen = Specimen();
        LocalTurns.TurnWindow[] windows = LocalTurns.BuildWindows(specimen);
        Assert.True(windows.Length >= LocalTurns.MinimumWindows, $"only {windows.Length} windows");
        using Mat seen = observed ?? new Mat(Side, Side, MatType.CV_8UC1, Scalar.All(255));
        double turn = LocalTurns.Measure(windows, impression, seen);
        output.WriteLine($"{windows.Length} windows, turn {turn:F3}°");
        return turn;
    }

    [Fact]
    public void The_specimen_itself_has_no_turn()
    {
        using Mat same = Draw();
        Assert.InRange(Measure(same), 0, 0.3);
    }

    [Theory]
    [InlineData(4, 3.0)]
    [InlineData(-4, 3.0)]
    [InlineData(2.5, 1.5)]
    public void A_letter_turned_on_its_own_shows(double deg, double atLeast)
    {
        using Mat forged = Draw(turned: 4, letterDeg: deg);
        using Mat genuine = Draw(sealDeg: 1.0);
        double turn = Measure(forged);
        Assert.True(turn >= atLeast, $"turned {deg}°: measured {turn:F2}°");
        Assert.True(turn > 2 * Measure(genuine), $"turned {deg}°: {turn:F2}° against the genuine seal's {Measure(genuine):F2}°");
    }

    [Fact]
    public void The_whole_seal_turned_a_little_is_not_a_turned_letter()
    {
        using Mat turned = Draw(sealDeg: 1.5);
        Assert.InRange(Measure(turned), 0, 0.6);
    }

    [Fact]
    public void A_fainter_impression_measures_the_same()
    {
        using Mat faint = Draw(turned: 4, letterDeg: 4, ink: 140);
        Assert.InRange(Measure(faint), 3.0, 6.0);
    }

    [Fact]
    public void An_impression_without_ink_gives_no_evidence()
    {
        using var blank = new Mat(Side, Side, MatType.CV_8UC1, Scalar.All(0));
        Assert.Equal(LocalTurns.NoEvidenceDeg, Measure(blank));
    }

    [Fact]
    public void An_occluded_letter_is_not_measured()
    {
        // The turned letter lies under print: nothing there is observed, so nothing turns.
        using Mat forged = Draw(turned: 4, letterDeg: 5);
        var observed = new Mat(Side, Side, MatType.CV_8UC1, Scalar.All(255));
        Cv2.Rectangle(observed, new Rect(150, 150, 100, 100), Scalar.All(0), -1);
        Assert.InRange(Measure(forged, observed), 0, 0.6);
    }
}
