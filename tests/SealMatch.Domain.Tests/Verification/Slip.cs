using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;
using SealMatch.Domain.Verification;

namespace SealMatch.Domain.Tests.Verification;

/// <summary>A small builder for verification inputs: four usable specimens and two alternative rules by default.</summary>
internal sealed class Slip
{
    public const string Fin = "fin";
    public const string Leg = "leg";
    public const string Com = "com";
    public const string Sig = "sig";

    public static readonly DecisionThresholds Calibrated = new(accept: 0.9, reject: 0.3);

    public static SigningRule FinanceAndLegal { get; } =
        new("finance+legal", new HashSet<SpecimenRole> { SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal });

    public static SigningRule CompanyAndSignatory { get; } =
        new("company+signatory", new HashSet<SpecimenRole> { SpecimenRole.CompanySeal, SpecimenRole.Signatory });

    public SigningPolicy? Policy { get; set; } = SigningPolicy.Create([FinanceAndLegal, CompanyAndSignatory]);

    public RiskTier Tier { get; set; } = RiskTier.Standard;

    public Money Amount { get; set; } = new(50_000, "CNY");

    public ThresholdPolicy Thresholds { get; set; } = new(Calibrated);

    /// <summary>Signature thresholds; null: the seal thresholds.</summary>
    public ThresholdPolicy? SignatureThresholds { get; set; }

    public bool PoorScan { get; set; }

    public List<SpecimenStanding> Specimens { get; } =
    [
        new(Fin, SpecimenRole.FinanceSeal, SpecimenUsability.Usable),
        new(Leg, SpecimenRole.LegalRepresentativeSeal, SpecimenUsability.Usable),
        new(Com, SpecimenRole.CompanySeal, SpecimenUsability.Usable),
        new(Sig, SpecimenRole.Signatory, SpecimenUsability.Usable),
    ];

    /// <summary>Impressions; unless <c>Raw</c>, every specimen not named is scored 0 at <see cref="Verify"/> (compared, no resemblance).</summary>
    public List<(Impression Impression, bool Raw)> Impressions { get; } = [];

    public Slip With(string id, SpecimenRole role, SpecimenUsability usability, bool lossReported = false)
    {
        Specimens.RemoveAll(s => s.SpecimenId == id);
        Specimens.Add(new SpecimenStanding(id, role, usability, lossReported));
        return this;
    }

    public Slip Rules(params SigningRule[] rules)
    {
        Policy = SigningPolicy.Create(rules);
        return this;
    }

    public Slip Stamp(params (string Id, double P)[] scores) => Add(poor: false, scores);

    /// <summary>A signature compared only with the named (signatory) specimens.</summary>
    public Slip Signature(params (string Id, double P)[] scores) => Add(poor: false, scores, raw: true, EvidenceKind.Signature);

    public Slip PoorStamp(params (string Id, double P)[] scores) => Add(poor: true, scores);

    /// <summary>An impression of which too little was seen for its scores to accept (<see cref="SpecimenScore.MayAccept"/> false).</summary>
    public Slip PartlySeenStamp(params (string Id, double P)[] scores) => Add(poor: false, scores, mayAccept: false);

    /// <summary>An impression compared only with the named specimens.</summary>
    public Slip RawStamp(params (string Id, double P)[] scores) => Add(poor: false, scores, raw: true);

    public VerificationOutcome Verify() => VerificationPolicy.Evaluate(new VerificationInput
    {
        SigningPolicy = Policy,
        RiskTier = Tier,
        SlipDate = new DateOnly(2025, 6, 1),
        Amount = Amount,
        Specimens = Specimens,
        Thresholds = Thresholds,
        SignatureThresholds = SignatureThresholds,
        Evidence = new SlipEvidence([.. Impressions.Select(i => i.Raw ? i.Impression : Complete(i.Impression))], PoorScan),
    });

    private Impression Complete(Impression impression) => impression with
    {
        Scores =
        [
            .. impression.Scores,
            .. Specimens.Where(s => impression.Scores.All(x => x.SpecimenId != s.SpecimenId)).Select(s => new SpecimenScore(s.SpecimenId, 0)),
        ],
    };

    private Slip Add(bool poor, (string Id, double P)[] scores, bool raw = false, EvidenceKind kind = EvidenceKind.Seal, bool mayAccept = true)
    {
        var n = Impressions.Count;
        Impressions.Add((new Impression(
            new ImpressionBox(100 * n, 50, 120, 120), poor, [.. scores.Select(s => new SpecimenScore(s.Id, s.P, mayAccept))], kind), raw));
        return this;
    }
}
