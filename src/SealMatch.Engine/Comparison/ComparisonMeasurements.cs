namespace SealMatch.Engine.Comparison;

/// <summary>
/// What comparing one impression with one specimen measured, after registration. These are the
/// component scores reported to reviewers and the inputs of the calibrated probability.
/// </summary>
/// <remarks>
/// "Gain" is impression ink with no specimen ink nearby (a genuine seal does not grow strokes);
/// "loss" is specimen ink with no impression ink nearby (genuine impressions fade and break, so loss
/// weighs less). Pixels where either image is unknown (print over the seal, outside the scan,
/// another overlapping seal) are left out of every measurement.
/// </remarks>
public sealed record ComparisonMeasurements
{
    /// <summary>Fraction of impression ink farther than 0.2 mm from specimen ink.</summary>
    public required double GainNear { get; init; }

    /// <summary>Fraction of impression ink farther than 0.4 mm from specimen ink.</summary>
    public required double GainFar { get; init; }

    /// <summary>Fraction of specimen ink farther than 0.2 mm from impression ink.</summary>
    public required double LossNear { get; init; }

    /// <summary>Fraction of specimen ink farther than 0.4 mm from impression ink.</summary>
    public required double LossFar { get; init; }

    /// <summary>Area (mm²) of the largest connected patch of gained ink: a displaced stroke leaves a sliver.</summary>
    public required double LargestGainMm2 { get; init; }

    /// <summary>Area (mm²) of ink that moved: the largest patch of gained ink matched by as much lost ink within 1 mm (a displaced stroke, not fading).</summary>
    public required double LargestDisplacedLossMm2 { get; init; }

    /// <summary>Highest fraction of gained ink within any 3 mm cell holding ink: local differences count even when the rest matches.</summary>
    public required double MaxCellGain { get; init; }

    /// <summary>Largest local displacement (mm) of a 4 mm window against its neighbours' displacement: a shifted or turned character.</summary>
    public required double MaxLocalShiftMm { get; init; }

    /// <summary>Median local displacement (mm) over all windows: smooth rubber deformation and residual misregistration.</summary>
    public required double MedianLocalShiftMm { get; init; }

    /// <summary>Normalised cross-correlation of ink strength over the observed area.</summary>
    public required double Correlation { get; init; }

    /// <summary>Fraction of the specimen's ink area that was observable in the impression (not occluded, not outside).</summary>
    public required double Coverage { get; init; }

    /// <summary>Bit-mask overlap achieved by the coarse registration (0..1).</summary>
    public required double RegistrationOverlap { get; init; }

    /// <summary>Absolute deviation of the registered scale from 1.</summary>
    public required double ScaleDeviation { get; init; }

    /// <summary>Relative high-frequency energy inside the impression's strokes (halftone or dither texture of a printed copy).</summary>
    public required double InkTexture { get; init; }

    /// <summary>Variation of the ink from one 3 mm cell of the seal to another (stamp pressure varies; a print is flat).</summary>
    public required double InkVariation { get; init; }

    /// <summary>Edge sharpness of the impression's strokes relative to the specimen's (a copy has softer edges).</summary>
    public required double EdgeSharpnessRatio { get; init; }

    /// <summary>Largest coherent displacement (mm) of a group of neighbouring windows against the smooth deformation of the whole seal: a character moved as a whole.</summary>
    public required double LocalShiftClusterMm { get; init; }

    /// <summary>Ink colour of the impression minus the specimen's: blue/green density ratio.</summary>
    public required double HueShiftBlue { get; init; }

    /// <summary>Ink colour of the impression minus the specimen's: red/green density ratio.</summary>
    public required double HueShiftRed { get; init; }

    /// <summary>The impression's own red/green density ratio (printer reds carry some red absorption).</summary>
    public required double ImpressionRedToGreen { get; init; }

    /// <summary>The measurements as a vector, in <see cref="FeatureNames"/> order.</summary>
    public double[] ToVector() =>
    [
        GainNear, GainFar, LossNear, LossFar, LargestGainMm2, LargestDisplacedLossMm2, MaxCellGain,
        MaxLocalShiftMm, MedianLocalShiftMm, Correlation, Coverage, RegistrationOverlap, ScaleDeviation,
        InkTexture, InkVariation, EdgeSharpnessRatio, LocalShiftClusterMm, HueShiftBlue, HueShiftRed, ImpressionRedToGreen,
    ];

    /// <summary>Names of the entries of <see cref="ToVector"/>.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "gain_near", "gain_far", "loss_near", "loss_far", "largest_gain_mm2", "largest_displaced_loss_mm2", "max_cell_gain",
        "max_local_shift_mm", "median_local_shift_mm", "correlation", "coverage", "registration_overlap", "scale_deviation",
        "ink_texture", "ink_variation", "edge_sharpness_ratio", "local_shift_cluster_mm", "hue_shift_blue", "hue_shift_red", "impression_red_to_green",
    ];
}
