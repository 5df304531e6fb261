using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;

namespace SealMatch.Domain.Verification;

/// <summary>
/// Decides a slip from the engine's evidence, the account's signing rules and the specimens' standing
/// on the slip date. A pure function: same input, same outcome.
/// </summary>
/// <remarks>
/// <para><b>Assignment.</b> Each impression is assigned to the specimen it matches best, if that
/// probability reaches the reject threshold; otherwise it is an unknown seal (reported, never by
/// itself a reason to reject: slips carry the bank's own stamps and other parties' seals). Ties go
/// to a lost specimen (frozen, or revoked after a loss), then a usable one, then by id. A best match
/// to a specimen that is merely out of date (not effective, routinely revoked, not approved) yields
/// to a usable specimen the impression also matches (p ≥ reject): the same physical seal is often
/// re-registered, and a near-tie must not reject a good slip. A lost specimen never yields.</para>
/// <para><b>Roles.</b> For each applicable rule, a required role is <i>satisfied</i> by an
/// impression assigned to a usable specimen of that role with p ≥ the rule's accept threshold and
/// good quality; <i>uncertain</i> when only weaker or poor-quality impressions are assigned to it,
/// when an unknown impression is poor quality (its low score is not trusted), or when no impression
/// was compared with any usable specimen of the role at all (e.g. signatures the engine does not
/// score: absence of a score is not evidence of absence); otherwise <i>missing</i>. A role with no
/// usable specimen on the slip date makes the rule impossible.</para>
/// <para><b>Kinds.</b> Seal impressions and signatures are judged alike, each with its own calibrated
/// thresholds (<see cref="VerificationInput.SignatureThresholds"/>): assignment uses the kind's reject
/// threshold, and a SIGNATORY role is satisfied at the signature accept threshold (or the rule's own,
/// if stricter).</para>
/// <para><b>Decision</b>, first match wins:
/// (1) an impression assigned to a frozen or revoked specimen → Reject, even if a rule is satisfied
/// (a lost specimen is assigned only at p ≥ max(reject, <see cref="LostSealFloor"/>));
/// (2) no impressions → Reject NO_SEAL_FOUND, or Review with IMAGE_QUALITY when the scan is poor (a
/// bad scan is refused, not guessed at);
/// (3) no rule set or none covers the amount → Reject RULE_NOT_SATISFIED;
/// (4) some applicable rule satisfied → Accept;
/// (5) some applicable rule uncertain → Review with LOW_CONFIDENCE and/or IMAGE_QUALITY;
/// (6) otherwise every applicable rule is impossible or has a role whose best impression scored below
/// the reject threshold → Reject RULE_NOT_SATISFIED, plus FORGERY_SUSPECTED for each unknown impression
/// whose closest specimen is a usable one of a missing role.
/// A failed alternative does not reject while another alternative can still be satisfied.</para>
/// </remarks>
public static class VerificationPolicy
{
    /// <summary>
    /// Probability at or above which an impression counts as a frozen or lost-and-revoked specimen
    /// (rule 1): more likely that seal than not.
    /// </summary>
    public const double LostSealFloor = 0.5;

    /// <summary>Decides a slip.</summary>
    /// <exception cref="ArgumentException">The evidence scores a specimen that is not in the input,
    /// scores one specimen twice, or holds a probability outside [0, 1]; or two specimens share an id.</exception>
    public static VerificationOutcome Evaluate(VerificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Amount);
        ArgumentNullException.ThrowIfNull(input.Specimens);
        ArgumentNullException.ThrowIfNull(input.Thresholds);
        ArgumentNullException.ThrowIfNull(input.Evidence);
        ArgumentNullException.ThrowIfNull(input.Evidence.Impressions);

        var thresholds = input.Thresholds.Resolve(input.RiskTier, input.Amount);
        var signatureThresholds = input.SignatureThresholds is { } sig
            ? input.Thresholds.Overrides.Where(o => o.AppliesTo(input.RiskTier, input.Amount))
                .Aggregate(sig.Resolve(input.RiskTier, input.Amount), (t, o) => t.Stricter(o.Thresholds))
            : thresholds;
        var byKind = new KindThresholds(thresholds, signatureThresholds);
        var specimens = IndexSpecimens(input.Specimens);
        var assignments = Assign(input.Evidence, specimens, byKind);
        var rules = EvaluateRules(input, specimens, assignments, byKind, out var roleNotes);
        var reasons = new ReasonList();

