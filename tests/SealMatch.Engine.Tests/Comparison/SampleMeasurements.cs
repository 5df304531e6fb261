using SealMatch.Engine.Comparison;

namespace SealMatch.Engine.Tests.Comparison;

/// <summary>Comparison measurements of a plausible genuine impression, for tests of the score models.</summary>
internal static class SampleMeasurements
{
    public static readonly ComparisonMeasurements Typical = new()
    {
        GainNear = 0.01, GainFar = 0.002, LossNear = 0.05, LossFar = 0.02, LargestGainMm2 = 0.1, LargestDisplacedLossMm2 = 0.05,
        MaxCellGain = 0.08, MaxLocalShiftMm = 0.12, MedianLocalShiftMm = 0.04, Correlation = 0.9, Coverage = 0.95,
        RegistrationOverlap = 0.9, ScaleDeviation = 0.004, InkTexture = 0.07, InkVariation = 0.1, EdgeSharpnessRatio = 0.9,
        LocalShiftClusterMm = 0.2, HueShiftBlue = 0, HueShiftRed = 0, ImpressionRedToGreen = 0.1,
    };
}
