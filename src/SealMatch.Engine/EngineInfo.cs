namespace SealMatch.Engine;

/// <summary>Versions stored with every normalised specimen and every verification result.</summary>
public static class EngineInfo
{
    /// <summary>Version of the whole engine (pipeline, scores, calibration). Bump when a decision could change.</summary>
    public const string EngineVersion = "0.2.4";

    /// <summary>
    /// Version of the stored feature layout in a normalised specimen. Specimens whose feature version
    /// differs are re-featured from their stored canonical image on load. Version 2: the polar
    /// signature no longer reads unwritten memory where its radius passes the canvas's sides.
    /// </summary>
    public const int FeatureVersion = 2;
}
