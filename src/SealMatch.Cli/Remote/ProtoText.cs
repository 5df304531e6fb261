using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Remote;

/// <summary>The readable summaries of the service's messages (what a command prints without <c>--json</c>).</summary>
internal static class ProtoText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Account(Account a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var b = new StringBuilder();
        Line(b, $"Account {a.Id}  {a.AccountNumber}  {a.Name}");
        Line(b, $"  branch {a.BranchCode}, risk tier {ProtoEnums.Name(a.RiskTier)}, {ProtoEnums.Name(a.Status)}, version {a.Version}");
        Line(b, $"  opened {Time(a.CreatedAt)} by {a.CreatedBy}" + (a.ClosedAt is null ? string.Empty : $"; closed {Time(a.ClosedAt)} by {a.ClosedBy}"));
        if (a.SigningRules.Count == 0)
        {
            Line(b, "  signing rules: none (no slip can pass until rules are set)");
        }
        else
        {
            Line(b, $"  signing rules (any one suffices), set {Time(a.SigningRulesSetAt)} by {a.SigningRulesSetBy}:");
            foreach (SigningRule r in a.SigningRules)
            {
                Line(b, "    " + SigningRuleSyntax.Format(r));
            }
        }

        return b.ToString();
    }

    public static string Specimen(Specimen s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var b = new StringBuilder();
        string name = s.SignatoryName.Length > 0 ? $" ({s.SignatoryName})" : string.Empty;
        Line(b, $"Specimen {s.Id}  {ProtoEnums.Name(s.Role)}{name}  {ProtoEnums.Name(s.Status)}  version {s.Version}");
        Line(b, $"  account {s.AccountId}, {ProtoEnums.Name(s.Kind).ToLowerInvariant()}, effective {Date(s.EffectiveFrom)} .. {(s.EffectiveTo is null ? "open" : Date(s.EffectiveTo))}");
        Line(b, $"  submitted {Time(s.SubmittedAt)} by {s.SubmittedBy}" + (s.ApprovedBy.Length > 0 ? $"; approved {Time(s.ApprovedAt)} by {s.ApprovedBy}" : string.Empty));
        if (s.Seal is { } seal)
        {
            Line(b, $"  seal: {seal.Shape} {seal.WidthMm:F1} × {seal.HeightMm:F1} mm, {ProtoEnums.Name(seal.Ink).ToLowerInvariant()} ink, engine {seal.EngineVersion} (features v{seal.FeatureVersion})");
        }

        if (s.PendingChange is { } p)
        {
            string to = p.EffectiveTo is null ? string.Empty : $" as of {Date(p.EffectiveTo)}";
            Line(b, $"  pending {ProtoEnums.Name(p.Kind)}{to}, requested {Time(p.RequestedAt)} by {p.RequestedBy}: {p.Reason}  (awaits a second person's approve-change)");
        }

        foreach (SpecimenEvent e in s.History)
        {
            string reason = e.Reason.Length > 0 ? $": {e.Reason}" : string.Empty;
            string to = e.EffectiveTo is null ? string.Empty : $" (effective to {Date(e.EffectiveTo)})";
            Line(b, $"    {e.Sequence,3}. {Time(e.At)}  {ProtoEnums.Name(e.Action),-22} by {e.Actor} → {ProtoEnums.Name(e.StatusAfter)}{to}{reason}");
        }

        return b.ToString();
    }

    public static string Verification(Verification v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var b = new StringBuilder();
        string satisfied = v.SatisfiedRule.Length > 0 ? $" by rule '{v.SatisfiedRule}'" : string.Empty;
        Line(b, $"{ProtoEnums.Name(v.Decision)}{satisfied}  ({ProtoEnums.Name(v.Status).ToLowerInvariant().Replace('_', ' ')})");
        Line(b, $"  verification {v.Id}, account {v.AccountId}, idempotency key {v.IdempotencyKey}");
        string amount = v.Amount is null ? "?" : CliInput.FormatMoney(v.Amount.MinorUnits, v.Amount.Currency);
        Line(b, $"  slip of {Date(v.SlipDate)} for {amount}; accept ≥ {v.AcceptThreshold.ToString("F3", Inv)}, reject < {v.RejectThreshold.ToString("F3", Inv)}; engine {v.EngineVersion}; {v.AnalysisMs.ToString("F0", Inv)} ms; by {v.RequestedBy} at {Time(v.CreatedAt)}");
        if (v.Findings.Any(f => f.Kind == EvidenceKind.Signature))
        {
            Line(b, $"  signatures: accept ≥ {v.SignatureAcceptThreshold.ToString("F3", Inv)}, reject < {v.SignatureRejectThreshold.ToString("F3", Inv)}");
        }

        if (v.Models.Count > 0)
        {
            Line(b, "  models: " + string.Join(", ", v.Models.Select(m => $"{m.Name} sha256 {m.Sha256[..Math.Min(12, m.Sha256.Length)]}…")));
        }
        if (v.Reasons.Count > 0)
        {
            Line(b, "  reasons:");
            foreach (Reason r in v.Reasons)
            {
                Line(b, $"    {ProtoEnums.Name(r.Code)}" + (r.Detail.Length > 0 ? $": {r.Detail}" : string.Empty));
            }
        }

        Line(b, v.Findings.Count == 0 ? "  findings: no seal impression or signature found" : $"  findings ({v.Findings.Count}):");
        int n = 0;
        foreach (Finding f in v.Findings)
        {
            Line(b, "    " + Finding(++n, f));
        }

        if (v.RuleEvaluations.Count > 0)
        {
            Line(b, "  rules:");
            foreach (RuleEvaluation r in v.RuleEvaluations)
            {
                Line(b, "    " + Rule(r));
            }
        }

        return b.ToString();
    }

    /// <summary>One impression: box, what it matched, probability, rotation, reasons.</summary>
    public static string Finding(int index, Finding f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Kind == EvidenceKind.Signature)
        {
            string who = f.SpecimenId.Length > 0
                ? $"signature of {f.SignatoryName} (specimen {f.SpecimenId}) p={f.Probability.ToString("F3", Inv)}"
                : $"signature matching no signatory (closest {f.SignatoryName}, p={f.Probability.ToString("F3", Inv)})";
            string why = f.ReasonCodes.Count > 0 ? $"  [{string.Join(", ", f.ReasonCodes.Select(ProtoEnums.Name))}]" : string.Empty;
            return $"{index}. {f.RegionName} box {Box(f.Box)}: {who}{why}";
        }

        string what = f.SpecimenId.Length > 0
            ? $"{ProtoEnums.Name(f.Role)} (specimen {f.SpecimenId}) p={f.Probability.ToString("F3", Inv)}"
            : $"unknown seal (best p={f.Probability.ToString("F3", Inv)})";
        string pose = f.Pose is { } p ? $", rotated {p.RotationDeg.ToString("F1", Inv)}°, scale {p.Scale.ToString("F3", Inv)}" : string.Empty;
        string shape = f.Shape.Length > 0 ? $" {f.Shape} {f.WidthMm.ToString("F1", Inv)} × {f.HeightMm.ToString("F1", Inv)} mm" : string.Empty;
        string reasons = f.ReasonCodes.Count > 0 ? $"  [{string.Join(", ", f.ReasonCodes.Select(ProtoEnums.Name))}]" : string.Empty;
        return $"{index}. box {Box(f.Box)}{shape}: {what}{pose}{reasons}";
    }

    /// <summary>One rule's outcome with the roles behind it.</summary>
    public static string Rule(RuleEvaluation r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var parts = new List<string>();
        Roles(parts, "satisfied", r.RolesSatisfied);
        Roles(parts, "uncertain", r.RolesUncertain);
        Roles(parts, "missing", r.RolesMissing);
        Roles(parts, "no usable specimen", r.RolesWithoutUsableSpecimen);
        string detail = parts.Count > 0 ? "; " + string.Join("; ", parts) : string.Empty;
        return $"{r.RuleName}: {ProtoEnums.Name(r.Status)} (accept ≥ {r.AcceptThreshold.ToString("F3", Inv)}){detail}";
    }

    public static string Credential(Credential c)
    {
        ArgumentNullException.ThrowIfNull(c);
        string revoked = c.RevokedAt is null ? string.Empty : $"; REVOKED {Time(c.RevokedAt)} by {c.RevokedBy}";
        return $"{c.KeyId}  {c.User}  [{string.Join(", ", c.Roles.Select(ProtoEnums.Name))}]  branch {c.Branch}; created {Time(c.CreatedAt)} by {c.CreatedBy}{revoked}";
    }

    /// <summary>A review case: state, why it is before people, who holds it until when, the outcome and the visible reviews.</summary>
    public static string ReviewCase(ReviewCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var b = new StringBuilder();
        string flags = (c.HoldsPayment ? ", payment held" : string.Empty) + (c.Alert ? ", ALERT (quality sample judged forged)" : string.Empty);
        Line(b, $"Case {c.Id}  {ProtoEnums.Name(c.State)}  {ProtoEnums.Name(c.Reason)}{flags}  version {c.Version}");
        Line(b, $"  verification {c.VerificationId}, account {c.AccountId}, branch {c.BranchCode}; submitted by {c.SubmittedBy}; opened {Time(c.OpenedAt)}");
        if (c.LeaseHolder.Length > 0)
        {
            Line(b, $"  claimed by {c.LeaseHolder}, lease expires {Time(c.LeaseExpiresAt)}");
        }

        if (c.EscalatedAt is not null)
        {
            Line(b, $"  escalated {Time(c.EscalatedAt)} (a supervisor decides)");
        }

        if (c.Outcome != Decision.Unspecified)
        {
            Line(b, $"  outcome {ProtoEnums.Name(c.Outcome)}, decided {Time(c.DecidedAt)} by {c.DecidedBy}");
        }

        if (c.Reviews.Count > 0)
        {
            Line(b, "  reviews you may see:");
            foreach (ReviewRecord r in c.Reviews)
            {
                Line(b, "    " + Review(r));
            }
        }

        return b.ToString();
    }

    /// <summary>One review record: kind, verdict, who, when, why.</summary>
    public static string Review(ReviewRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string comment = r.Comment.Length > 0 ? $": {r.Comment}" : string.Empty;
        return $"{r.Sequence}. {ProtoEnums.Name(r.Kind)} {ProtoEnums.Name(r.Verdict)} by {r.ReviewerId} at {Time(r.At)}{comment}";
    }

    /// <summary>One line of a case list.</summary>
    public static string ReviewCaseLine(ReviewCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        string lease = c.LeaseHolder.Length > 0 ? $"  claimed by {c.LeaseHolder} until {Time(c.LeaseExpiresAt)}" : string.Empty;
        string outcome = c.Outcome != Decision.Unspecified ? $"  → {ProtoEnums.Name(c.Outcome)}" : string.Empty;
        return $"{c.Id}  {ProtoEnums.Name(c.State),-22} {ProtoEnums.Name(c.Reason),-15} branch {c.BranchCode}  opened {Time(c.OpenedAt)}  verification {c.VerificationId}{lease}{outcome}";
    }

    /// <summary>One audit entry on one line.</summary>
    public static string AuditRecord(AuditRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string purpose = e.Purpose.Length > 0 ? $"  purpose \"{e.Purpose}\"" : string.Empty;
        return $"#{e.SequenceNumber}  {Time(e.At)}  {e.ActorId} [{e.Roles}] branch {e.BranchCode}  {e.Action} {e.TargetType} {e.TargetId}{purpose}  request {e.RequestId} from {e.ClientAddress}";
    }

    /// <summary>The chain check: intact with its head, or the first broken link.</summary>
    public static string AuditChain(VerifyAuditChainResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var b = new StringBuilder();
        if (r.Intact)
        {
            Line(b, $"intact: {r.EntriesVerified} entries verified");
        }
        else
        {
            AuditChainBreak? x = r.FirstBreak;
            string where = x is null ? "?" : $"entry #{x.SequenceNumber} (expected #{x.ExpectedSequenceNumber})";
            string why = x is null ? string.Empty : $": {ProtoEnums.Name(x.Kind)}" + (x.Detail.Length > 0 ? $" ({x.Detail})" : string.Empty);
            Line(b, $"BROKEN at {where}{why}");
            Line(b, $"  {r.EntriesVerified} entries verified intact before the break");
        }

        Line(b, $"  head: #{r.HeadSequenceNumber} {r.HeadHash}  (keep this outside the database to detect a truncated or rewritten tail)");
        return b.ToString();
    }

    public static string Candidate(int index, SpecimenCandidate c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return $"{index}. region {c.Box.X},{c.Box.Y},{c.Box.Width},{c.Box.Height}  {c.Shape} {c.WidthMm.ToString("F1", Inv)} × {c.HeightMm.ToString("F1", Inv)} mm, confidence {c.Confidence.ToString("F2", Inv)}";
    }

    public static string Box(Box? b) => b is null ? "[]" : $"[{b.X}, {b.Y}, {b.Width}, {b.Height}]";

    public static string Date(Date? d) => d is null || d.Year == 0 ? "-" : $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}";

    public static string Time(Timestamp? t) => t is null ? "-" : t.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", Inv);

    private static void Roles(List<string> parts, string label, Google.Protobuf.Collections.RepeatedField<SpecimenRole> roles)
    {
        if (roles.Count > 0)
        {
            parts.Add($"{label} {string.Join(", ", roles.Select(ProtoEnums.Name))}");
        }
    }

    private static void Line(StringBuilder b, string text) => b.Append(text).Append('\n');
}
