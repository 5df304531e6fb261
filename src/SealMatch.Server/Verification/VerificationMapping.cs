using SealMatch.Domain.Accounts;
using SealMatch.Domain.Verification;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Verification;

internal static class VerificationMapping
{
    /// <summary>
    /// The wire form of a verification. The outcome's findings index the evidence: first the seal
    /// <paramref name="impressions"/>, then the <paramref name="signatures"/>.
    /// </summary>
    public static Proto.Verification ToProto(
        string id, string accountId, string key, string requestedBy, DateTime createdAt, DateOnly slipDate, Money amount,
        VerificationOutcome outcome,
        IReadOnlyList<Engine.Verification.ImpressionFinding> impressions,
        IReadOnlyList<SignatureFinding> signatures,
        IReadOnlyList<Proto.ModelUse> models,
        double analysisMs,
        IReadOnlyDictionary<string, string>? signatoryNames = null)
    {
        var proto = new Proto.Verification
        {
            Id = id,
            AccountId = accountId,
            IdempotencyKey = key,
            Decision = outcome.Decision switch
            {
                Decision.Accept => Proto.Decision.Accept,
                Decision.Reject => Proto.Decision.Reject,
                _ => Proto.Decision.Review,
            },
            // REVIEW waits for people (the review workflow); ACCEPT and REJECT are final at once.
            Status = outcome.Decision == Decision.Review ? Proto.VerificationStatus.AwaitingReview : Proto.VerificationStatus.Final,
            SatisfiedRule = outcome.SatisfiedRule ?? string.Empty,
            SlipDate = ProtoMapping.ToProto(slipDate),
            Amount = ProtoMapping.ToProto(amount),
            AcceptThreshold = outcome.Thresholds.Accept,
            RejectThreshold = outcome.Thresholds.Reject,
            EngineVersion = Engine.EngineInfo.EngineVersion,
            RequestedBy = requestedBy,
            CreatedAt = ProtoMapping.ToTimestamp(createdAt),
            AnalysisMs = analysisMs,
            SignatureAcceptThreshold = outcome.SignatureThresholds.Accept,
            SignatureRejectThreshold = outcome.SignatureThresholds.Reject,
        };
        proto.Models.AddRange(models);
        proto.Reasons.AddRange(outcome.Reasons.Select(r => new Proto.Reason { Code = ToProto(r.Code), Detail = r.Detail }));
        proto.Findings.AddRange(outcome.Findings.Select(f => f.Index < impressions.Count
            ? ToProto(f, impressions[f.Index])
            : ToProto(f, signatures[f.Index - impressions.Count], signatoryNames)));
        proto.RuleEvaluations.AddRange(outcome.Rules.Select(ToProto));
        return proto;
    }

    private static Proto.Finding ToProto(Domain.Verification.ImpressionFinding finding, Engine.Verification.ImpressionFinding impression)
    {
        var proto = new Proto.Finding
        {
            Box = new Proto.Box { X = finding.Box.X, Y = finding.Box.Y, Width = finding.Box.Width, Height = finding.Box.Height },
            SpecimenId = finding.SpecimenId ?? string.Empty,
            Role = finding.Role is { } role ? ProtoMapping.ToProto(role) : Proto.SpecimenRole.Unspecified,
            Probability = finding.Probability,
            Shape = impression.Detection.Shape.ToString(),
            WidthMm = impression.Detection.WidthMm,
            HeightMm = impression.Detection.HeightMm,
            Kind = Proto.EvidenceKind.Seal,
        };
        proto.ReasonCodes.AddRange(finding.Reasons.Select(ToProto));
        if (impression.Best is { } best)
        {
            proto.Pose = new Proto.Pose { CentreX = best.Pose.CentrePx.X, CentreY = best.Pose.CentrePx.Y, RotationDeg = best.Pose.RotationDeg, Scale = best.Pose.Scale };
        }

        return proto;
    }

    private static Proto.Finding ToProto(Domain.Verification.ImpressionFinding finding, SignatureFinding signature, IReadOnlyDictionary<string, string>? signatoryNames)
    {
        // The signatory of the assigned specimen, else of the closest group compared.
        string signatory = finding.SpecimenId is { } assigned && signatoryNames?.GetValueOrDefault(assigned) is { } name
            ? name
            : signature.Comparisons.MaxBy(c => c.Comparison.Probability ?? 0)?.Signatory ?? string.Empty;
        var proto = new Proto.Finding
        {
            Box = new Proto.Box { X = finding.Box.X, Y = finding.Box.Y, Width = finding.Box.Width, Height = finding.Box.Height },
            SpecimenId = finding.SpecimenId ?? string.Empty,
            Role = finding.Role is { } role ? ProtoMapping.ToProto(role) : Proto.SpecimenRole.Unspecified,
            Probability = finding.Probability,
            Kind = Proto.EvidenceKind.Signature,
            SignatoryName = signatory,
            RegionName = signature.Region.Name,
            Shape = "Signature",
        };
        proto.ReasonCodes.AddRange(finding.Reasons.Select(ToProto));
        return proto;
    }

    private static Proto.RuleEvaluation ToProto(RuleEvaluation rule)
    {
        var proto = new Proto.RuleEvaluation
        {
            RuleName = rule.RuleName,
            Status = rule.Status switch
            {
                RuleStatus.NotApplicable => Proto.RuleStatus.NotApplicable,
                RuleStatus.Satisfied => Proto.RuleStatus.Satisfied,
                RuleStatus.Uncertain => Proto.RuleStatus.Uncertain,
                RuleStatus.NotSatisfied => Proto.RuleStatus.NotSatisfied,
                RuleStatus.Impossible => Proto.RuleStatus.Impossible,
                _ => Proto.RuleStatus.Unspecified,
            },
            AcceptThreshold = rule.AcceptThreshold,
        };
        proto.RolesSatisfied.AddRange(rule.RolesSatisfied.Select(ProtoMapping.ToProto));
        proto.RolesUncertain.AddRange(rule.RolesUncertain.Select(ProtoMapping.ToProto));
        proto.RolesMissing.AddRange(rule.RolesMissing.Select(ProtoMapping.ToProto));
        proto.RolesWithoutUsableSpecimen.AddRange(rule.RolesWithoutUsableSpecimen.Select(ProtoMapping.ToProto));
        return proto;
    }

    public static Proto.ReasonCode ToProto(ReasonCode code) => code switch
    {
        ReasonCode.NoSealFound => Proto.ReasonCode.NoSealFound,
        ReasonCode.UnknownSeal => Proto.ReasonCode.UnknownSeal,
        ReasonCode.SpecimenFrozen => Proto.ReasonCode.SpecimenFrozen,
        ReasonCode.SpecimenRevoked => Proto.ReasonCode.SpecimenRevoked,
        ReasonCode.SpecimenNotEffective => Proto.ReasonCode.SpecimenNotEffective,
        ReasonCode.SpecimenNotApproved => Proto.ReasonCode.SpecimenNotApproved,
        ReasonCode.RuleNotSatisfied => Proto.ReasonCode.RuleNotSatisfied,
        ReasonCode.LowConfidence => Proto.ReasonCode.LowConfidence,
        ReasonCode.ForgerySuspected => Proto.ReasonCode.ForgerySuspected,
        ReasonCode.ImageQuality => Proto.ReasonCode.ImageQuality,
        _ => Proto.ReasonCode.Unspecified,
    };
}
