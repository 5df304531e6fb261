namespace SealMatch.Engine.Localisation;

/// <summary>The outline of a seal.</summary>
public enum SealShapeKind
{
    /// <summary>Circular (company, finance and contract seals).</summary>
    Round,

    /// <summary>Elliptical.</summary>
    Oval,

    /// <summary>Square (name seals, some finance seals).</summary>
    Square,

    /// <summary>Rectangular (processing stamps, some name seals).</summary>
    Rectangle,
}

/// <summary>How an impression was found.</summary>
public enum DetectionSource
{
    /// <summary>By the generic detector (shape and ink evidence).</summary>
    Generic,

    /// <summary>By searching for a known specimen of the account.</summary>
    SpecimenGuided,
}
