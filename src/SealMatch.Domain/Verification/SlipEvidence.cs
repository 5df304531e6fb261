namespace SealMatch.Domain.Verification;

/// <summary>Where an impression lies on the slip, in pixels.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct ImpressionBox(int X, int Y, int Width, int Height);

/// <summary>The engine's probability that an impression is a given specimen.</summary>
/// <param name="SpecimenId">The compared specimen; must be one of the verification's specimens.</param>
/// <param name="Probability">In [0, 1].</param>
/// <param name="MayAccept">
/// False when too little of the specimen was seen (covered, faded or not stamped) for this score to
/// accept on its own: the impression still matches and can still be rejected, but a person decides
/// rather than the engine accepting it.
/// </param>
public sealed record SpecimenScore(string SpecimenId, double Probability, bool MayAccept = true);

/// <summary>What a piece of evidence on the slip is.</summary>
public enum EvidenceKind
{
    /// <summary>A seal impression, scored against seal specimens (every role but SIGNATORY).</summary>
    Seal,

    /// <summary>A handwritten signature, scored against SIGNATORY specimens.</summary>
    Signature,
}

/// <summary>One seal impression or signature found on the slip, with its scores against the compared specimens.</summary>
/// <param name="Box">Its location.</param>
/// <param name="PoorQuality">The engine judged the impression too faint, cut or smudged to trust a low score.</param>
/// <param name="Scores">One score per compared specimen (an absent specimen counts as not compared).</param>
/// <param name="Kind">Seal or signature: each kind is judged with its own calibrated thresholds.</param>
public sealed record Impression(ImpressionBox Box, bool PoorQuality, IReadOnlyList<SpecimenScore> Scores, EvidenceKind Kind = EvidenceKind.Seal);

/// <summary>What the engine found on a slip.</summary>
/// <param name="Impressions">The impressions, in the engine's order; findings keep this order.</param>
/// <param name="PoorImageQuality">The whole scan was judged poor; every impression is then treated as poor quality.</param>
public sealed record SlipEvidence(IReadOnlyList<Impression> Impressions, bool PoorImageQuality = false);
