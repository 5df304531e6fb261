using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealMatch.Data;
using SealMatch.Domain.Security;
using SealMatch.Server.Errors;
using SealMatch.Server.Security;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Verification;

/// <summary>Slip verification.</summary>
internal sealed class VerificationService(SealMatchDbContext db, SlipVerifier verifier, IOptions<VerificationThresholdOptions> options)
    : Proto.VerificationService.VerificationServiceBase
{
    private const string Readers = $"{UserRoles.Teller},{UserRoles.Reviewer},{UserRoles.ReviewSupervisor},{UserRoles.Auditor}";

    [Authorize(Roles = UserRoles.Teller)]
    public override Task<Proto.Verification> VerifySlip(Proto.VerifySlipRequest request, ServerCallContext context) =>
        verifier.VerifyAsync(request, context.GetActor(), context.CancellationToken);

    [Authorize(Roles = Readers)]
    public override async Task<Proto.Verification> GetVerification(Proto.GetVerificationRequest request, ServerCallContext context) =>
        (await LoadAsync(request.VerificationId, context.GetActor(), context.CancellationToken)).Verification;

    [Authorize(Roles = Readers)]
    public override async Task WatchVerification(Proto.WatchVerificationRequest request, IServerStreamWriter<Proto.Verification> responseStream, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        long sent = -1;
        var poll = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.WatchPollMilliseconds));
        while (true)
        {
            (Proto.Verification verification, long version) = await LoadAsync(request.VerificationId, actor, context.CancellationToken);
            if (version != sent)
            {
                await responseStream.WriteAsync(verification, context.CancellationToken);
                sent = version;
            }

            if (verification.Status == Proto.VerificationStatus.Final)
            {
                return;
            }

            // Polling the database (not an in-process event) so a review settled on another instance is seen too.
            await Task.Delay(poll, context.CancellationToken);
        }
    }

    private async Task<(Proto.Verification Verification, long Version)> LoadAsync(string verificationId, Actor actor, CancellationToken cancellationToken)
    {
        string id = ProtoMapping.RequiredId(verificationId, "verification_id");
        var row = await db.Verifications.AsNoTracking()
            .Where(v => v.Id == id)
            .Select(v => new { v.Result, v.Version, Branch = db.Accounts.Where(a => a.Id == v.AccountId).Select(a => a.BranchCode).First() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("verification", id, "verification_id");
        actor.EnsureCanAccessBranch(row.Branch, "verification_id");
        return (Proto.Verification.Parser.ParseFrom(row.Result), row.Version);
    }
}
