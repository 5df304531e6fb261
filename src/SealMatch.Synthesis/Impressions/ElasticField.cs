namespace SealMatch.Synthesis;

/// <summary>
/// Smooth elastic displacement of the rubber (design frame, mm): a sum of six random plane-wave modes
/// with wavelengths of 1–2× the scale, sampled on a 1 mm grid (footprint plus 2 mm) and scaled so that the
/// largest grid magnitude equals the requested maximum. Bilinear interpolation between
/// grid nodes is a convex combination, so no point exceeds that maximum.
/// </summary>
public sealed class ElasticField
{
    private const double Step = 1.0;
    private readonly double[] _ux;
    private readonly double[] _uy;
    private readonly int _n;
    private readonly int _m;
    private readonly double _x0;
    private readonly double _y0;

    /// <summary>Builds the field for a footprint of the given size.</summary>
    public ElasticField(double widthMm, double heightMm, double maxMm, double scaleMm, ulong seed)
    {
        _x0 = -(widthMm / 2) - 2;
        _y0 = -(heightMm / 2) - 2;
        _n = (int)Math.Ceiling((widthMm + 4) / Step) + 1;
        _m = (int)Math.Ceiling((heightMm + 4) / Step) + 1;
        _ux = new double[_n * _m];
        _uy = new double[_n * _m];
        if (maxMm <= 0)
        {
            return;
        }

        var rng = new SynthRandom(seed);
        const int Modes = 6;
        var kx = new double[Modes];
        var ky = new double[Modes];
        var ax = new double[Modes];
        var ay = new double[Modes];
        var ph = new double[Modes];
        for (int k = 0; k < Modes; k++)
        {
            double lambda = scaleMm * rng.Uniform(1, 2);
            double dir = rng.Uniform(0, 2 * Math.PI);
            kx[k] = 2 * Math.PI * Math.Cos(dir) / lambda;
            ky[k] = 2 * Math.PI * Math.Sin(dir) / lambda;
            double pol = rng.Uniform(0, 2 * Math.PI);
            double amp = rng.Uniform(0.3, 1.0);
            ax[k] = amp * Math.Cos(pol);
            ay[k] = amp * Math.Sin(pol);
            ph[k] = rng.Uniform(0, 2 * Math.PI);
        }

        double max = 0;
        for (int j = 0; j < _m; j++)
        {
            for (int i = 0; i < _n; i++)
            {
                double x = _x0 + (i * Step);
                double y = _y0 + (j * Step);
                double ux = 0;
                double uy = 0;
                for (int k = 0; k < Modes; k++)
                {
                    double s = Math.Sin((kx[k] * x) + (ky[k] * y) + ph[k]);
                    ux += ax[k] * s;
                    uy += ay[k] * s;
                }

                _ux[(j * _n) + i] = ux;
                _uy[(j * _n) + i] = uy;
                max = Math.Max(max, Math.Sqrt((ux * ux) + (uy * uy)));
            }
        }

        double f = max > 0 ? maxMm / max : 0;
        for (int i = 0; i < _ux.Length; i++)
        {
            _ux[i] *= f;
            _uy[i] *= f;
        }
    }

    /// <summary>Displacement (mm) at a design-frame point (mm); constant beyond the grid.</summary>
    public (double Ux, double Uy) At(double x, double y)
    {
        double gx = Math.Clamp((x - _x0) / Step, 0, _n - 1.000001);
        double gy = Math.Clamp((y - _y0) / Step, 0, _m - 1.000001);
        int i = (int)gx;
        int j = (int)gy;
        double fx = gx - i;
        double fy = gy - j;
        int p = (j * _n) + i;
        double ux = Lerp(Lerp(_ux[p], _ux[p + 1], fx), Lerp(_ux[p + _n], _ux[p + _n + 1], fx), fy);
        double uy = Lerp(Lerp(_uy[p], _uy[p + 1], fx), Lerp(_uy[p + _n], _uy[p + _n + 1], fx), fy);
        return (ux, uy);
    }

    /// <summary>Largest displacement magnitude over all grid nodes (an upper bound for every point).</summary>
    public double MaxMagnitude()
    {
        double max = 0;
        for (int i = 0; i < _ux.Length; i++)
        {
            max = Math.Max(max, Math.Sqrt((_ux[i] * _ux[i]) + (_uy[i] * _uy[i])));
        }

        return max;
    }

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);
}