        var decision = Decide(input, assignments, rules, roleNotes, reasons);
        AddInformational(assignments, reasons);

        var findings = assignments.Select(a => a.ToFinding()).ToList();
        var satisfied = decision == Decision.Accept ? rules.First(r => r.Satisfied).RuleName : null;
        return new VerificationOutcome(decision, reasons.Items, findings, rules, satisfied, thresholds) { SignatureThresholds = signatureThresholds };
    }

    private static Decision Decide(
        VerificationInput input, List<Assignment> assignments, List<RuleEvaluation> rules, List<RoleNote> roleNotes, ReasonList reasons)
    {
        var lost = assignments.Where(a => a.Specimen is { Usability: SpecimenUsability.Frozen or SpecimenUsability.Revoked }).ToList();
        if (lost.Count > 0)
        {
            foreach (var a in lost)
            {
                var s = a.Specimen!;
                var code = s.Usability == SpecimenUsability.Frozen ? ReasonCode.SpecimenFrozen : ReasonCode.SpecimenRevoked;
                var state = s.Usability == SpecimenUsability.Frozen ? "frozen" : "revoked";
                reasons.Add(code, Inv($"Impression {a.Index} matches {state} {s.Role} specimen {s.SpecimenId} (p={a.Probability:0.000})."));
            }

            return Decision.Reject;
        }

        if (assignments.Count == 0)
        {
            reasons.Add(ReasonCode.NoSealFound, "No seal or signature was found on the slip.");
            if (input.Evidence.PoorImageQuality)
            {
                reasons.Add(ReasonCode.ImageQuality, "The scan is poor; a missing seal is not concluded from it.");
                return Decision.Review;
            }

            return Decision.Reject;
        }

        var applicable = rules.Where(r => r.Applicable).ToList();
        if (applicable.Count == 0)
        {
            reasons.Add(
                ReasonCode.RuleNotSatisfied,
                input.SigningPolicy is null
                    ? "The account has no signing rules."
                    : Inv($"No signing rule covers the amount {input.Amount.MinorUnits} {input.Amount.Currency} (minor units)."));
            return Decision.Reject;
        }

        if (applicable.Any(r => r.Satisfied))
        {
            return Decision.Accept;
        }

        if (applicable.Any(r => r.Status == RuleStatus.Uncertain))
        {
            foreach (var note in roleNotes)
            {
                var threshold = note.Threshold;
                if (note.LowConfidence is { } best)
                {
                    reasons.Add(
                        ReasonCode.LowConfidence,
                        Inv($"Rule '{note.RuleName}': best {note.Role} match p={best:0.000} is below {threshold:0.000}."));
                }

                if (note.PartlySeen is { } partlySeen)
                {
                    reasons.Add(
                        ReasonCode.LowConfidence,
                        Inv($"Rule '{note.RuleName}': the {note.Role} impression matches (p={partlySeen:0.000}) but too little of the specimen was seen to accept it without a person (covered, faded or not stamped)."));
                }

                if (note.NotCompared)
                {
                    reasons.Add(
                        ReasonCode.LowConfidence,
                        Inv($"Rule '{note.RuleName}': no {note.Role} specimen was compared with the slip; a person compares it."));
                }

                if (note.PoorQuality)
                {
                    reasons.Add(ReasonCode.ImageQuality, Inv($"Rule '{note.RuleName}': the {note.Role} evidence is of poor quality."));
                }
            }

            return Decision.Review;
        }

        foreach (var rule in applicable)
        {
            var detail = rule.Status == RuleStatus.Impossible
                ? Inv($"Rule '{rule.RuleName}': no usable specimen on the slip date for {Join(rule.RolesWithoutUsableSpecimen)}.")
                : Inv($"Rule '{rule.RuleName}': no match for {Join(rule.RolesMissing)}.");
            reasons.Add(ReasonCode.RuleNotSatisfied, detail);
        }

        var failedRoles = applicable
            .Where(r => r.Status == RuleStatus.NotSatisfied)
            .SelectMany(r => r.RolesMissing.Except(r.RolesWithoutUsableSpecimen))
            .ToHashSet();
        foreach (var a in assignments)
        {
            if (a.Specimen is null && a.Closest is { Usability: SpecimenUsability.Usable } closest && failedRoles.Contains(closest.Role))
            {
                a.Reasons.Add(ReasonCode.ForgerySuspected);
                reasons.Add(
                    ReasonCode.ForgerySuspected,
                    Inv($"Impression {a.Index} resembles {closest.Role} specimen {closest.SpecimenId} most, but only p={a.Probability:0.000}."));
            }
        }

        return Decision.Reject;
    }

    private static void AddInformational(List<Assignment> assignments, ReasonList reasons)
    {
        foreach (var a in assignments)
        {
            if (a.Specimen is null)
            {
                reasons.Add(
                    ReasonCode.UnknownSeal,
                    a.Kind == EvidenceKind.Signature
                        ? Inv($"Impression {a.Index} (a signature) matches no signatory of the account.")
                        : Inv($"Impression {a.Index} matches no specimen of the account."));
            }
            else if (a.Specimen.Usability == SpecimenUsability.NotEffective)
            {
                reasons.Add(
                    ReasonCode.SpecimenNotEffective,
                    Inv($"Impression {a.Index} matches {a.Specimen.Role} specimen {a.Specimen.SpecimenId}, not effective on the slip date."));
            }
            else if (a.Specimen.Usability == SpecimenUsability.NotApproved)
            {
                reasons.Add(
                    ReasonCode.SpecimenNotApproved,
                    Inv($"Impression {a.Index} matches {a.Specimen.Role} specimen {a.Specimen.SpecimenId}, which is not approved."));
            }
        }
    }

    private static Dictionary<string, SpecimenStanding> IndexSpecimens(IReadOnlyList<SpecimenStanding> standings)
    {
        var index = new Dictionary<string, SpecimenStanding>(StringComparer.Ordinal);
        foreach (var s in standings)
        {
            ArgumentNullException.ThrowIfNull(s);
            if (!index.TryAdd(s.SpecimenId, s))
            {
                throw new ArgumentException($"Specimen {s.SpecimenId} is listed twice.", nameof(standings));
            }
        }

        return index;
    }

    private static List<Assignment> Assign(
        SlipEvidence evidence, Dictionary<string, SpecimenStanding> specimens, KindThresholds byKind)
    {
        var result = new List<Assignment>(evidence.Impressions.Count);
        for (var i = 0; i < evidence.Impressions.Count; i++)
        {
            var impression = evidence.Impressions[i] ?? throw new ArgumentException("An impression is null.", nameof(evidence));
            var thresholds = byKind.For(impression.Kind);
            var candidates = Candidates(impression, specimens, i);
            var poor = evidence.PoorImageQuality || impression.PoorQuality;
            var scored = candidates.Select(c => c.Specimen.SpecimenId).ToHashSet(StringComparer.Ordinal);
            if (candidates.Count == 0)
            {
                result.Add(new Assignment(i, impression.Box, poor, null, 0, null, thresholds.Accept, scored, impression.Kind));
                continue;
            }

            // A lost seal rejects the whole slip at once, so it must be identified, not merely
            // resembled: below LostSealFloor the impression is more likely some other seal (a bank's
            // stamp, a forgery) than that one, whatever the reject threshold (which may be 0).
            var closest = candidates[0];
            candidates.RemoveAll(c => IsLost(c.Specimen) && c.Probability < Math.Max(thresholds.Reject, LostSealFloor));
            if (candidates.Count == 0)
            {
                result.Add(new Assignment(i, impression.Box, poor, null, closest.Probability, closest.Specimen, thresholds.Accept, scored, impression.Kind));
                continue;
            }

            var top = candidates[0];
            if (top.Probability < thresholds.Reject)
            {
                result.Add(new Assignment(i, impression.Box, poor, null, top.Probability, top.Specimen, thresholds.Accept, scored, impression.Kind));
                continue;
            }

            var chosen = top;
            if (top.Specimen.Usability != SpecimenUsability.Usable && !IsLost(top.Specimen))
            {
                // Out-of-date specimens yield to a usable one the impression also matches.
                var usable = candidates.FirstOrDefault(c => c.Specimen.Usability == SpecimenUsability.Usable && c.Probability >= thresholds.Reject);
                if (usable.Specimen is not null)
                {
                    chosen = usable;
                }
            }

            result.Add(new Assignment(i, impression.Box, poor, chosen.Specimen, chosen.Probability, chosen.Specimen, thresholds.Accept, scored, impression.Kind, chosen.MayAccept));
        }

        return result;
    }

    /// <summary>The impression's scores, best first: probability, then lost over usable over other, then id.</summary>
    private static List<Candidate> Candidates(Impression impression, Dictionary<string, SpecimenStanding> specimens, int index)
    {
        ArgumentNullException.ThrowIfNull(impression.Scores);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<Candidate>(impression.Scores.Count);
        foreach (var score in impression.Scores)
        {
            ArgumentNullException.ThrowIfNull(score);
            if (!specimens.TryGetValue(score.SpecimenId, out var specimen))
            {
                throw new ArgumentException(Inv($"Impression {index} is scored against unknown specimen {score.SpecimenId}."), nameof(impression));
            }

            if (!seen.Add(score.SpecimenId))
            {
                throw new ArgumentException(Inv($"Impression {index} scores specimen {score.SpecimenId} twice."), nameof(impression));
            }

            if (!(score.Probability >= 0 && score.Probability <= 1))
            {
                throw new ArgumentException(Inv($"Impression {index} has a probability outside [0, 1]."), nameof(impression));
            }

            candidates.Add(new Candidate(specimen, score.Probability, score.MayAccept));
        }

        candidates.Sort(static (a, b) =>
        {
            var byP = b.Probability.CompareTo(a.Probability);
            if (byP != 0)
            {
                return byP;
            }

            var byPriority = Priority(a.Specimen).CompareTo(Priority(b.Specimen));
            return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Specimen.SpecimenId, b.Specimen.SpecimenId);
        });
        return candidates;
    }

    private static int Priority(SpecimenStanding s) => IsLost(s) ? 0 : s.Usability == SpecimenUsability.Usable ? 1 : 2;

    private static bool IsLost(SpecimenStanding s) =>
        s.Usability == SpecimenUsability.Frozen || (s.Usability == SpecimenUsability.Revoked && s.LossReported);

    private static List<RuleEvaluation> EvaluateRules(
        VerificationInput input,
        Dictionary<string, SpecimenStanding> specimens,
        List<Assignment> assignments,
        KindThresholds byKind,
        out List<RoleNote> notes)
    {
        notes = [];
        var evaluations = new List<RuleEvaluation>();
        if (input.SigningPolicy is null)
        {
            return evaluations;
        }

        var unknownPoor = assignments.Any(a => a.Specimen is null && a.PoorQuality);
        foreach (var rule in input.SigningPolicy.Rules)
        {
            var accept = rule.EffectiveAcceptThreshold(byKind.Seal.Accept);
            if (!rule.AppliesTo(input.Amount))
            {
                evaluations.Add(new RuleEvaluation(rule.Name, RuleStatus.NotApplicable, accept, [], [], [], []));
                continue;
            }

            List<SpecimenRole> satisfied = [], uncertain = [], missing = [], withoutUsable = [];
            var ruleNotes = new List<RoleNote>();
            foreach (var role in rule.RequiredRoles.Order())
            {
                var usableIds = specimens.Values
                    .Where(s => s.Role == role && s.Usability == SpecimenUsability.Usable)
                    .Select(s => s.SpecimenId)
                    .ToList();
                if (usableIds.Count == 0)
                {
                    missing.Add(role);
                    withoutUsable.Add(role);
                    continue;
                }

                var assigned = assignments
                    .Where(a => a.Specimen is { Usability: SpecimenUsability.Usable } s && s.Role == role)
                    .ToList();
                var roleAccept = role == SpecimenRole.Signatory ? rule.EffectiveAcceptThreshold(byKind.Signature.Accept) : accept;
                if (assigned.Any(a => !a.PoorQuality && a.MayAccept && a.Probability >= roleAccept))
                {
                    satisfied.Add(role);
                }
                else if (assigned.Count > 0 || unknownPoor)
                {
                    uncertain.Add(role);
                    var good = assigned.Where(a => !a.PoorQuality && a.MayAccept).Select(a => (double?)a.Probability).Max();
                    var partial = assigned.Where(a => !a.PoorQuality && !a.MayAccept && a.Probability >= roleAccept).Select(a => (double?)a.Probability).Max();
                    ruleNotes.Add(new RoleNote(rule.Name, role, good, assigned.Any(a => a.PoorQuality) || (assigned.Count == 0 && unknownPoor), NotCompared: false, roleAccept) { PartlySeen = partial });
                }
                else if (!assignments.Any(a => usableIds.Any(a.Scored.Contains)))
                {
                    // Absence of evidence is not evidence of absence: nothing was compared with this
                    // role's specimens (e.g. signatures the engine does not score), so a person decides.
                    uncertain.Add(role);
                    ruleNotes.Add(new RoleNote(rule.Name, role, null, PoorQuality: false, NotCompared: true, roleAccept));
                }
                else
                {
                    missing.Add(role);
                }
            }

            var status = withoutUsable.Count > 0 ? RuleStatus.Impossible
                : missing.Count > 0 ? RuleStatus.NotSatisfied
                : uncertain.Count > 0 ? RuleStatus.Uncertain
                : RuleStatus.Satisfied;
            var evaluation = new RuleEvaluation(rule.Name, status, accept, satisfied, uncertain, missing, withoutUsable);
            evaluations.Add(evaluation);
            if (status == RuleStatus.Uncertain)
            {
                notes.AddRange(ruleNotes);
            }
        }

        return evaluations;
    }

    private static string Join(IEnumerable<SpecimenRole> roles) => string.Join(", ", roles);

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);

    private readonly record struct Candidate(SpecimenStanding Specimen, double Probability, bool MayAccept);

    /// <summary>The resolved thresholds for each kind of evidence.</summary>
    private sealed record KindThresholds(DecisionThresholds Seal, DecisionThresholds Signature)
    {
        public DecisionThresholds For(EvidenceKind kind) => kind == EvidenceKind.Signature ? Signature : Seal;
    }

    private sealed record RoleNote(string RuleName, SpecimenRole Role, double? LowConfidence, bool PoorQuality, bool NotCompared, double Threshold)
    {
        /// <summary>The best score at or above the threshold whose impression showed too little of the specimen to accept, if any.</summary>
        public double? PartlySeen { get; init; }
    }

    private sealed class Assignment(
        int index,
        ImpressionBox box,
        bool poorQuality,
        SpecimenStanding? specimen,
        double probability,
        SpecimenStanding? closest,
        double accept,
        HashSet<string> scored,
        EvidenceKind kind,
        bool mayAccept = true)
    {
        public EvidenceKind Kind { get; } = kind;

        public int Index { get; } = index;

        public bool PoorQuality { get; } = poorQuality;

        /// <summary>The assigned specimen (p ≥ reject), or null for an unknown seal.</summary>
        public SpecimenStanding? Specimen { get; } = specimen;

        public double Probability { get; } = probability;

        /// <summary>Whether the assigned score may accept (<see cref="SpecimenScore.MayAccept"/>).</summary>
        public bool MayAccept { get; } = mayAccept;

        /// <summary>The best-scoring specimen, assigned or not.</summary>
        public SpecimenStanding? Closest { get; } = closest;

        /// <summary>The specimens this impression was compared with.</summary>
        public HashSet<string> Scored { get; } = scored;

        public List<ReasonCode> Reasons { get; } = InitialReasons(specimen, probability, poorQuality, accept, mayAccept);

        public ImpressionFinding ToFinding() =>
            new(Index, box, Specimen?.SpecimenId, Specimen?.Role, Probability, Specimen?.Usability, PoorQuality, Reasons.AsReadOnly()) { Kind = Kind };

        private static List<ReasonCode> InitialReasons(SpecimenStanding? specimen, double probability, bool poor, double accept, bool mayAccept)
        {
            List<ReasonCode> reasons = [];
            switch (specimen?.Usability)
            {
                case null:
                    reasons.Add(ReasonCode.UnknownSeal);
                    break;
                case SpecimenUsability.Frozen:
                    reasons.Add(ReasonCode.SpecimenFrozen);
                    break;
                case SpecimenUsability.Revoked:
                    reasons.Add(ReasonCode.SpecimenRevoked);
                    break;
                case SpecimenUsability.NotEffective:
                    reasons.Add(ReasonCode.SpecimenNotEffective);
                    break;
                case SpecimenUsability.NotApproved:
                    reasons.Add(ReasonCode.SpecimenNotApproved);
                    break;
                case SpecimenUsability.Usable when probability < accept || !mayAccept:
                    reasons.Add(ReasonCode.LowConfidence);
                    break;
                default:
                    break;
            }

            if (poor)
            {
                reasons.Add(ReasonCode.ImageQuality);
            }

            return reasons;
        }
    }

    /// <summary>Reasons in insertion order without exact duplicates.</summary>
    private sealed class ReasonList
    {
        private readonly List<VerificationReason> _items = [];

        public IReadOnlyList<VerificationReason> Items => _items.AsReadOnly();

        public void Add(ReasonCode code, string detail)
        {
            var reason = new VerificationReason(code, detail);
            if (!_items.Contains(reason))
            {
                _items.Add(reason);
            }
        }
    }
}
