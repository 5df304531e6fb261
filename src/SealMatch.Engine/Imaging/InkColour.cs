namespace SealMatch.Engine.Imaging;

/// <summary>The colour of the seal ink to separate.</summary>
public enum InkColour
{
    /// <summary>Red (vermilion to crimson); almost all seals.</summary>
    Red,

    /// <summary>Blue.</summary>
    Blue,

    /// <summary>Purple.</summary>
    Purple,
}
