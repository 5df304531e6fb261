namespace SealMatch.Synthesis;

/// <summary>A customer's set of seals, as registered on the specimen card.</summary>
public sealed class AccountSeals
{
    private readonly Dictionary<string, SealLayout> _layouts = [];

    /// <summary>Creates an account from its designs (layouts are compiled here).</summary>
    public AccountSeals(string accountId, string companyName, string legalRepresentative, IReadOnlyList<SealDesign> designs)
    {
        ArgumentNullException.ThrowIfNull(designs);
        AccountId = accountId;
        CompanyName = companyName;
        LegalRepresentative = legalRepresentative;
        Designs = designs;
        foreach (SealDesign d in designs)
        {
            _layouts[d.Id] = LayoutCompiler.Compile(d);
        }
    }

    /// <summary>Account identifier (also the prefix of the design ids).</summary>
    public string AccountId { get; }

    /// <summary>Company name on the arc of the company, finance and contract seals.</summary>
    public string CompanyName { get; }

    /// <summary>Name of the legal representative (on the name seal).</summary>
    public string LegalRepresentative { get; }

    /// <summary>All seal designs: company, finance, optionally contract, and the name seal.</summary>
    public IReadOnlyList<SealDesign> Designs { get; }

    /// <summary>The design of the given kind, or null when the account has none.</summary>
    public SealDesign? Design(SealKind kind)
    {
        foreach (SealDesign d in Designs)
        {
            if (d.Kind == kind)
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>The compiled layout of the given design.</summary>
    public SealLayout Layout(SealDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return _layouts[design.Id];
    }

    /// <summary>The compiled layout of the seal of the given kind (throws when the account has none).</summary>
    public SealLayout Layout(SealKind kind) =>
        Layout(Design(kind) ?? throw new InvalidOperationException($"Account {AccountId} has no {kind}."));
}
