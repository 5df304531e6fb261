namespace SealMatch.Synthesis;

/// <summary>Outline of a seal.</summary>
public enum SealShape
{
    /// <summary>Circle (width = height).</summary>
    Round,

    /// <summary>Ellipse.</summary>
    Oval,

    /// <summary>Square, possibly with rounded corners.</summary>
    Square,

    /// <summary>Rectangle, possibly with rounded corners.</summary>
    Rectangle,
}

/// <summary>What a seal is for.</summary>
public enum SealKind
{
    /// <summary>公章: round, company name on the arc, star.</summary>
    CompanySeal,

    /// <summary>财务专用章: round, oval or square.</summary>
    FinanceSeal,

    /// <summary>合同专用章: round.</summary>
    ContractSeal,

    /// <summary>法人名章: small square (or rectangle) with 2–4 characters.</summary>
    LegalRepresentativeNameSeal,

    /// <summary>The bank's own processing stamp (转讫, 现金收讫, 业务专用章): not a customer seal.</summary>
    BankProcessingStamp,
}

/// <summary>Ink of a seal.</summary>
public enum InkColour
{
    /// <summary>Red (vermilion to crimson): the usual colour.</summary>
    Red,

    /// <summary>Blue.</summary>
    Blue,

    /// <summary>Purple.</summary>
    Purple,
}
