namespace SealMatch.Synthesis;

/// <summary>
/// How one impression was stamped. Structural variation (pressure, missing part, elastic distortion,
/// stroke width) is fully determined by these values, so two impressions with equal conditions differ
/// only in the fine ink/paper texture drawn from the renderer's random stream.
/// <para>
/// Genuine ranges (<see cref="RandomGenuine"/>), part of the benchmark's honesty:
/// rotation 0–360° for half of the impressions and within ±25° of upright for the other half;
/// ink amount 0.35 (faint) … 1.4 (heavy), mostly near 1 with a long tail of faint impressions;
/// pressure a smooth multiplicative field (tilted plane plus 2–4 bumps of σ 4–12 mm) clamped to 0.5–1.3;
/// in 30 % of impressions a side cut removes all ink from 5–33 % of the seal area, with a soft
/// (0.3–1.2 mm) and ragged (0.2–1.2 mm amplitude) boundary in a random direction;
/// stroke width varies with local ink × pressure by up to ±20 % (a spatially varying threshold on the
/// rubber's distance field, heavy → wider, faint → thinner); ink bleed 0–0.08 mm; blur σ 0–0.04 mm;
/// multiplicative ink/paper texture at 0.05–0.2 mm scale with amplitude 0.06–0.22 and ink-starvation
/// holes where the ink is faint; edge roughness 0.005–0.02 mm; in 5 % a faint double-impression ghost
/// (0.15–0.6 mm offset, 15–35 % density, on one half of the seal); elastic displacement of the rubber as a
/// smooth vector field with wavelengths of 10–40 mm whose largest magnitude over the seal is exactly
/// <see cref="ElasticMaxMm"/>, uniform in 0.02–0.12 mm. Position on the page is chosen by the composer
/// (slip placement, or random within the margin of a single-seal image); the sub-pixel phase is here.
/// </para>
/// </summary>
public sealed record ImpressionConditions
{
    /// <summary>Largest genuine stroke-width change, as a fraction of the stroke width.</summary>
    public const double MaxGenuineStrokeChange = 0.20;

    /// <summary>Rotation of the seal on the paper: counter-clockwise positive as seen in y-down image coordinates, degrees.</summary>
    public double RotationDeg { get; init; }

    /// <summary>Sub-pixel phase of the seal centre in x, [0, 1) output pixels.</summary>
    public double PhaseX { get; init; }

    /// <summary>Sub-pixel phase of the seal centre in y, [0, 1) output pixels.</summary>
    public double PhaseY { get; init; }

    /// <summary>Ink on the rubber: 0.35 faint … 1 normal … 1.4 heavy.</summary>
    public double InkAmount { get; init; } = 1.0;

    /// <summary>Pressure over the seal (paper frame, relative to the seal centre).</summary>
    public PressureField Pressure { get; init; } = PressureField.Uniform;

    /// <summary>Missing part of the impression, or null for a complete one.</summary>
    public PartialCut? Cut { get; init; }

    /// <summary>Stroke-width change per unit of (ink × pressure − 1), clamped to ±<see cref="MaxGenuineStrokeChange"/>.</summary>
    public double StrokeGain { get; init; } = 0.3;

    /// <summary>Ink bleed into the paper, mm (edges grow by half of it, the rest is blur).</summary>
    public double BleedMm { get; init; }

    /// <summary>Gaussian blur σ of the ink, mm.</summary>
    public double BlurMm { get; init; }

    /// <summary>Correlation length of the ink/paper texture, mm.</summary>
    public double TextureScaleMm { get; init; } = 0.1;

    /// <summary>Relative amplitude (standard deviation) of the multiplicative texture.</summary>
    public double TextureAmplitude { get; init; } = 0.1;

    /// <summary>Standard deviation of the edge position noise, mm.</summary>
    public double EdgeRoughnessMm { get; init; } = 0.01;

    /// <summary>Largest elastic displacement of the rubber over the seal, mm (0 for none).</summary>
    public double ElasticMaxMm { get; init; }

