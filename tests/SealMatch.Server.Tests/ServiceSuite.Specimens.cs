using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SealMatch.Data;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

public abstract partial class ServiceSuite
{
    [SkippableFact]
    public async Task Specimen_lifecycle_follows_four_eyes_and_keeps_its_history()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients dual = await MakerChecker();
        using Clients approver = await Approver();
        Account account = await NewAccountAsync(clerk);

        Specimen s = await SubmitSealAsync(dual, account.Id, SpecimenRole.FinanceSeal);
        Assert.Equal(SpecimenStatus.PendingApproval, s.Status);
        Assert.Equal(SpecimenKind.Seal, s.Kind);
        Assert.NotNull(s.Seal);
        Assert.InRange(s.Seal.WidthMm, 20, 60);

        Google.Rpc.Status? own = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => dual.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = s.Id }).ResponseAsync);
        Assert.Equal("FOUR_EYES", RpcAssert.Reason(own));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => clerk.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = s.Id }).ResponseAsync);
        await RpcAssert.FailsOnFieldAsync(StatusCode.Aborted, "expected_version",
            () => approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = s.Id, ExpectedVersion = s.Version + 5 }).ResponseAsync);

        s = await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = s.Id, ExpectedVersion = s.Version });
        Assert.Equal(SpecimenStatus.Active, s.Status);
        Assert.Equal("approver-a", s.ApprovedBy);
        Google.Rpc.Status? twice = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = s.Id }).ResponseAsync);
        Assert.Equal("ILLEGAL_TRANSITION", RpcAssert.Reason(twice));

        // A loss report takes effect at once, on one clerk's word.
        s = await clerk.Specimens.FreezeSpecimenAsync(new FreezeSpecimenRequest { SpecimenId = s.Id, Reason = "seal reported lost" });
        Assert.Equal(SpecimenStatus.Frozen, s.Status);

        s = await dual.Specimens.UnfreezeSpecimenAsync(new UnfreezeSpecimenRequest { SpecimenId = s.Id, Reason = "seal found" });
        Assert.Equal(SpecimenStatus.Frozen, s.Status);
        Assert.Equal(PendingChangeKind.Unfreeze, s.PendingChange.Kind);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => clerk.Specimens.UnfreezeSpecimenAsync(new UnfreezeSpecimenRequest { SpecimenId = s.Id, Reason = "again" }).ResponseAsync);
        Google.Rpc.Status? ownChange = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => dual.Specimens.ApproveSpecimenChangeAsync(new ApproveSpecimenChangeRequest { SpecimenId = s.Id, Kind = PendingChangeKind.Unfreeze }).ResponseAsync);
        Assert.Equal("FOUR_EYES", RpcAssert.Reason(ownChange));
        Google.Rpc.Status? wrongKind = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => approver.Specimens.ApproveSpecimenChangeAsync(new ApproveSpecimenChangeRequest { SpecimenId = s.Id, Kind = PendingChangeKind.Revocation }).ResponseAsync);
        Assert.Equal("NO_PENDING_CHANGE", RpcAssert.Reason(wrongKind));
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "kind",
            () => approver.Specimens.ApproveSpecimenChangeAsync(new ApproveSpecimenChangeRequest { SpecimenId = s.Id }).ResponseAsync);

        s = await approver.Specimens.ApproveSpecimenChangeAsync(new ApproveSpecimenChangeRequest { SpecimenId = s.Id, Kind = PendingChangeKind.Unfreeze, ExpectedVersion = s.Version });
        Assert.Equal(SpecimenStatus.Active, s.Status);
        Assert.Null(s.PendingChange);

        // A revocation waits for approval; a rejected request changes nothing but the history.
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "effective_to",
            () => clerk.Specimens.RevokeSpecimenAsync(new RevokeSpecimenRequest { SpecimenId = s.Id, Reason = "replaced", EffectiveTo = D(2019, 1, 1) }).ResponseAsync);
        s = await clerk.Specimens.RevokeSpecimenAsync(new RevokeSpecimenRequest { SpecimenId = s.Id, Reason = "replaced", EffectiveTo = D(2026, 3, 1) });
        Assert.Equal(SpecimenStatus.Active, s.Status);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "reason",
            () => approver.Specimens.RejectSpecimenChangeAsync(new RejectSpecimenChangeRequest { SpecimenId = s.Id, Kind = PendingChangeKind.Revocation }).ResponseAsync);
        s = await approver.Specimens.RejectSpecimenChangeAsync(new RejectSpecimenChangeRequest { SpecimenId = s.Id, Kind = PendingChangeKind.Revocation, Reason = "no new card" });
        Assert.Equal(SpecimenStatus.Active, s.Status);
        Assert.Null(s.PendingChange);
        s = await clerk.Specimens.RevokeSpecimenAsync(new RevokeSpecimenRequest { SpecimenId = s.Id, Reason = "replaced", EffectiveTo = D(2026, 3, 1) });
        s = await approver.Specimens.ApproveSpecimenChangeAsync(new ApproveSpecimenChangeRequest { SpecimenId = s.Id, Kind = PendingChangeKind.Revocation });
        Assert.Equal(SpecimenStatus.Revoked, s.Status);
        Assert.Equal(D(2026, 3, 1), s.EffectiveTo);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => clerk.Specimens.FreezeSpecimenAsync(new FreezeSpecimenRequest { SpecimenId = s.Id, Reason = "lost" }).ResponseAsync);

        Assert.Equal(
            [SpecimenAction.Submitted, SpecimenAction.Approved, SpecimenAction.Frozen, SpecimenAction.UnfreezeRequested, SpecimenAction.Unfrozen,
             SpecimenAction.RevocationRequested, SpecimenAction.PendingChangeRejected, SpecimenAction.RevocationRequested, SpecimenAction.Revoked],
            s.History.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, 9), s.History.Select(e => e.Sequence));

        // Never deleted: the revoked specimen is history, listed on request.
        ListSpecimensResponse current = await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id });
        Assert.Empty(current.Specimens);
        ListSpecimensResponse all = await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id, IncludeInactive = true, IncludeHistory = true });
        Specimen listed = Assert.Single(all.Specimens);
        Assert.Equal(9, listed.History.Count);
        using IServiceScope scope = Host.Services.CreateScope();
        Assert.Equal(9, await scope.ServiceProvider.GetRequiredService<SealMatchDbContext>().SpecimenEvents.CountAsync(e => e.SpecimenId == s.Id));
    }

    [SkippableFact]
    public async Task Submissions_are_rejected_with_a_reason_and_bad_inputs_name_their_field()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients approver = await Approver();
        Account account = await NewAccountAsync(clerk);

        Specimen s = await SubmitSealAsync(clerk, account.Id, SpecimenRole.CompanySeal);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "reason",
            () => approver.Specimens.RejectSpecimenAsync(new RejectSpecimenRequest { SpecimenId = s.Id }).ResponseAsync);
        s = await approver.Specimens.RejectSpecimenAsync(new RejectSpecimenRequest { SpecimenId = s.Id, Reason = "smudged card" });
        Assert.Equal(SpecimenStatus.Rejected, s.Status);

        byte[] seal = SyntheticBank.Specimens[SpecimenRole.FinanceSeal];
        SubmitSpecimenRequest Valid() => new()
        {
            AccountId = account.Id,
            Role = SpecimenRole.FinanceSeal,
            Image = ByteString.CopyFrom(seal),
            EffectiveFrom = D(2024, 1, 1),
        };

        async Task Refused(StatusCode code, string field, Action<SubmitSpecimenRequest> change)
        {
            SubmitSpecimenRequest request = Valid();
            change(request);
            await RpcAssert.FailsOnFieldAsync(code, field, () => clerk.Specimens.SubmitSpecimenAsync(request).ResponseAsync);
        }

        await Refused(StatusCode.InvalidArgument, "image", r => r.Image = ByteString.Empty);
        await Refused(StatusCode.InvalidArgument, "image", r => r.Image = ByteString.CopyFrom([.. seal.Take(200)]));
        await Refused(StatusCode.InvalidArgument, "image", r => r.Image = ByteString.CopyFromUtf8("GIF89a not a scan"));
        await Refused(StatusCode.InvalidArgument, "dpi", r => r.Dpi = 100);
        await Refused(StatusCode.InvalidArgument, "effective_from", r => r.EffectiveFrom = null);
        await Refused(StatusCode.InvalidArgument, "effective_from", r => r.EffectiveFrom = D(2024, 2, 30));
        await Refused(StatusCode.InvalidArgument, "role", r => r.Role = SpecimenRole.Unspecified);
        await Refused(StatusCode.InvalidArgument, "signatory_name", r => r.Role = SpecimenRole.Signatory);
        await Refused(StatusCode.InvalidArgument, "region", r => r.Region = new Box { X = 0, Y = 0, Width = 100_000, Height = 50 });
        await Refused(StatusCode.NotFound, "account_id", r => r.AccountId = "acc_nope");
        await Refused(StatusCode.InvalidArgument, "account_id", r => r.AccountId = string.Empty);
        ListSpecimensResponse listed = await clerk.Specimens.ListSpecimensAsync(new ListSpecimensRequest { AccountId = account.Id, IncludeInactive = true });
        Assert.Single(listed.Specimens); // only the rejected one: nothing half-written

        // Signatures are accepted and stored with their embedding.
        Specimen signature = await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
        {
            AccountId = account.Id,
            Role = SpecimenRole.Signatory,
            SignatoryName = "王小明",
            Image = ByteString.CopyFrom(SyntheticBank.Signature("王小明")),
            Dpi = 300,
            EffectiveFrom = D(2024, 1, 1),
        });
        Assert.Equal(SpecimenKind.Signature, signature.Kind);
        Assert.Equal("王小明", signature.SignatoryName);
        Assert.Null(signature.Seal);
    }

    [SkippableFact]
    public async Task Specimen_images_are_encrypted_at_rest_and_each_look_is_recorded_with_its_purpose()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients auditor = await Auditor();
        using Clients teller = await Teller();
        Account account = await NewAccountAsync(clerk);
        Specimen s = await SubmitSealAsync(clerk, account.Id, SpecimenRole.LegalRepresentativeSeal);
        byte[] original = SyntheticBank.Specimens[SpecimenRole.LegalRepresentativeSeal];

        using (IServiceScope scope = Host.Services.CreateScope())
        {
            SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
            var stored = await db.SpecimenMaterials.AsNoTracking().SingleAsync(m => m.SpecimenId == s.Id);
            Assert.NotNull(stored.EncryptedTemplate);
            Assert.False(stored.EncryptedImage.AsSpan().IndexOf(original.AsSpan(0, 64)) >= 0, "the image is stored in clear");
            Assert.False(stored.EncryptedTemplate.AsSpan().IndexOf("SMSEAL"u8) >= 0, "the template is stored in clear");
        }

        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "purpose",
            () => auditor.Specimens.GetSpecimenImageAsync(new GetSpecimenImageRequest { SpecimenId = s.Id }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => teller.Specimens.GetSpecimenImageAsync(new GetSpecimenImageRequest { SpecimenId = s.Id, Purpose = "curious" }).ResponseAsync);
        SpecimenImage image = await auditor.Specimens.GetSpecimenImageAsync(new GetSpecimenImageRequest { SpecimenId = s.Id, Purpose = "quarterly reconciliation" });
        Assert.Equal(original, image.Image.ToByteArray());
        Assert.Equal("image/png", image.ContentType);
        Assert.False(image.TemplatePng.IsEmpty);

        using (IServiceScope scope = Host.Services.CreateScope())
        {
            SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
            var access = await db.SpecimenImageAccesses.AsNoTracking().SingleAsync(a => a.SpecimenId == s.Id);
            Assert.Equal("auditor", access.ActorId);
            Assert.Equal("quarterly reconciliation", access.Purpose);
        }
    }

    [SkippableFact]
    public async Task Specimen_card_regions_are_suggested_and_a_region_becomes_a_specimen()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        Account account = await NewAccountAsync(clerk);
        ExtractSpecimensResponse suggested = await clerk.Specimens.ExtractSpecimensAsync(new ExtractSpecimensRequest { Image = ByteString.CopyFrom(SyntheticBank.SpecimenCard) });
        Assert.NotEmpty(suggested.Candidates);
        SpecimenCandidate first = suggested.Candidates[0];
        Specimen s = await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
        {
            AccountId = account.Id,
            Role = SpecimenRole.CompanySeal,
            Image = ByteString.CopyFrom(SyntheticBank.SpecimenCard),
            Region = first.Box,
            EffectiveFrom = D(2024, 1, 1),
        });
        Assert.Equal(SpecimenStatus.PendingApproval, s.Status);
        Assert.NotNull(s.Seal);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "image",
            () => clerk.Specimens.ExtractSpecimensAsync(new ExtractSpecimensRequest()).ResponseAsync);
    }
}
