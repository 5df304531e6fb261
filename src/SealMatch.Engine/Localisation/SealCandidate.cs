namespace SealMatch.Engine.Localisation;

/// <summary>One outline hypothesis of the generic detector, in overview pixels, with its evidence.</summary>
/// <param name="Outline">The outline, in the overview's pixels.</param>
/// <param name="Fit">Fraction of the blob's hull points on the outline.</param>
/// <param name="Evidence">Border evidence.</param>
/// <param name="Density">Fraction of the outline's area holding ink.</param>
/// <param name="Blob">The ink blob it was fitted to.</param>
/// <param name="Depth">How many outlines were cut from the blob before this one was fitted.</param>
/// <param name="Score">0..1: how strongly the evidence supports a seal here.</param>
/// <param name="Seeds">How many separate seal bodies of a multi-seal blob the outline contains (0 when the blob is one body).</param>
internal readonly record struct SealCandidate(SealOutline Outline, double Fit, OutlineEvidence Evidence, double Density, int Blob, int Depth, double Score, int Seeds = 0);
