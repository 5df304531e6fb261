using SealMatch.Domain.Accounts;
using SealMatch.Domain.Security;

namespace SealMatch.Domain.Specimens;

/// <summary>
/// A reserved seal or signature specimen of an account, with its lifecycle under four eyes.
/// </summary>
/// <remarks>
/// <para>Every transition checks the actor's role, the four-eyes rule and the current state, and
/// throws <see cref="DomainRuleViolationException"/> before changing anything. Each successful transition
/// appends one <see cref="SpecimenEvent"/>; history is never rewritten.</para>
/// <para>Dating: effective-from ≤ slip date &lt; effective-to. A revocation sets effective-to, and
/// slips dated before it are still verified against the specimen (a slip is checked against the seal
/// valid on its date). A loss report is different: a frozen specimen is unusable for every date,
/// because whoever holds a lost seal can also write an old date on a slip; and a specimen revoked
/// after a loss report stays unusable for every date for the same reason.</para>
/// <para>Admin holds no specimen rights (least privilege): only clerks make and approvers check.</para>
/// </remarks>
public sealed class Specimen
{
    private readonly List<SpecimenEvent> _history = [];

    // For EF Core materialisation.
    private Specimen()
    {
        Id = AccountId = SubmittedBy = string.Empty;
    }

    /// <summary>Stable id (assigned by the caller).</summary>
    public string Id { get; private set; }

    /// <summary>The owning account.</summary>
    public string AccountId { get; private set; }

    /// <summary>Seal or signature, from <see cref="Role"/>.</summary>
    public SpecimenKind Kind { get; private set; }

    /// <summary>The part it plays in signing rules.</summary>
    public SpecimenRole Role { get; private set; }

    /// <summary>The signatory's name (required for signatures, optional otherwise).</summary>
    public string? SignatoryName { get; private set; }

    /// <summary>First date the specimen applies to (inclusive).</summary>
    public DateOnly EffectiveFrom { get; private set; }

    /// <summary>First date it no longer applies to (exclusive); set by an approved revocation.</summary>
    public DateOnly? EffectiveTo { get; private set; }

    /// <summary>Current lifecycle status.</summary>
    public SpecimenStatus Status { get; private set; }

    /// <summary>
    /// True from a loss report (freeze) until an approved unfreeze. A specimen revoked while this is
    /// true is unusable for every slip date.
    /// </summary>
    public bool LossReported { get; private set; }

    /// <summary>The unfreeze or revocation awaiting approval, if any (at most one).</summary>
    public PendingChange? PendingChange { get; private set; }