    /// <summary>Shortest wavelength of the elastic field, mm (modes span 1–2× this).</summary>
    public double ElasticScaleMm { get; init; } = 15;

    /// <summary>A faint ghost from the stamp sliding or bouncing (5 % of genuine impressions), or null.</summary>
    public Smudge? Smudge { get; init; }

    /// <summary>Seed of the smooth random fields (elastic field, ragged cut boundary).</summary>
    public ulong FieldSeed { get; init; }

    /// <summary>An ideal impression: upright, full even ink, no distortion, faint texture only.</summary>
    public static ImpressionConditions Ideal { get; } = new() { TextureAmplitude = 0.03, EdgeRoughnessMm = 0, StrokeGain = 0 };

    /// <summary>A genuine impression as it occurs on slips (ranges in the type's remarks).</summary>
    public static ImpressionConditions RandomGenuine(SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double rotation = rng.Bernoulli(0.5) ? rng.Uniform(-180, 180) : rng.Uniform(-25, 25);
        double ink = rng.Bernoulli(0.8)
            ? Math.Clamp(rng.Normal(1.0, 0.16), 0.55, 1.4)
            : 0.35 + (0.45 * Math.Pow(rng.NextDouble(), 2));
        PartialCut? cut = rng.Bernoulli(0.3)
            ? new PartialCut(rng.Uniform(0, 360), rng.Uniform(0.05, 0.33), rng.Uniform(0.3, 1.2), rng.Uniform(0.2, 1.2))
            : null;
        PressureField pressure = PressureField.Random(rng, cut);
        return new ImpressionConditions
        {
            RotationDeg = rotation,
            PhaseX = rng.NextDouble(),
            PhaseY = rng.NextDouble(),
            InkAmount = ink,
            Pressure = pressure,
            Cut = cut,
            StrokeGain = rng.Uniform(0.2, 0.4),
            BleedMm = 0.08 * Math.Pow(rng.NextDouble(), 1.5),
            BlurMm = rng.Uniform(0, 0.04),
            TextureScaleMm = rng.Uniform(0.05, 0.2),
            TextureAmplitude = rng.Uniform(0.06, 0.22),
            EdgeRoughnessMm = rng.Uniform(0.005, 0.02),
            ElasticMaxMm = rng.Uniform(0.02, 0.12),
            ElasticScaleMm = rng.Uniform(10, 20),
            FieldSeed = rng.NextUInt64(),
            Smudge = rng.Bernoulli(0.05) ? new Smudge(rng.Uniform(0.15, 0.6), rng.Uniform(0, 360), rng.Uniform(0.15, 0.35), rng.Uniform(0, 360)) : null,
        };
    }

    /// <summary>
    /// A reserved specimen stamped with care: full ink (0.9–1.25), no missing part, pressure 0.8–1.2,
    /// rotation within ±8°, but still elastic (0.02–0.12 mm) and textured like any impression.
    /// </summary>
    public static ImpressionConditions RandomSpecimen(SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ImpressionConditions g = RandomGenuine(rng);
        return g with
        {
            RotationDeg = rng.Uniform(-8, 8),
            InkAmount = rng.Uniform(0.9, 1.25),
            Cut = null,
            Smudge = null,
            Pressure = PressureField.Random(rng, null, 0.12),
            TextureAmplitude = rng.Uniform(0.05, 0.14),
        };
    }
}

/// <summary>
/// Smooth multiplicative pressure field P(x, y) = 1 + TiltX·x + TiltY·y + Σ bumps, clamped to
/// [<see cref="Min"/>, <see cref="Max"/>]; coordinates in mm relative to the seal centre on the paper.
/// </summary>
/// <param name="TiltX">Gradient in x, per mm.</param>
/// <param name="TiltY">Gradient in y, per mm.</param>
/// <param name="Bumps">Gaussian bumps.</param>
public sealed record PressureField(double TiltX, double TiltY, IReadOnlyList<PressureBump> Bumps)
{
    /// <summary>Lowest pressure factor.</summary>
    public const double Min = 0.5;

