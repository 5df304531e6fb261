using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Data.Specimens;
using SealMatch.Domain.Specimens;
using SealMatch.Server.Errors;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Specimens;

internal static class SpecimenMapping
{
    public static PendingChangeKind ToDomain(Proto.PendingChangeKind kind) => kind switch
    {
        Proto.PendingChangeKind.Unfreeze => PendingChangeKind.Unfreeze,
        Proto.PendingChangeKind.Revocation => PendingChangeKind.Revocation,
        _ => throw new RequestInvalidException("kind", "kind must name the pending change reviewed (UNFREEZE or REVOCATION)."),
    };

    /// <summary>The template summaries of some specimens, without loading the encrypted blobs.</summary>
    public static Task<Dictionary<string, SpecimenMaterial>> SummariesAsync(SealMatchDbContext db, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        db.SpecimenMaterials.AsNoTracking()
            .Where(m => ids.Contains(m.SpecimenId))
            .Select(m => new SpecimenMaterial
            {
                SpecimenId = m.SpecimenId,
                EncryptedImage = Array.Empty<byte>(),
                ContentType = m.ContentType,
                Dpi = m.Dpi,
                Ink = m.Ink,
                Shape = m.Shape,
                WidthMm = m.WidthMm,
                HeightMm = m.HeightMm,
                EngineVersion = m.EngineVersion,
                FeatureVersion = m.FeatureVersion,
            })
            .ToDictionaryAsync(m => m.SpecimenId, cancellationToken);

    public static Proto.Specimen ToProto(Specimen specimen, SpecimenMaterial? material, bool includeHistory)
    {
        var proto = new Proto.Specimen
        {
            Id = specimen.Id,
            AccountId = specimen.AccountId,
            Role = ProtoMapping.ToProto(specimen.Role),
            Kind = specimen.Kind == SpecimenKind.Seal ? Proto.SpecimenKind.Seal : Proto.SpecimenKind.Signature,
            Status = ToProto(specimen.Status),
            EffectiveFrom = ProtoMapping.ToProto(specimen.EffectiveFrom),
            EffectiveTo = ProtoMapping.ToProto(specimen.EffectiveTo),
            SignatoryName = specimen.SignatoryName ?? string.Empty,
            SubmittedBy = specimen.SubmittedBy,
            SubmittedAt = ProtoMapping.ToTimestamp(specimen.SubmittedAt),
            ApprovedBy = specimen.ApprovedBy ?? string.Empty,
            ApprovedAt = ProtoMapping.ToTimestamp(specimen.ApprovedAt),
            Version = specimen.Version,
        };
        if (specimen.PendingChange is { } pending)
        {
            proto.PendingChange = new Proto.PendingChange
            {
                Kind = pending.Kind == PendingChangeKind.Unfreeze ? Proto.PendingChangeKind.Unfreeze : Proto.PendingChangeKind.Revocation,
                RequestedBy = pending.RequestedBy,
                RequestedAt = ProtoMapping.ToTimestamp(pending.RequestedAt),
                Reason = pending.Reason,
                EffectiveTo = ProtoMapping.ToProto(pending.EffectiveTo),
            };
        }

        if (material is { Shape: not null })
        {
            proto.Seal = new Proto.SealTemplateSummary
            {
                Shape = material.Shape,
                WidthMm = material.WidthMm ?? 0,
                HeightMm = material.HeightMm ?? 0,
                Ink = Enum.TryParse(material.Ink, out Engine.Imaging.InkColour ink) ? Imaging.Scans.ToProto(ink) : Proto.InkColour.Unspecified,
                EngineVersion = material.EngineVersion ?? string.Empty,
                FeatureVersion = material.FeatureVersion ?? 0,
            };
        }

        if (includeHistory)
        {
            proto.History.AddRange(specimen.History.OrderBy(e => e.Sequence).Select(e => new Proto.SpecimenEvent
            {
                Sequence = e.Sequence,
                At = ProtoMapping.ToTimestamp(e.At),
                Actor = e.ActorId,
                Action = ToProto(e.Action),
                Reason = e.Reason ?? string.Empty,
                StatusAfter = ToProto(e.StatusAfter),
                EffectiveTo = ProtoMapping.ToProto(e.EffectiveTo),
            }));
        }

        return proto;
    }

    public static Proto.SpecimenStatus ToProto(SpecimenStatus status) => status switch
    {
        SpecimenStatus.PendingApproval => Proto.SpecimenStatus.PendingApproval,
        SpecimenStatus.Active => Proto.SpecimenStatus.Active,
        SpecimenStatus.Rejected => Proto.SpecimenStatus.Rejected,
        SpecimenStatus.Frozen => Proto.SpecimenStatus.Frozen,
        SpecimenStatus.Revoked => Proto.SpecimenStatus.Revoked,
        _ => Proto.SpecimenStatus.Unspecified,
    };

    private static Proto.SpecimenAction ToProto(SpecimenAction action) => action switch
    {
        SpecimenAction.Submitted => Proto.SpecimenAction.Submitted,
        SpecimenAction.Approved => Proto.SpecimenAction.Approved,
        SpecimenAction.Rejected => Proto.SpecimenAction.Rejected,
        SpecimenAction.Frozen => Proto.SpecimenAction.Frozen,
        SpecimenAction.UnfreezeRequested => Proto.SpecimenAction.UnfreezeRequested,
        SpecimenAction.Unfrozen => Proto.SpecimenAction.Unfrozen,
        SpecimenAction.RevocationRequested => Proto.SpecimenAction.RevocationRequested,
        SpecimenAction.Revoked => Proto.SpecimenAction.Revoked,
        SpecimenAction.PendingChangeRejected => Proto.SpecimenAction.PendingChangeRejected,
        _ => Proto.SpecimenAction.Unspecified,
    };
}
