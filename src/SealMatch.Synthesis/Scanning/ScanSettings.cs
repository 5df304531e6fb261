namespace SealMatch.Synthesis;

/// <summary>
/// How a document is scanned. Skew is counter-clockwise positive as seen on screen (the same sign as
/// seal rotations) and rotates the document about the image centre; colour cast is
/// out = in · gain + offset per channel (sRGB levels); the illumination factor varies linearly from
/// 1 − g/2 to 1 + g/2 across the page in the gradient's direction.
/// </summary>
public sealed record ScanSettings
{
    /// <summary>Output resolution (200, 300 or 600 typical).</summary>
    public int Dpi { get; init; } = 300;

    /// <summary>File format.</summary>
    public ImageFormat Format { get; init; } = ImageFormat.Jpeg;

    /// <summary>JPEG quality (60–95).</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>Write the resolution into the file (false for the ≈ 20 % of real files without it).</summary>
    public bool WriteDpiMetadata { get; init; } = true;

    /// <summary>Per-channel gain, R.</summary>
    public double GainR { get; init; } = 1;

    /// <summary>Per-channel gain, G.</summary>
    public double GainG { get; init; } = 1;

    /// <summary>Per-channel gain, B.</summary>
    public double GainB { get; init; } = 1;

    /// <summary>Per-channel offset in levels, R.</summary>
    public double OffsetR { get; init; }

    /// <summary>Per-channel offset in levels, G.</summary>
    public double OffsetG { get; init; }

    /// <summary>Per-channel offset in levels, B.</summary>
    public double OffsetB { get; init; }

    /// <summary>Total relative illumination change across the page (0–0.08).</summary>
    public double IlluminationGradient { get; init; }

    /// <summary>Direction of increasing illumination, degrees counter-clockwise from +x.</summary>
    public double IlluminationDirectionDeg { get; init; }

    /// <summary>Optical blur σ in output pixels (0.4–0.8).</summary>
    public double BlurSigmaPx { get; init; } = 0.5;

    /// <summary>Sensor noise σ in levels.</summary>
    public double NoiseSigma { get; init; } = 1.5;

    /// <summary>Skew of the document, degrees (±1.5).</summary>
    public double SkewDeg { get; init; }

    /// <summary>A clean scan: no cast, gradient, skew or noise; PNG with metadata.</summary>
    public static ScanSettings Clean(int dpi) => new() { Dpi = dpi, Format = ImageFormat.Png, BlurSigmaPx = 0, NoiseSigma = 0 };

    /// <summary>
    /// A realistic counter scan: JPEG (75 %, quality 60–95) or PNG, dpi metadata in 80 %, gains 0.9–1.08,
    /// offsets ±6 levels, illumination gradient 0–8 %, blur σ 0.4–0.8 px, noise σ 0.8–3 levels, skew ±1.5°.
    /// </summary>
    public static ScanSettings Random(SynthRandom rng, int dpi)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return new ScanSettings
        {
            Dpi = dpi,
            Format = rng.Bernoulli(0.75) ? ImageFormat.Jpeg : ImageFormat.Png,
            JpegQuality = rng.Int(60, 96),
            WriteDpiMetadata = rng.Bernoulli(0.8),
            GainR = rng.Uniform(0.9, 1.08),
            GainG = rng.Uniform(0.9, 1.08),
            GainB = rng.Uniform(0.9, 1.08),
            OffsetR = rng.Uniform(-6, 6),
            OffsetG = rng.Uniform(-6, 6),
            OffsetB = rng.Uniform(-6, 6),
            IlluminationGradient = rng.Uniform(0, 0.08),
            IlluminationDirectionDeg = rng.Uniform(0, 360),
            BlurSigmaPx = rng.Uniform(0.4, 0.8),
            NoiseSigma = rng.Uniform(0.8, 3),
            SkewDeg = rng.Uniform(-1.5, 1.5),
        };
    }
}