    /// <summary>User id of the clerk who submitted it.</summary>
    public string SubmittedBy { get; private set; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>User id of the approver of the submission.</summary>
    public string? ApprovedBy { get; private set; }

    /// <summary>When the submission was approved.</summary>
    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>Incremented on every change; usable as an optimistic concurrency token.</summary>
    public int Version { get; private set; }

    /// <summary>The history, oldest first.</summary>
    public IReadOnlyList<SpecimenEvent> History => _history.AsReadOnly();

    /// <summary>Registers a specimen for approval (maker step).</summary>
    /// <param name="id">Stable id, assigned by the caller.</param>
    /// <param name="account">The account; must be open and within the clerk's branch.</param>
    /// <param name="role">The role (<c>role</c>).</param>
    /// <param name="signatoryName">The signatory's name (<c>signatory_name</c>); required for <see cref="SpecimenRole.Signatory"/>.</param>
    /// <param name="effectiveFrom">First date it applies to (<c>effective_from</c>).</param>
    /// <param name="clerk">A <see cref="Security.Role.SpecimenClerk"/>.</param>
    /// <param name="now">The time of the request.</param>
    public static Specimen Submit(
        string id, Account account, SpecimenRole role, string? signatoryName, DateOnly effectiveFrom, Actor clerk, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(clerk);
        clerk.Require(Security.Role.SpecimenClerk);
        clerk.EnsureCanAccessBranch(account.BranchCode);
        account.EnsureOpen();
        Guard.Defined(role, "role");
        var name = role == SpecimenRole.Signatory
            ? Guard.RequiredText(signatoryName, "signatory_name", 200)
            : Guard.OptionalText(signatoryName, "signatory_name", 200);

        var specimen = new Specimen
        {
            Id = id,
            AccountId = account.Id,
            Kind = role.KindOf(),
            Role = role,
            SignatoryName = name,
            EffectiveFrom = effectiveFrom,
            Status = SpecimenStatus.PendingApproval,
            SubmittedBy = clerk.UserId,
            SubmittedAt = now,
        };
        specimen.Record(clerk, now, SpecimenAction.Submitted, reason: null);
        return specimen;
    }

    /// <summary>Approves a submission (checker step): PendingApproval → Active. The approver is never the submitter.</summary>
    public void Approve(Actor approver, DateTimeOffset now)
    {
        RequireApprover(approver, SubmittedBy, "approve a specimen they submitted");
        RequireStatus("approve", SpecimenStatus.PendingApproval);
        Status = SpecimenStatus.Active;
        ApprovedBy = approver.UserId;
        ApprovedAt = now;
        Record(approver, now, SpecimenAction.Approved, reason: null);
    }

    /// <summary>Rejects a submission: PendingApproval → Rejected (final). The approver is never the submitter.</summary>
    public void Reject(Actor approver, string reason, DateTimeOffset now)
    {
        RequireApprover(approver, SubmittedBy, "reject a specimen they submitted");
        var why = Guard.RequiredText(reason, "reason");
        RequireStatus("reject", SpecimenStatus.PendingApproval);
        Status = SpecimenStatus.Rejected;
        Record(approver, now, SpecimenAction.Rejected, why);
    }

    /// <summary>
    /// Reports a loss: Active → Frozen at once, on one clerk's or approver's word (no four eyes, so a
    /// lost seal stops passing immediately). A pending revocation stays pending.
    /// </summary>
    public void Freeze(Actor actor, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireAny(Security.Role.SpecimenClerk, Security.Role.SpecimenApprover);
        var why = Guard.RequiredText(reason, "reason");
        RequireStatus("freeze", SpecimenStatus.Active);
        Status = SpecimenStatus.Frozen;
        LossReported = true;
        Record(actor, now, SpecimenAction.Frozen, why);
    }

    /// <summary>Asks to unfreeze a frozen specimen; takes effect only on <see cref="ApproveUnfreeze"/>.</summary>
    public void RequestUnfreeze(Actor clerk, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clerk);
        clerk.Require(Security.Role.SpecimenClerk);
        var why = Guard.RequiredText(reason, "reason");
        RequireStatus("request an unfreeze of", SpecimenStatus.Frozen);
        RequireNoPendingChange();
        PendingChange = new PendingChange(PendingChangeKind.Unfreeze, clerk.UserId, now, why, effectiveTo: null);
        Record(clerk, now, SpecimenAction.UnfreezeRequested, why);
    }

    /// <summary>Approves a pending unfreeze: Frozen → Active. The approver is never the requester.</summary>
    public void ApproveUnfreeze(Actor approver, DateTimeOffset now)
    {
        RequireApproverRole(approver);
        var pending = RequirePending(PendingChangeKind.Unfreeze);
        RequireApprover(approver, pending.RequestedBy, "approve an unfreeze they requested");
        RequireStatus("unfreeze", SpecimenStatus.Frozen);
        Status = SpecimenStatus.Active;
        LossReported = false;
        PendingChange = null;
        Record(approver, now, SpecimenAction.Unfrozen, pending.Reason);
    }

    /// <summary>
    /// Asks to revoke an active or frozen specimen as of <paramref name="effectiveTo"/> (exclusive);
    /// takes effect only on <see cref="ApproveRevocation"/>.
    /// </summary>
    /// <param name="clerk">A <see cref="Security.Role.SpecimenClerk"/>.</param>
    /// <param name="effectiveTo">First date the specimen no longer applies (<c>effective_to</c>); after <see cref="EffectiveFrom"/>.</param>
    /// <param name="reason">Why (<c>reason</c>).</param>
    /// <param name="now">The time of the request.</param>
    public void RequestRevocation(Actor clerk, DateOnly effectiveTo, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clerk);
        clerk.Require(Security.Role.SpecimenClerk);
        var why = Guard.RequiredText(reason, "reason");
        if (effectiveTo <= EffectiveFrom)
        {
            throw new DomainRuleViolationException(
                ViolationCode.InvalidValue, "A revocation's effective-to date must be after the specimen's effective-from date.", "effective_to");
        }

