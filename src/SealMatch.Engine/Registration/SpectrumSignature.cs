using System.Numerics.Tensors;
using OpenCvSharp;

namespace SealMatch.Engine.Registration;

/// <summary>
/// The angular distribution of a seal's Fourier magnitude in a few frequency bands. The magnitude
/// spectrum does not change when the seal moves, and turns when it turns, so comparing signatures
/// over all angular shifts estimates the rotation (modulo a half turn) without knowing the centre:
/// what a partial impression, whose outline centre is off, needs.
/// </summary>
internal sealed class SpectrumSignature
{
    /// <summary>Sampling of the spectrum's image: 0.5 mm per pixel over 64 mm.</summary>
    public const double MillimetresPerPixel = 0.5;

    private const int Size = 128;
    private const int AngularBins = 180;
    private static readonly (int From, int To)[] Bands = [(4, 8), (8, 16), (16, 32), (32, 56)];
    private static readonly Lazy<Mat> Window = new(() =>
    {
        var window = new Mat();
        Cv2.CreateHanningWindow(window, new Size(Size, Size), MatType.CV_32F);
        return window;
    });

    private static readonly Lazy<Mat> ZeroPlane = new(() => new Mat(Size, Size, MatType.CV_32F, Scalar.All(0)));

    private SpectrumSignature(float[][] bands) => BandValues = bands;

    /// <summary>Per band, zero-mean unit-norm energy over 180 one-degree angular bins (page counter-clockwise).</summary>
    public float[][] BandValues { get; }

    /// <summary>Signature of a canonical strength image (0.1 mm per pixel) about its centre.</summary>
    public static SpectrumSignature Compute(Mat canonicalStrength)
    {
        using Mat small = SealRegistrar.Downsample(canonicalStrength, Specimens.CanonicalSeal.MillimetresPerPixel / MillimetresPerPixel);
        using var tile = new Mat(Size, Size, MatType.CV_32F, Scalar.All(0));
        int w = Math.Min(small.Cols, Size), h = Math.Min(small.Rows, Size);
        var from = new Rect((small.Cols - w) / 2, (small.Rows - h) / 2, w, h);
        var to = new Rect((Size - w) / 2, (Size - h) / 2, w, h);
        using (var source = new Mat(small, from))
        using (var target = new Mat(tile, to))
        {
            source.ConvertTo(target, MatType.CV_32F, 1.0 / 255);
        }

        Cv2.Multiply(tile, Window.Value, tile);

        // A complex input with a zero imaginary plane: OpenCV's real-input path with ComplexOutput
        // took 1.0–1.2 ms for this 128 × 128 tile, the complex-to-complex transform 0.06 ms (same result).
        using var complexTile = new Mat();
        Cv2.Merge([tile, ZeroPlane.Value], complexTile);
        using var spectrum = new Mat();
        Cv2.Dft(complexTile, spectrum);
        Mat[] planes = Cv2.Split(spectrum);
        using var magnitude = new Mat();
        Cv2.Magnitude(planes[0], planes[1], magnitude);
        foreach (Mat p in planes)
        {
            p.Dispose();
        }

        // log(1 + |F|), managed: Cv2.Log took a tenth of a millisecond on 16 k values.
        Span<float> logMagnitude = magnitude.AsSpan<float>();
        TensorPrimitives.Add(logMagnitude, 1f, logMagnitude);
        TensorPrimitives.Log(logMagnitude, logMagnitude);
        using Mat centred = Centre(magnitude);
        using var polar = new Mat();
        Cv2.WarpPolar(centred, polar, new Size(Size / 2, 360), new Point2f(Size / 2f, Size / 2f), Size / 2.0, InterpolationFlags.Linear, WarpPolarMode.Linear);

        // Rows run clockwise on screen; fold the half turns (the magnitude is symmetric) and make
        // bins run counter-clockwise on the page like every other angle in the engine.
        ReadOnlySpan<float> values = polar.AsSpan<float>();
        var bands = new float[Bands.Length][];
        for (int b = 0; b < Bands.Length; b++)
        {
            var band = new float[AngularBins];
            for (int row = 0; row < 360; row++)
            {
                int bin = ((360 - row) % 360) % AngularBins;
                float sum = 0;
                for (int r = Bands[b].From; r < Bands[b].To; r++)
                {
                    sum += values[row * (Size / 2) + r];
                }

                band[bin] += sum;
            }

            float mean = band.Average();
            double norm = 0;
            for (int i = 0; i < band.Length; i++)
            {
                band[i] -= mean;
                norm += band[i] * band[i];
            }

            float scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
            for (int i = 0; i < band.Length; i++)
            {
                band[i] *= scale;
            }

            bands[b] = band;
        }

        return new SpectrumSignature(bands);
    }

    /// <summary>
    /// The most likely rotations (degrees, page counter-clockwise, 0..180) of <paramref name="impression"/>
    /// relative to <paramref name="specimen"/>, best first, with their correlation (−1..1).
    /// </summary>
    public static List<(double Degrees, double Score)> Rotations(SpectrumSignature specimen, SpectrumSignature impression, int count)
    {
        var scores = new double[AngularBins];
        for (int k = 0; k < AngularBins; k++)
        {
            double total = 0;
            for (int b = 0; b < Bands.Length; b++)
            {
                float[] s = specimen.BandValues[b], i = impression.BandValues[b];
                for (int a = 0; a < AngularBins; a++)
                {
                    total += s[a] * i[(a + k) % AngularBins];
                }
            }

            scores[k] = total / Bands.Length;
        }

        var peaks = new List<(double, double)>();
        foreach (int k in Enumerable.Range(0, AngularBins).OrderByDescending(k => scores[k]))
        {
            if (peaks.All(p => Math.Min(Math.Abs(p.Item1 - k), AngularBins - Math.Abs(p.Item1 - k)) >= 8))
            {
                peaks.Add((k, scores[k]));
                if (peaks.Count == count)
                {
                    break;
                }
            }
        }

        return peaks;
    }

    /// <summary>Moves the zero frequency to the centre (swaps quadrants).</summary>
    private static Mat Centre(Mat magnitude)
    {
        var result = new Mat(magnitude.Size(), magnitude.Type());
        int cx = magnitude.Cols / 2, cy = magnitude.Rows / 2;
        (Rect From, Rect To)[] moves =
        [
            (new Rect(0, 0, cx, cy), new Rect(cx, cy, cx, cy)),
            (new Rect(cx, cy, cx, cy), new Rect(0, 0, cx, cy)),
            (new Rect(cx, 0, cx, cy), new Rect(0, cy, cx, cy)),
            (new Rect(0, cy, cx, cy), new Rect(cx, 0, cx, cy)),
        ];
        foreach ((Rect f, Rect t) in moves)
        {
            using var source = new Mat(magnitude, f);
            using var target = new Mat(result, t);
            source.CopyTo(target);
        }

        return result;
    }
}
