using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Data.Specimens;
using SealMatch.Domain;
using SealMatch.Domain.Accounts;
using SealMatch.Domain.Security;
using SealMatch.Domain.Specimens;
using SealMatch.Engine.Geometry;
using SealMatch.Engine.Imaging;
using SealMatch.Engine.Localisation;
using SealMatch.Engine.Signatures;
using SealMatch.Engine.Specimens;
using SealMatch.Engine.Verification;
using SealMatch.Server.Accounts;
using SealMatch.Server.Audit;
using SealMatch.Server.Errors;
using SealMatch.Server.Imaging;
using SealMatch.Server.Security;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Specimens;

/// <summary>Specimens under four eyes. The transitions and their rules live in <see cref="Specimen"/>.</summary>
internal sealed partial class SpecimenService(
    SealMatchDbContext db,
    AuditTrail audit,
    SealEngine engine,
    ScanLimits limits,
    ImageProtector protector,
    SpecimenTemplateCache templates,
    TimeProvider clock,
    ILogger<SpecimenService> logger) : Proto.SpecimenService.SpecimenServiceBase
{
    private const string Readers = $"{UserRoles.SpecimenClerk},{UserRoles.SpecimenApprover},{UserRoles.Reviewer},{UserRoles.ReviewSupervisor},{UserRoles.Auditor}";

    [Authorize(Roles = UserRoles.SpecimenClerk)]
    public override async Task<Proto.Specimen> SubmitSpecimen(Proto.SubmitSpecimenRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        Account account = await db.FindVisibleAsync(request.AccountId, actor, "account_id", context.CancellationToken);
        SpecimenRole role = ProtoMapping.ToDomain(request.Role, "role");
        DateOnly effectiveFrom = ProtoMapping.ToDate(request.EffectiveFrom, "effective_from");
        InkColour ink = Scans.ToInk(request.Ink);
        // The rules are checked before the image work, so a refused submission costs nothing.
        var specimen = Specimen.Submit(ProtoMapping.NewId("spc"), account, role, request.SignatoryName, effectiveFrom, actor, clock.GetUtcNow());
        SpecimenMaterial material = MakeMaterial(specimen, request, ink);
        db.Specimens.Add(specimen);
        db.SpecimenMaterials.Add(material);
        await audit.SaveChangesAsync(actor, AuditActions.SpecimenSubmit, AuditTargets.Specimen, specimen.Id, null, context.CancellationToken);
        Log.Submitted(logger, specimen.Id, specimen.AccountId, actor.UserId);
        return SpecimenMapping.ToProto(specimen, material, includeHistory: true);
    }

    [Authorize(Roles = UserRoles.SpecimenApprover)]
    public override Task<Proto.Specimen> ApproveSpecimen(Proto.ApproveSpecimenRequest request, ServerCallContext context) =>
        ChangeAsync(AuditActions.SpecimenApprove, request.SpecimenId, request.ExpectedVersion, context, (s, actor, now) => s.Approve(actor, now));

    [Authorize(Roles = UserRoles.SpecimenApprover)]
    public override Task<Proto.Specimen> RejectSpecimen(Proto.RejectSpecimenRequest request, ServerCallContext context) =>
        ChangeAsync(AuditActions.SpecimenReject, request.SpecimenId, request.ExpectedVersion, context, (s, actor, now) => s.Reject(actor, request.Reason, now));

    [Authorize(Roles = $"{UserRoles.SpecimenClerk},{UserRoles.SpecimenApprover}")]
    public override Task<Proto.Specimen> FreezeSpecimen(Proto.FreezeSpecimenRequest request, ServerCallContext context) =>
        ChangeAsync(AuditActions.SpecimenFreeze, request.SpecimenId, 0, context, (s, actor, now) => s.Freeze(actor, request.Reason, now));

    [Authorize(Roles = UserRoles.SpecimenClerk)]
    public override Task<Proto.Specimen> UnfreezeSpecimen(Proto.UnfreezeSpecimenRequest request, ServerCallContext context) =>
        ChangeAsync(AuditActions.SpecimenUnfreeze, request.SpecimenId, 0, context, (s, actor, now) => s.RequestUnfreeze(actor, request.Reason, now));

    [Authorize(Roles = UserRoles.SpecimenClerk)]
    public override Task<Proto.Specimen> RevokeSpecimen(Proto.RevokeSpecimenRequest request, ServerCallContext context)
    {
        DateOnly effectiveTo = ProtoMapping.ToDate(request.EffectiveTo, "effective_to");
        return ChangeAsync(AuditActions.SpecimenRevoke, request.SpecimenId, 0, context, (s, actor, now) => s.RequestRevocation(actor, effectiveTo, request.Reason, now));
    }

    [Authorize(Roles = UserRoles.SpecimenApprover)]
    public override Task<Proto.Specimen> ApproveSpecimenChange(Proto.ApproveSpecimenChangeRequest request, ServerCallContext context)
    {
        PendingChangeKind kind = SpecimenMapping.ToDomain(request.Kind);
        return ChangeAsync(AuditActions.SpecimenApproveChange, request.SpecimenId, request.ExpectedVersion, context, (s, actor, now) =>
        {
            if (kind == PendingChangeKind.Unfreeze)
            {
                s.ApproveUnfreeze(actor, now);
            }
            else
            {
                s.ApproveRevocation(actor, now);
            }
        });
    }

    [Authorize(Roles = UserRoles.SpecimenApprover)]
    public override Task<Proto.Specimen> RejectSpecimenChange(Proto.RejectSpecimenChangeRequest request, ServerCallContext context)
    {
        PendingChangeKind kind = SpecimenMapping.ToDomain(request.Kind);
        return ChangeAsync(AuditActions.SpecimenRejectChange, request.SpecimenId, request.ExpectedVersion, context, (s, actor, now) =>
        {
            if (s.PendingChange?.Kind != kind)
            {
                throw new DomainRuleViolationException(ViolationCode.NoPendingChange, $"There is no pending {kind} to reject.", "kind");
            }

            s.RejectPendingChange(actor, request.Reason, now);
        });
    }

    [Authorize(Roles = Readers)]
    public override async Task<Proto.ListSpecimensResponse> ListSpecimens(Proto.ListSpecimensRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        Account account = await db.FindVisibleAsync(request.AccountId, actor, "account_id", context.CancellationToken);
        IQueryable<Specimen> query = db.Specimens.AsNoTracking().Where(s => s.AccountId == account.Id);
        if (!request.IncludeInactive)
        {
            query = query.Where(s => s.Status == SpecimenStatus.PendingApproval || s.Status == SpecimenStatus.Active || s.Status == SpecimenStatus.Frozen);
        }

        if (request.IncludeHistory)
        {
            query = query.Include(s => s.History);
        }

        List<Specimen> specimens = await query.OrderBy(s => s.SubmittedAt).ThenBy(s => s.Id).ToListAsync(context.CancellationToken);
        List<string> ids = [.. specimens.Select(s => s.Id)];
        Dictionary<string, SpecimenMaterial> summaries = await SpecimenMapping.SummariesAsync(db, ids, context.CancellationToken);
        var response = new Proto.ListSpecimensResponse();
        response.Specimens.AddRange(specimens.Select(s => SpecimenMapping.ToProto(s, summaries.GetValueOrDefault(s.Id), request.IncludeHistory)));
        return response;
    }

    [Authorize(Roles = Readers)]
    public override async Task<Proto.SpecimenImage> GetSpecimenImage(Proto.GetSpecimenImageRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Trim().Length < 5 || request.Purpose.Length > 2000)
        {
            throw new RequestInvalidException("purpose", "State why the image is looked at (purpose, 5–2000 characters); it is recorded.");
        }

        Specimen specimen = await FindVisibleSpecimenAsync(request.SpecimenId, actor, context.CancellationToken);
        SpecimenMaterial material = await db.SpecimenMaterials.AsNoTracking().SingleAsync(m => m.SpecimenId == specimen.Id, context.CancellationToken);
        db.SpecimenImageAccesses.Add(new SpecimenImageAccess
        {
            Id = Guid.CreateVersion7(),
            SpecimenId = specimen.Id,
            AccountId = specimen.AccountId,
            ActorId = actor.UserId,
            Purpose = request.Purpose.Trim(),
            At = clock.GetUtcNow().UtcDateTime,
        });
        await audit.SaveChangesAsync(actor, AuditActions.SpecimenImageRead, AuditTargets.Specimen, specimen.Id, request.Purpose.Trim(), context.CancellationToken);
        Log.ImageViewed(logger, specimen.Id, actor.UserId);

        var image = new Proto.SpecimenImage
        {
            SpecimenId = specimen.Id,
            Image = ByteString.CopyFrom(protector.Unprotect(material.EncryptedImage, SpecimenPurposes.Image(specimen.Id))),
            ContentType = material.ContentType,
            Dpi = material.Dpi,
        };
        if (material.RegionX is int x && material.RegionY is int y && material.RegionWidth is int w && material.RegionHeight is int h)
        {
            image.Region = new Proto.Box { X = x, Y = y, Width = w, Height = h };
        }

        if (specimen.Kind == SpecimenKind.Signature)
        {
            // The normalised signature the engine compares (background, lines and seal ink removed).
            using ScanImage scan = ScanImage.Load(image.Image.Span, material.Dpi, limits);
            PixelBox? region = image.Region is { } r ? new PixelBox(r.X, r.Y, r.Width, r.Height) : null;
            image.TemplatePng = ByteString.CopyFrom(SignaturePreprocessor.Prepare(scan, region).EncodePng());
        }
        else if (material.EncryptedTemplate is not null)
        {
            image.TemplatePng = ByteString.CopyFrom(templates.Get(material).StrengthPng());
        }

        return image;
    }

    [Authorize(Roles = UserRoles.SpecimenClerk)]
    public override Task<Proto.ExtractSpecimensResponse> ExtractSpecimens(Proto.ExtractSpecimensRequest request, ServerCallContext context)
    {
        InkColour ink = Scans.ToInk(request.Ink);
        using ScanImage card = Scans.Load(request.Image, request.Dpi, limits, "image");
        IReadOnlyList<DetectedSeal> seals = engine.ExtractSpecimenCandidates(card, ink);
        var response = new Proto.ExtractSpecimensResponse();
        response.Candidates.AddRange(seals.Select(s => new Proto.SpecimenCandidate
        {
            Box = new Proto.Box { X = s.Box.X, Y = s.Box.Y, Width = s.Box.Width, Height = s.Box.Height },
            Shape = s.Shape.ToString(),
            WidthMm = s.WidthMm,
            HeightMm = s.HeightMm,
            Confidence = s.Confidence,
        }));
        return Task.FromResult(response);
    }

    /// <summary>Loads the specimen (with its history), lets the aggregate make the transition, saves once.</summary>
    private async Task<Proto.Specimen> ChangeAsync(string action, string specimenId, long expectedVersion, ServerCallContext context, Action<Specimen, Actor, DateTimeOffset> transition)
    {
        Actor actor = context.GetActor();
        Specimen specimen = await FindVisibleSpecimenAsync(specimenId, actor, context.CancellationToken);
        if (expectedVersion != 0 && expectedVersion != specimen.Version)
        {
            throw new StaleVersionException("expected_version", $"The specimen is at version {specimen.Version}, not {expectedVersion}; read it again.");
        }

        transition(specimen, actor, clock.GetUtcNow());
        await audit.SaveChangesAsync(actor, action, AuditTargets.Specimen, specimen.Id, null, context.CancellationToken);
        Log.Changed(logger, specimen.Id, specimen.Status, actor.UserId);
        Dictionary<string, SpecimenMaterial> summaries = await SpecimenMapping.SummariesAsync(db, [specimen.Id], context.CancellationToken);
        return SpecimenMapping.ToProto(specimen, summaries.GetValueOrDefault(specimen.Id), includeHistory: true);
    }

    private async Task<Specimen> FindVisibleSpecimenAsync(string specimenId, Actor actor, CancellationToken cancellationToken)
    {
        string id = ProtoMapping.RequiredId(specimenId, "specimen_id");
        Specimen specimen = await db.Specimens.Include(s => s.History).SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException("specimen", id, "specimen_id");
        string branch = await db.Accounts.Where(a => a.Id == specimen.AccountId).Select(a => a.BranchCode).SingleAsync(cancellationToken);
        actor.EnsureCanAccessBranch(branch, "specimen_id");
        return specimen;
    }

    private SpecimenMaterial MakeMaterial(Specimen specimen, Proto.SubmitSpecimenRequest request, InkColour ink)
    {
        using ScanImage scan = Scans.Load(request.Image, request.Dpi, limits, "image");
        PixelBox? region = null;
        if (request.Region is { } r)
        {
            if (r.Width <= 0 || r.Height <= 0 || r.X < 0 || r.Y < 0 || r.X + r.Width > scan.Width || r.Y + r.Height > scan.Height)
            {
                throw new RequestInvalidException("region", $"region must lie inside the {scan.Width}×{scan.Height} image.");
            }

            region = new PixelBox(r.X, r.Y, r.Width, r.Height);
        }

        StoredTemplate template = specimen.Kind == SpecimenKind.Signature ? SignatureTemplateOf(scan, region) : SealTemplateOf(scan, region, ink);
        return new SpecimenMaterial
        {
            SpecimenId = specimen.Id,
            EncryptedImage = protector.Protect(request.Image.Span, SpecimenPurposes.Image(specimen.Id)),
            ImageSha256 = ImageHash.Sha256Hex(request.Image.Span),
            ContentType = Scans.ContentType(scan.Format),
            Dpi = scan.Dpi,
            RegionX = region?.X,
            RegionY = region?.Y,
            RegionWidth = region?.Width,
            RegionHeight = region?.Height,
            EncryptedTemplate = template.Serialised is { } bytes ? protector.Protect(bytes, SpecimenPurposes.Template(specimen.Id)) : null,
            Ink = template.Ink,
            Shape = template.Shape,
            WidthMm = template.WidthMm,
            HeightMm = template.HeightMm,
            EngineVersion = template.EngineVersion,
            FeatureVersion = template.FeatureVersion,
            Descriptor = template.Descriptor,
        };
    }

    /// <summary>A seal's template with its ink, shape, size and descriptor (readable without decrypting it).</summary>
    private StoredTemplate SealTemplateOf(ScanImage scan, PixelBox? region, InkColour ink)
    {
        using SealTemplate template = CreateTemplate(scan, region, ink);
        return new StoredTemplate(template.Serialise(), template.EngineVersion, template.FeatureVersion)
        {
            Ink = template.Ink.ToString(),
            Shape = template.Shape.ToString(),
            WidthMm = template.WidthMm,
            HeightMm = template.HeightMm,
            Descriptor = MemoryMarshal.AsBytes(template.Descriptor.ToArray().AsSpan()).ToArray(),
        };
    }

    /// <summary>
    /// A signature's template: normalised and embedded by the signature model whose SHA-256 it
    /// carries. Without the model (a build without models/signature-embedding.onnx) the signature is
    /// stored for people only.
    /// </summary>
    private static StoredTemplate SignatureTemplateOf(ScanImage scan, PixelBox? region)
    {
        if (SignatureEngine.Default is not { } signatures)
        {
            return new StoredTemplate(null, null, null);
        }

        try
        {
            SignatureTemplate template = signatures.CreateTemplate(scan, region);
            return new StoredTemplate(template.Serialise(), $"{SignatureEngine.ModelName}@{template.ModelSha256[..12]}", template.FeatureVersion);
        }
        catch (ScanRejectedException e)
        {
            throw new RequestInvalidException(region is null ? "image" : "region", "No signature could be read: " + e.Message);
        }
    }

    private SealTemplate CreateTemplate(ScanImage scan, PixelBox? region, InkColour ink)
    {
        try
        {
            return region is PixelBox box ? engine.CreateTemplate(scan, box, ink) : engine.CreateTemplateFromSealImage(scan, ink);
        }
        catch (ArgumentException e) when (region is not null)
        {
            throw new RequestInvalidException("region", e.Message);
        }
        catch (InvalidOperationException)
        {
            throw new RequestInvalidException("image", "No seal impression was found in the image; give the region of the seal or a clearer scan.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Specimen {SpecimenId} submitted for account {AccountId} by {Actor}")]
        public static partial void Submitted(ILogger logger, string specimenId, string accountId, string actor);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Specimen {SpecimenId} is now {Status} (by {Actor})")]
        public static partial void Changed(ILogger logger, string specimenId, SpecimenStatus status, string actor);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Specimen {SpecimenId} image viewed by {Actor}")]
        public static partial void ImageViewed(ILogger logger, string specimenId, string actor);
    }

    /// <summary>What a specimen's material stores of the engine's template, seal or signature.</summary>
    private sealed record StoredTemplate(byte[]? Serialised, string? EngineVersion, int? FeatureVersion)
    {
        public string? Ink { get; init; }

        public string? Shape { get; init; }

        public double? WidthMm { get; init; }

        public double? HeightMm { get; init; }

        public byte[]? Descriptor { get; init; }
    }
}
