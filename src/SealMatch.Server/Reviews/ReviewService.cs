using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealMatch.Data;
using SealMatch.Data.Verifications;
using SealMatch.Domain;
using SealMatch.Domain.Reviews;
using SealMatch.Domain.Security;
using SealMatch.Domain.Verification;
using SealMatch.Server.Audit;
using SealMatch.Server.Errors;
using SealMatch.Server.Security;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Reviews;

/// <summary>
/// Dual review. The rules (independence, blindness, leases, outcome) live in <see cref="ReviewCase"/>;
/// this service loads, saves with an audit entry, and carries a decided outcome into the verification
/// in the same unit of work.
/// </summary>
/// <remarks>
/// Claims are optimistic: the oldest claimable case is claimed and saved against its
/// <see cref="ReviewCase.Version"/>; a reviewer who loses the race to another (on this instance or
/// another sharing the database) takes the next candidate.
/// </remarks>
internal sealed partial class ReviewService(
    SealMatchDbContext db,
    AuditTrail audit,
    ReviewImages images,
    IOptions<ReviewOptions> options,
    TimeProvider clock,
    ILogger<ReviewService> logger) : Proto.ReviewService.ReviewServiceBase
{
    private const string Readers = $"{UserRoles.Reviewer},{UserRoles.ReviewSupervisor},{UserRoles.Auditor}";
    private const int MaxClaimAttempts = 25;
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    [Authorize(Roles = UserRoles.Reviewer)]
    public override async Task<Proto.ClaimNextCaseResponse> ClaimNextCase(Proto.ClaimNextCaseRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        string? branch = string.IsNullOrWhiteSpace(request.BranchCode) ? null : request.BranchCode.Trim();
        TimeSpan lease = options.Value.Lease;
        for (int attempt = 1; ; attempt++)
        {
            DateTimeOffset now = clock.GetUtcNow();
            ReviewCase? next = await NextCandidateAsync(actor, branch, now, context.CancellationToken);
            if (next is null)
            {
                return new Proto.ClaimNextCaseResponse();
            }

            next.Claim(actor, lease, now);
            try
            {
                await audit.SaveChangesAsync(actor, AuditActions.ReviewClaim, AuditTargets.ReviewCase, next.Id, null, context.CancellationToken);
                Log.Claimed(logger, next.Id, actor.UserId, attempt);
                return new Proto.ClaimNextCaseResponse { Case = ReviewMapping.ToProto(next, actor, now) };
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxClaimAttempts && !context.CancellationToken.IsCancellationRequested)
            {
                // Someone else claimed it first: take the next one.
                db.ChangeTracker.Clear();
            }
        }
    }

    [Authorize(Roles = Readers)]
    public override async Task<Proto.ReviewCaseDetail> GetCase(Proto.GetCaseRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        ReviewCase reviewCase = await LoadAsync(request.CaseId, tracked: false, context.CancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        // A reviewer opens only the case they hold or have judged; supervisors and auditors oversee every case.
        if (!actor.Has(Role.ReviewSupervisor) && !actor.Has(Role.Auditor)
            && !reviewCase.IsLeasedTo(actor, now) && !reviewCase.HasReviewed(actor.UserId))
        {
            throw new DomainRuleViolationException(ViolationCode.LeaseRequired, "Claim the case before you open it.");
        }

        var slip = await db.Verifications.AsNoTracking()
            .Where(v => v.Id == reviewCase.VerificationId)
            .Select(v => new { v.Result, v.EncryptedSlipImage, v.Dpi })
            .SingleAsync(context.CancellationToken);
        Proto.Verification verification = Proto.Verification.Parser.ParseFrom(slip.Result);
        await audit.SaveChangesAsync(actor, AuditActions.ReviewImageRead, AuditTargets.ReviewCase, reviewCase.Id, "review", context.CancellationToken);

        var detail = new Proto.ReviewCaseDetail { Case = ReviewMapping.ToProto(reviewCase, actor, now), Verification = verification };
        detail.Images.AddRange(await images.RenderAsync(reviewCase.VerificationId, slip.EncryptedSlipImage, slip.Dpi, verification, context.CancellationToken));
        return detail;
    }

    [Authorize(Roles = UserRoles.Reviewer)]
    public override Task<Proto.ReviewCase> SubmitReview(Proto.SubmitReviewRequest request, ServerCallContext context) =>
        ChangeAsync(request.CaseId, AuditActions.ReviewSubmit, context,
            (c, actor, now) => c.SubmitReview(actor, ReviewMapping.ToDomain(request.Verdict), request.Comment, now));

    [Authorize(Roles = UserRoles.Reviewer)]
    public override Task<Proto.ReviewCase> ReleaseCase(Proto.ReleaseCaseRequest request, ServerCallContext context) =>
        ChangeAsync(request.CaseId, AuditActions.ReviewRelease, context, (c, actor, now) => c.Release(actor, now));

    [Authorize(Roles = UserRoles.ReviewSupervisor)]
    public override Task<Proto.ReviewCase> DecideEscalated(Proto.DecideEscalatedRequest request, ServerCallContext context) =>
        ChangeAsync(request.CaseId, AuditActions.ReviewDecide, context,
            (c, actor, now) => c.DecideEscalated(actor, ReviewMapping.ToDomain(request.Verdict), request.Comment, now));

    [Authorize(Roles = Readers)]
    public override async Task<Proto.ListCasesResponse> ListCases(Proto.ListCasesRequest request, ServerCallContext context)
    {
        Actor actor = context.GetActor();
        int size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        if (size is < 1 or > MaxPageSize)
        {
            throw new RequestInvalidException("page_size", $"page_size must be 1–{MaxPageSize}, or 0 for {DefaultPageSize}.");
        }

        int skip = 0;
        if (request.PageToken.Length > 0 && (!int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            throw new RequestInvalidException("page_token", "page_token is not one this service returned.");
        }

        DateTimeOffset now = clock.GetUtcNow();
        IQueryable<ReviewCase> query = db.ReviewCases.AsNoTracking();
        // The state as the queue sees it: a claim whose lease ran out is back in the queue.
        query = ReviewMapping.ToDomain(request.State) switch
        {
            ReviewCaseState.Open => query.Where(c => c.State == ReviewCaseState.Open
                || (c.State == ReviewCaseState.Claimed && c.LeaseExpiresAt <= now && !c.Reviews.Any())),
            ReviewCaseState.AwaitingSecondReview => query.Where(c => c.State == ReviewCaseState.AwaitingSecondReview
                || (c.State == ReviewCaseState.Claimed && c.LeaseExpiresAt <= now && c.Reviews.Any())),
            ReviewCaseState.Claimed => query.Where(c => c.State == ReviewCaseState.Claimed && c.LeaseExpiresAt > now),
            ReviewCaseState state => query.Where(c => c.State == state),
            null => query,
        };
        if (request.OpenedBefore is { } before)
        {
            DateTimeOffset until = before.ToDateTimeOffset();
            query = query.Where(c => c.OpenedAt < until);
        }

        if (request.OpenedAfter is { } after)
        {
            DateTimeOffset from = after.ToDateTimeOffset();
            query = query.Where(c => c.OpenedAt >= from);
        }

        if (!string.IsNullOrWhiteSpace(request.BranchCode))
        {
            string branch = request.BranchCode.Trim();
            query = query.Where(c => c.BranchCode == branch);
        }

        List<ReviewCase> page = await query.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id)
            .Skip(skip).Take(size + 1).Include(c => c.Reviews).AsSplitQuery()
            .ToListAsync(context.CancellationToken);
        var response = new Proto.ListCasesResponse();
        response.Cases.AddRange(page.Take(size).Select(c => ReviewMapping.ToProto(c, actor, now)));
        if (page.Count > size)
        {
            response.NextPageToken = (skip + size).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    private async Task<ReviewCase?> NextCandidateAsync(Actor actor, string? branch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string me = actor.UserId;
        IQueryable<ReviewCase> query = db.ReviewCases
            .Where(c => c.SubmittedBy != me && !c.Reviews.Any(r => r.ReviewerId == me))
            .Where(c => c.State == ReviewCaseState.Open || c.State == ReviewCaseState.AwaitingSecondReview
                || (c.State == ReviewCaseState.Claimed && (c.LeaseExpiresAt <= now || c.LeaseHolder == me)));
        if (branch is not null)
        {
            query = query.Where(c => c.BranchCode == branch);
        }

        // The caller's own live lease first (a retried claim returns the same case), then the oldest.
        List<ReviewCase> candidates = await query
            .OrderByDescending(c => c.State == ReviewCaseState.Claimed && c.LeaseHolder == me && c.LeaseExpiresAt > now)
            .ThenBy(c => c.OpenedAt).ThenBy(c => c.Id)
            .Take(1).Include(c => c.Reviews)
            .ToListAsync(cancellationToken);
        return ReviewQueue.NextFor(candidates, actor, now);
    }

    private async Task<ReviewCase> LoadAsync(string caseId, bool tracked, CancellationToken cancellationToken)
    {
        string id = ProtoMapping.RequiredId(caseId, "case_id");
        IQueryable<ReviewCase> query = tracked ? db.ReviewCases : db.ReviewCases.AsNoTracking();
        return await query.Include(c => c.Reviews).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException("review case", id, "case_id");
    }

    /// <summary>One transition, saved with its audit entry and, once decided, the verification's final decision.</summary>
    private async Task<Proto.ReviewCase> ChangeAsync(string caseId, string action, ServerCallContext context, Action<ReviewCase, Actor, DateTimeOffset> change)
    {
        Actor actor = context.GetActor();
        ReviewCase reviewCase = await LoadAsync(caseId, tracked: true, context.CancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        change(reviewCase, actor, now);
        if (reviewCase.State == ReviewCaseState.Decided && reviewCase.HoldsPayment)
        {
            await SettleVerificationAsync(reviewCase, context.CancellationToken);
        }

        await audit.SaveChangesAsync(actor, action, AuditTargets.ReviewCase, reviewCase.Id, null, context.CancellationToken);
        Log.Changed(logger, reviewCase.Id, action, reviewCase.State, actor.UserId);
        if (reviewCase.RaisesAlert)
        {
            // The case itself records the alert (a decided quality sample judged forged); this entry puts it in the trail.
            await audit.SaveChangesAsync(actor, AuditActions.ReviewAlert, AuditTargets.ReviewCase, reviewCase.Id, "quality sample judged forged", context.CancellationToken);
            Log.Alert(logger, reviewCase.Id, reviewCase.AccountId);
        }

        return ReviewMapping.ToProto(reviewCase, actor, now);
    }

    /// <summary>The case's outcome becomes the verification's final decision (row and stored result), so watchers see it.</summary>
    private async Task SettleVerificationAsync(ReviewCase reviewCase, CancellationToken cancellationToken)
    {
        SlipVerification verification = await db.Verifications.SingleAsync(v => v.Id == reviewCase.VerificationId, cancellationToken);
        bool accept = reviewCase.Outcome == Decision.Accept;
        Proto.Verification result = Proto.Verification.Parser.ParseFrom(verification.Result);
        result.Decision = accept ? Proto.Decision.Accept : Proto.Decision.Reject;
        result.Status = Proto.VerificationStatus.Final;
        verification.Decision = accept ? "ACCEPT" : "REJECT";
        verification.Status = "FINAL";
        verification.Result = result.ToByteArray();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Review case {CaseId} claimed by {UserId} (attempt {Attempt})")]
        public static partial void Claimed(ILogger logger, string caseId, string userId, int attempt);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Review case {CaseId}: {Action} by {UserId}, now {State}")]
        public static partial void Changed(ILogger logger, string caseId, string action, ReviewCaseState state, string userId);

        [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Review case {CaseId}: quality sample of account {AccountId} judged forged")]
        public static partial void Alert(ILogger logger, string caseId, string accountId);
    }
}
