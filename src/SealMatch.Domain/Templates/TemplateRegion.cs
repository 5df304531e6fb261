namespace SealMatch.Domain.Templates;

/// <summary>What a slip template region holds.</summary>
public enum RegionKind
{
    /// <summary>Seal impressions: only impressions centred in a seal region are considered.</summary>
    Seal,

    /// <summary>A handwritten signature.</summary>
    Signature,
}

/// <summary>An axis-aligned box in millimetres from the top-left corner of the slip.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width, positive.</param>
/// <param name="Height">Height, positive.</param>
public readonly record struct MillimetreBox(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge (exclusive).</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge (exclusive).</summary>
    public double Bottom => Y + Height;
}

/// <summary>One named region of a slip layout. Validated as part of <see cref="SlipTemplate.Create"/>.</summary>
/// <param name="Name">Name unique within the template (case-insensitive), e.g. <c>drawer-signature</c>.</param>
/// <param name="Kind">What the region holds.</param>
/// <param name="Box">Where it is on the page, in millimetres; within the page.</param>
public sealed record TemplateRegion(string Name, RegionKind Kind, MillimetreBox Box);