    /// <summary>Highest pressure factor.</summary>
    public const double Max = 1.3;

    /// <summary>Even pressure.</summary>
    public static PressureField Uniform { get; } = new(0, 0, []);

    /// <summary>Pressure factor at (x, y) mm.</summary>
    public double At(double x, double y)
    {
        double p = 1 + (TiltX * x) + (TiltY * y);
        for (int i = 0; i < Bumps.Count; i++)
        {
            PressureBump b = Bumps[i];
            double dx = x - b.X;
            double dy = y - b.Y;
            p += b.Amplitude * Math.Exp(-((dx * dx) + (dy * dy)) / (2 * b.SigmaMm * b.SigmaMm));
        }

        return Math.Clamp(p, Min, Max);
    }

    /// <summary>
    /// A random field: a plane changing by up to ±<paramref name="maxTilt"/> over 20 mm (pressure falls off toward a
    /// missing side when there is one) and 2–4 bumps of amplitude ±0.2, σ 4–12 mm.
    /// </summary>
    public static PressureField Random(SynthRandom rng, PartialCut? cut, double maxTilt = 0.3)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double dir = cut is null ? rng.Uniform(0, 2 * Math.PI) : cut.DirectionDeg * Math.PI / 180;
        double mag = rng.Uniform(0, maxTilt) / 20;
        double sign = cut is null ? 1 : -1;
        var bumps = new List<PressureBump>();
        int n = rng.Int(2, 5);
        for (int i = 0; i < n; i++)
        {
            bumps.Add(new PressureBump(rng.Uniform(-15, 15), rng.Uniform(-15, 15), rng.Uniform(4, 12), rng.Uniform(-0.2, 0.2)));
        }

        // Direction angles are counter-clockwise from +x in y-down coordinates: unit vector (cos a, −sin a).
        return new PressureField(sign * mag * Math.Cos(dir), -sign * mag * Math.Sin(dir), bumps);
    }
}

/// <summary>
/// A double impression: a faint copy of the ink shifted by <see cref="OffsetMm"/> toward
/// <see cref="DirectionDeg"/> (paper frame), present on the half of the seal facing <see cref="SideDeg"/> and
/// fading across the centre. It adds ink where the rubber has none, as real slips and bounces do.
/// </summary>
/// <param name="OffsetMm">Shift of the ghost, 0.15–0.6 mm.</param>
/// <param name="DirectionDeg">Direction of the shift, counter-clockwise from +x on the page.</param>
/// <param name="Strength">Ghost density relative to the impression, 0.15–0.35.</param>
/// <param name="SideDeg">Side of the seal where the ghost shows.</param>
public sealed record Smudge(double OffsetMm, double DirectionDeg, double Strength, double SideDeg);

/// <summary>A Gaussian pressure bump.</summary>
/// <param name="X">Centre x, mm from the seal centre (paper frame).</param>
/// <param name="Y">Centre y, mm.</param>
/// <param name="SigmaMm">Width σ.</param>
/// <param name="Amplitude">Added pressure at the centre.</param>
public sealed record PressureBump(double X, double Y, double SigmaMm, double Amplitude);

/// <summary>
/// A missing side of the impression (the stamp tilted or the paper edge/a fold under it). The missing
/// region lies in direction <see cref="DirectionDeg"/> (counter-clockwise from +x as seen on the page,
/// i.e. unit vector (cos a, −sin a) in y-down coordinates, in the paper frame) beyond a cut line placed so
/// that <see cref="AreaFraction"/> of the footprint area is beyond it.
/// </summary>
/// <param name="DirectionDeg">Direction towards the missing side, paper frame.</param>
/// <param name="AreaFraction">Fraction of the footprint area without ink (0.05–0.33).</param>
/// <param name="SoftnessMm">Width of the fading transition.</param>
/// <param name="RaggednessMm">Amplitude of the boundary's waviness.</param>
public sealed record PartialCut(double DirectionDeg, double AreaFraction, double SoftnessMm, double RaggednessMm);
