namespace SealMatch.Synthesis;

/// <summary>
/// One carved element of a seal in millimetres, seal centre at the origin, y down. Rotations are
/// counter-clockwise as seen on the page (y-down image coordinates). <see cref="Name"/> identifies the
/// element across a genuine layout and its forgeries (e.g. <c>arc[3]</c>, <c>line0[2]</c>, <c>star</c>).
/// </summary>
/// <param name="Name">Stable element name.</param>
public abstract record SealElement(string Name);

/// <summary>One character.</summary>
/// <param name="Name">Element name.</param>
/// <param name="Character">The character.</param>
/// <param name="Font">Typeface.</param>
/// <param name="X">Centre x.</param>
/// <param name="Y">Centre y.</param>
/// <param name="RotationDeg">Counter-clockwise rotation about the centre.</param>
/// <param name="HeightMm">Height of a reference ideograph (国) or digit (0).</param>
/// <param name="WidthScale">Horizontal scale before rotation.</param>
/// <param name="WeightMm">Extra outline weight (emboldening).</param>
/// <param name="Cut">True when the character removes ink (白文), false when it is ink.</param>
public sealed record GlyphElement(
    string Name, char Character, SealFont Font, double X, double Y, double RotationDeg, double HeightMm, double WidthScale, double WeightMm, bool Cut = false)
    : SealElement(Name);

/// <summary>An outline ring (border or inner ring); Width/Height are its outer size, the stroke lies inside.</summary>
/// <param name="Name">Element name.</param>
/// <param name="Shape">Outline shape.</param>
/// <param name="X">Centre x.</param>
/// <param name="Y">Centre y.</param>
/// <param name="WidthMm">Outer width.</param>
/// <param name="HeightMm">Outer height.</param>
/// <param name="StrokeMm">Stroke width, measured inward.</param>
/// <param name="CornerRadiusMm">Outer corner radius (square/rectangle).</param>
public sealed record RingElement(string Name, SealShape Shape, double X, double Y, double WidthMm, double HeightMm, double StrokeMm, double CornerRadiusMm)
    : SealElement(Name);

/// <summary>A filled five-pointed star.</summary>
/// <param name="Name">Element name.</param>
/// <param name="X">Centre x.</param>
/// <param name="Y">Centre y.</param>
/// <param name="OuterRadiusMm">Radius to the points.</param>
/// <param name="InnerRatio">Inner radius / outer radius (0.382 for a regular star).</param>
/// <param name="RotationDeg">Counter-clockwise rotation from point-up.</param>
public sealed record StarElement(string Name, double X, double Y, double OuterRadiusMm, double InnerRatio, double RotationDeg)
    : SealElement(Name);

/// <summary>A straight stroke with flat ends.</summary>
/// <param name="Name">Element name.</param>
/// <param name="X1">Start x.</param>
/// <param name="Y1">Start y.</param>
/// <param name="X2">End x.</param>
/// <param name="Y2">End y.</param>
/// <param name="StrokeMm">Stroke width.</param>
public sealed record LineElement(string Name, double X1, double Y1, double X2, double Y2, double StrokeMm)
    : SealElement(Name);

/// <summary>A solid area of ink (the ground of a 白文 seal).</summary>
/// <param name="Name">Element name.</param>
/// <param name="Shape">Shape.</param>
/// <param name="X">Centre x.</param>
/// <param name="Y">Centre y.</param>
/// <param name="WidthMm">Width.</param>
/// <param name="HeightMm">Height.</param>
/// <param name="CornerRadiusMm">Corner radius.</param>
public sealed record SolidElement(string Name, SealShape Shape, double X, double Y, double WidthMm, double HeightMm, double CornerRadiusMm)
    : SealElement(Name);