        RequireStatus("revoke", SpecimenStatus.Active, SpecimenStatus.Frozen);
        RequireNoPendingChange();
        PendingChange = new PendingChange(PendingChangeKind.Revocation, clerk.UserId, now, why, effectiveTo);
        Record(clerk, now, SpecimenAction.RevocationRequested, why, effectiveTo);
    }

    /// <summary>Approves a pending revocation: Active/Frozen → Revoked with effective-to set. The approver is never the requester.</summary>
    public void ApproveRevocation(Actor approver, DateTimeOffset now)
    {
        RequireApproverRole(approver);
        var pending = RequirePending(PendingChangeKind.Revocation);
        RequireApprover(approver, pending.RequestedBy, "approve a revocation they requested");
        RequireStatus("revoke", SpecimenStatus.Active, SpecimenStatus.Frozen);
        Status = SpecimenStatus.Revoked;
        EffectiveTo = pending.EffectiveTo;
        PendingChange = null;
        Record(approver, now, SpecimenAction.Revoked, pending.Reason, EffectiveTo);
    }

    /// <summary>Rejects the pending unfreeze or revocation; the status stays as it was. The approver is never the requester.</summary>
    public void RejectPendingChange(Actor approver, string reason, DateTimeOffset now)
    {
        RequireApproverRole(approver);
        var pending = PendingChange
            ?? throw new DomainRuleViolationException(ViolationCode.NoPendingChange, "There is no pending change to reject.");
        RequireApprover(approver, pending.RequestedBy, "reject a change they requested");
        var why = Guard.RequiredText(reason, "reason");
        PendingChange = null;
        Record(approver, now, SpecimenAction.PendingChangeRejected, why, pending.EffectiveTo);
    }

    /// <summary>Whether the specimen may verify a slip dated <paramref name="slipDate"/>.</summary>
    public bool IsUsableOn(DateOnly slipDate) => UsabilityOn(slipDate) == SpecimenUsability.Usable;

    /// <summary>
    /// Classifies the specimen for a slip date, first cause wins: not approved, frozen, revoked
    /// (as of the date, or ever after a loss report), not effective, else usable.
    /// </summary>
    public SpecimenUsability UsabilityOn(DateOnly slipDate) => Status switch
    {
        SpecimenStatus.PendingApproval or SpecimenStatus.Rejected => SpecimenUsability.NotApproved,
        SpecimenStatus.Frozen => SpecimenUsability.Frozen,
        SpecimenStatus.Revoked when LossReported || EffectiveTo is not { } end || slipDate >= end => SpecimenUsability.Revoked,
        _ when slipDate < EffectiveFrom || (EffectiveTo is { } to && slipDate >= to) => SpecimenUsability.NotEffective,
        _ => SpecimenUsability.Usable,
    };

    // Permission is checked before state, so a caller without the role learns nothing about the specimen's state.
    private static void RequireApproverRole(Actor approver)
    {
        ArgumentNullException.ThrowIfNull(approver);
        approver.Require(Security.Role.SpecimenApprover);
    }

    private static void RequireApprover(Actor approver, string makerId, string what)
    {
        RequireApproverRole(approver);
        if (string.Equals(approver.UserId, makerId, StringComparison.Ordinal))
        {
            throw new DomainRuleViolationException(ViolationCode.FourEyes, $"Four eyes: nobody may {what}.");
        }
    }

    private void RequireStatus(string verb, params ReadOnlySpan<SpecimenStatus> allowed)
    {
        foreach (var status in allowed)
        {
            if (Status == status)
            {
                return;
            }
        }

        throw new DomainRuleViolationException(ViolationCode.IllegalTransition, $"Cannot {verb} a specimen that is {Status}.");
    }

    private void RequireNoPendingChange()
    {
        if (PendingChange is { } pending)
        {
            throw new DomainRuleViolationException(
                ViolationCode.PendingChangeExists, $"A {pending.Kind} request is already awaiting approval.");
        }
    }

    private PendingChange RequirePending(PendingChangeKind kind) =>
        PendingChange is { } pending && pending.Kind == kind
            ? pending
            : throw new DomainRuleViolationException(ViolationCode.NoPendingChange, $"There is no pending {kind} to approve.");

    private void Record(Actor actor, DateTimeOffset now, SpecimenAction action, string? reason, DateOnly? effectiveTo = null)
    {
        _history.Add(new SpecimenEvent(Id, _history.Count + 1, now, actor.UserId, action, reason, Status, effectiveTo));
        Version++;
    }
}
