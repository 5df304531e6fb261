namespace SealMatch.Synthesis;

/// <summary>One impression to place on a slip.</summary>
/// <param name="Source">What is stamped (or printed).</param>
/// <param name="Role">Intended slot: the 出票人签章 box, elsewhere, or touching another impression.</param>
/// <param name="TouchIndex">For <see cref="SlotRole.TouchingOther"/>: index of the impression to touch (earlier in the list).</param>
/// <param name="OverlapFraction">For touching: overlap of the footprints as a fraction of the smaller one's size (−0.03 = small gap, 0.25 = a quarter).</param>
/// <param name="CentreMm">Explicit seal centre on the slip in mm (overrides the role's placement; lets a forgery and its genuine twin land on the same spot).</param>
public sealed record SlipImpression(ImpressionSource Source, SlotRole Role, int TouchIndex = -1, double OverlapFraction = 0, (double X, double Y)? CentreMm = null);

/// <summary>What to put on a slip.</summary>
public sealed record SlipSpec
{
    /// <summary>Cheque or transfer slip; null picks one (60 % cheques).</summary>
    public DocumentKind? Kind { get; init; }

    /// <summary>Impressions in placement order.</summary>
    public required IReadOnlyList<SlipImpression> Impressions { get; init; }

    /// <summary>Add the bank's processing stamp (labelled <see cref="ImpressionLabel.BankStamp"/>).</summary>
    public bool AddBankStamp { get; init; }

    /// <summary>Probability of red or orange printed elements that are not seals (title, serial number, rules).</summary>
    public double RedPrintProbability { get; init; } = 0.2;

    /// <summary>
    /// Name signed by hand in the signature box (a signature overlapping the seals), or null: then 35 % of slips
    /// get a signature of a random person.
    /// </summary>
    public string? SignerName { get; init; }

    /// <summary>Payer's company name (printed on transfer slips); null draws one.</summary>
    public string? PayerName { get; init; }

    /// <summary>
    /// A genuine slip of <paramref name="account"/>: the finance seal (80 %) or company seal, plus the legal
    /// representative's name seal (85 %), in the signature box; 15 % of two-seal slips have the two seals
    /// touching or overlapping by up to 25 % of the smaller one; the bank's stamp is added on 30 %.
    /// </summary>
    public static SlipSpec Genuine(AccountSeals account, SynthRandom rng)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(rng);
        var list = new List<SlipImpression>();
        SealKind main = rng.Bernoulli(0.8) ? SealKind.FinanceSeal : SealKind.CompanySeal;
        list.Add(new SlipImpression(ImpressionSource.Genuine(account.Layout(main), ImpressionConditions.RandomGenuine(rng.Fork("c0"))), SlotRole.SignatureBox));
        if (rng.Bernoulli(0.85))
        {
            ImpressionSource name = ImpressionSource.Genuine(account.Layout(SealKind.LegalRepresentativeNameSeal), ImpressionConditions.RandomGenuine(rng.Fork("c1")));
            list.Add(rng.Bernoulli(0.15)
                ? new SlipImpression(name, SlotRole.TouchingOther, 0, rng.Uniform(-0.03, 0.25))
                : new SlipImpression(name, SlotRole.SignatureBox));
        }

        return new SlipSpec
        {
            Impressions = list,
            AddBankStamp = rng.Bernoulli(0.3),
            PayerName = account.CompanyName,
        };
    }
}
