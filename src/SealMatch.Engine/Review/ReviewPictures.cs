using SealMatch.Engine.Verification;

namespace SealMatch.Engine.Review;

/// <summary>
/// What a reviewer compares by eye, all in the specimen's frame (0.1 mm per pixel, the specimen's
/// orientation, the impression registered onto it), so that the pictures line up with each other.
/// Every picture carries a text legend: colour is never the only cue.
/// </summary>
/// <param name="SideBySidePng">Specimen (left) and impression (right) at the same scale and orientation.</param>
/// <param name="OverlayPng">Specimen in blue and impression in red, half transparent; shared ink reads dark violet.</param>
/// <param name="DifferencePng">Shared ink black, gained ink solid red, lost ink dotted blue, unseen areas hatched.</param>
/// <param name="FoldPng">The specimen folded onto the impression along a line through the centre (折角比对): specimen on one side, impression on the other; strokes must run on across the fold.</param>
/// <param name="FoldAngleDeg">Direction of the fold line, degrees counter-clockwise from horizontal.</param>
/// <param name="Comparison">The comparison the pictures were drawn from (scores and pose).</param>
public sealed record ReviewPictures(
    byte[] SideBySidePng,
    byte[] OverlayPng,
    byte[] DifferencePng,
    byte[] FoldPng,
    double FoldAngleDeg,
    SealComparison Comparison);
