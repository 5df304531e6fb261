using SealMatch.Domain.Accounts;
using SealMatch.Domain.Security;
using SealMatch.Domain.Specimens;

namespace SealMatch.Domain.Tests.Specimens;

public sealed class SpecimenLifecycleTests
{
    private static readonly DateTimeOffset Later = Given.T0.AddDays(10);

    // ---- Submit ----
    [Fact]
    public void Submit_creates_a_pending_specimen_with_one_history_entry()
    {
        var s = Given.Pending(SpecimenRole.CompanySeal);

        Assert.Equal(SpecimenStatus.PendingApproval, s.Status);
        Assert.Equal(SpecimenKind.Seal, s.Kind);
        Assert.Equal("acc-1", s.AccountId);
        Assert.Equal(Given.Clerk.UserId, s.SubmittedBy);
        var entry = Assert.Single(s.History);
        Assert.Equal(SpecimenAction.Submitted, entry.Action);
        Assert.Equal(1, entry.Sequence);
        Assert.Equal(SpecimenStatus.PendingApproval, entry.StatusAfter);
        Assert.Equal(Given.T0, entry.At);
        Assert.Equal("sp-1", entry.SpecimenId);
    }

    [Fact]
    public void Signatory_is_a_signature_and_needs_a_name()
    {
        var s = Given.Pending(SpecimenRole.Signatory);
        Assert.Equal(SpecimenKind.Signature, s.Kind);
        Assert.Equal("Zhang San", s.SignatoryName);

        var e = Given.Violation(
            ViolationCode.InvalidValue,
            () => Specimen.Submit("x", Given.Account(), SpecimenRole.Signatory, "  ", Given.From, Given.Clerk, Given.T0));
        Assert.Equal("signatory_name", e.Field);
    }

    [Theory]
    [InlineData(SpecimenRole.CompanySeal, SpecimenKind.Seal)]
    [InlineData(SpecimenRole.FinanceSeal, SpecimenKind.Seal)]
    [InlineData(SpecimenRole.LegalRepresentativeSeal, SpecimenKind.Seal)]
    [InlineData(SpecimenRole.OtherSeal, SpecimenKind.Seal)]
    [InlineData(SpecimenRole.Signatory, SpecimenKind.Signature)]
    public void Kind_follows_role(SpecimenRole role, SpecimenKind kind) => Assert.Equal(kind, role.KindOf());

    [Fact]
    public void Submit_requires_the_clerk_role()
    {
        Given.Violation(
            ViolationCode.RoleRequired,
            () => Specimen.Submit("x", Given.Account(), SpecimenRole.FinanceSeal, null, Given.From, Given.Approver, Given.T0));
        Given.Violation(
            ViolationCode.RoleRequired,
            () => Specimen.Submit("x", Given.Account(), SpecimenRole.FinanceSeal, null, Given.From, Given.Admin, Given.T0));
    }

    [Fact]
    public void Submit_on_a_closed_account_is_illegal()
    {
        var account = Given.Account();
        account.Close(Given.Admin, Given.T0);
        var e = Given.Violation(
            ViolationCode.AccountClosed,
            () => Specimen.Submit("x", account, SpecimenRole.FinanceSeal, null, Given.From, Given.Clerk, Given.T0));
        Assert.Equal("account_id", e.Field);
    }

    [Fact]
    public void Submit_for_another_branch_is_forbidden()
    {
        var clerk = new Actor("c9", [Role.SpecimenClerk], "0909");
        Given.Violation(
            ViolationCode.BranchForbidden,
            () => Specimen.Submit("x", Given.Account(), SpecimenRole.FinanceSeal, null, Given.From, clerk, Given.T0));
    }

    [Fact]
    public void Submit_rejects_unknown_role()
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue,
            () => Specimen.Submit("x", Given.Account(), (SpecimenRole)77, null, Given.From, Given.Clerk, Given.T0));
        Assert.Equal("role", e.Field);
    }

    // ---- Approve / Reject ----
    [Fact]
    public void Approve_by_a_second_person_activates()
    {
        var s = Given.Pending();
        s.Approve(Given.Approver, Later);

        Assert.Equal(SpecimenStatus.Active, s.Status);
        Assert.Equal(Given.Approver.UserId, s.ApprovedBy);
        Assert.Equal(Later, s.ApprovedAt);
        Assert.Equal(SpecimenAction.Approved, s.History[^1].Action);
        Assert.Equal(Given.Approver.UserId, s.History[^1].ActorId);
    }

    [Fact]
    public void Nobody_approves_their_own_submission_even_holding_both_roles()
    {
        var s = Given.Pending(clerk: Given.MakerChecker);

        var e = Given.Violation(ViolationCode.FourEyes, () => s.Approve(Given.MakerChecker, Later));
        Assert.Equal(ViolationCategory.PermissionDenied, e.Category);
        Given.Violation(ViolationCode.FourEyes, () => s.Reject(Given.MakerChecker, "bad scan", Later));
        Assert.Equal(SpecimenStatus.PendingApproval, s.Status);
        Assert.Single(s.History);
    }

    [Fact]
    public void Approve_requires_the_approver_role()
    {
        var s = Given.Pending();
        Given.Violation(ViolationCode.RoleRequired, () => s.Approve(Given.OtherClerk, Later));
        Given.Violation(ViolationCode.RoleRequired, () => s.Approve(Given.Admin, Later));
        Assert.Equal(SpecimenStatus.PendingApproval, s.Status);
    }

    [Fact]
    public void Approve_twice_or_after_reject_is_illegal()
    {
        var active = Given.Active();
        Given.Violation(ViolationCode.IllegalTransition, () => active.Approve(Given.OtherApprover, Later));

        var rejected = Given.Pending();
        rejected.Reject(Given.Approver, "Impression cropped.", Later);
        Given.Violation(ViolationCode.IllegalTransition, () => rejected.Approve(Given.OtherApprover, Later));
        Given.Violation(ViolationCode.IllegalTransition, () => rejected.Reject(Given.OtherApprover, "again", Later));
    }

    [Fact]
    public void Reject_needs_a_reason_and_is_final()
    {
        var s = Given.Pending();
        var e = Given.Violation(ViolationCode.InvalidValue, () => s.Reject(Given.Approver, " ", Later));
        Assert.Equal("reason", e.Field);

        s.Reject(Given.Approver, "Impression cropped.", Later);
        Assert.Equal(SpecimenStatus.Rejected, s.Status);
        Assert.Equal("Impression cropped.", s.History[^1].Reason);
        Given.Violation(ViolationCode.IllegalTransition, () => s.Freeze(Given.Clerk, "lost", Later));
        Given.Violation(ViolationCode.IllegalTransition, () => s.RequestRevocation(Given.Clerk, Given.From.AddDays(5), "x", Later));
    }

    [Fact]
    public void Reject_of_an_active_specimen_is_illegal()
    {
        var s = Given.Active();
        Given.Violation(ViolationCode.IllegalTransition, () => s.Reject(Given.OtherApprover, "no", Later));
        Assert.Equal(SpecimenStatus.Active, s.Status);
    }

    // ---- Freeze ----
    [Fact]
    public void Freeze_takes_effect_at_once_on_one_clerks_word()
    {
        var s = Given.Active();
        s.Freeze(Given.Clerk, "Finance seal reported lost.", Later);

        Assert.Equal(SpecimenStatus.Frozen, s.Status);
        Assert.True(s.LossReported);
        Assert.Null(s.PendingChange);
        Assert.False(s.IsUsableOn(Given.From.AddDays(1)));
        Assert.Equal(SpecimenAction.Frozen, s.History[^1].Action);
    }

    [Fact]
    public void Approver_may_also_freeze_but_teller_may_not()
    {
        var s = Given.Active();
        Given.Violation(ViolationCode.RoleRequired, () => s.Freeze(Given.Teller, "lost", Later));
        s.Freeze(Given.OtherApprover, "lost", Later);
        Assert.Equal(SpecimenStatus.Frozen, s.Status);
    }

    [Fact]
    public void Freeze_needs_a_reason_and_an_active_specimen()
    {
        Given.Violation(ViolationCode.InvalidValue, () => Given.Active().Freeze(Given.Clerk, "", Later));
        Given.Violation(ViolationCode.IllegalTransition, () => Given.Pending().Freeze(Given.Clerk, "lost", Later));
        Given.Violation(ViolationCode.IllegalTransition, () => Given.Frozen().Freeze(Given.Clerk, "lost", Later));
    }

    // ---- Unfreeze ----
    [Fact]
    public void Unfreeze_is_pending_until_a_second_person_approves()
    {
        var s = Given.Frozen();
        s.RequestUnfreeze(Given.Clerk, "Seal found.", Later);

        Assert.Equal(SpecimenStatus.Frozen, s.Status);
        Assert.Equal(PendingChangeKind.Unfreeze, s.PendingChange!.Kind);
        Assert.Equal(Given.Clerk.UserId, s.PendingChange.RequestedBy);
        Assert.Equal("Seal found.", s.PendingChange.Reason);
        Assert.False(s.IsUsableOn(Given.From));

        s.ApproveUnfreeze(Given.Approver, Later.AddHours(1));
        Assert.Equal(SpecimenStatus.Active, s.Status);
        Assert.False(s.LossReported);
        Assert.Null(s.PendingChange);
        Assert.True(s.IsUsableOn(Given.From));
        Assert.Equal(SpecimenAction.Unfrozen, s.History[^1].Action);
    }

    [Fact]
    public void Unfreeze_requester_cannot_approve_it()
    {
        var s = Given.Active();
        s.Freeze(Given.Clerk, "lost", Later);
        s.RequestUnfreeze(Given.MakerChecker, "found", Later);

        Given.Violation(ViolationCode.FourEyes, () => s.ApproveUnfreeze(Given.MakerChecker, Later));
        Assert.Equal(SpecimenStatus.Frozen, s.Status);
        Assert.NotNull(s.PendingChange);
    }

    [Fact]
    public void Unfreeze_request_rules()
    {
        Given.Violation(ViolationCode.IllegalTransition, () => Given.Active().RequestUnfreeze(Given.Clerk, "x", Later));
        Given.Violation(ViolationCode.RoleRequired, () => Given.Frozen().RequestUnfreeze(Given.Approver, "x", Later));
        Given.Violation(ViolationCode.InvalidValue, () => Given.Frozen().RequestUnfreeze(Given.Clerk, " ", Later));

        var s = Given.Frozen();
        s.RequestUnfreeze(Given.Clerk, "found", Later);
        Given.Violation(ViolationCode.PendingChangeExists, () => s.RequestUnfreeze(Given.OtherClerk, "found", Later));
    }

    [Fact]
    public void Approve_unfreeze_without_a_pending_unfreeze_is_illegal()
    {
        var s = Given.Frozen();
        Given.Violation(ViolationCode.NoPendingChange, () => s.ApproveUnfreeze(Given.Approver, Later));
        s.RequestRevocation(Given.Clerk, Given.From.AddDays(3), "replace", Later);
        Given.Violation(ViolationCode.NoPendingChange, () => s.ApproveUnfreeze(Given.Approver, Later));
        Given.Violation(ViolationCode.RoleRequired, () => Given.Frozen().ApproveUnfreeze(Given.OtherClerk, Later));
    }

    // ---- Revocation ----
    [Fact]
    public void Revocation_is_pending_until_approved_then_sets_effective_to()
    {
        var s = Given.Active();
        var to = Given.From.AddDays(30);
        s.RequestRevocation(Given.Clerk, to, "Seal replaced.", Later);

        Assert.Equal(SpecimenStatus.Active, s.Status);
        Assert.Null(s.EffectiveTo);
        Assert.Equal(to, s.PendingChange!.EffectiveTo);
        Assert.Equal(to, s.History[^1].EffectiveTo);

        s.ApproveRevocation(Given.Approver, Later.AddHours(1));
        Assert.Equal(SpecimenStatus.Revoked, s.Status);
        Assert.Equal(to, s.EffectiveTo);
        Assert.Null(s.PendingChange);
        Assert.Equal(SpecimenAction.Revoked, s.History[^1].Action);
        Assert.Equal(to, s.History[^1].EffectiveTo);
    }

    [Fact]
    public void Frozen_specimen_can_be_revoked()
    {
        var s = Given.Frozen();
        s.RequestRevocation(Given.Clerk, Given.From.AddDays(1), "Lost for good.", Later);
        s.ApproveRevocation(Given.Approver, Later);
        Assert.Equal(SpecimenStatus.Revoked, s.Status);
        Assert.True(s.LossReported);
    }

    [Fact]
    public void Freeze_keeps_a_pending_revocation()
    {
        var s = Given.Active();
        s.RequestRevocation(Given.Clerk, Given.From.AddDays(30), "replace", Later);
        s.Freeze(Given.OtherClerk, "lost meanwhile", Later);

        Assert.Equal(SpecimenStatus.Frozen, s.Status);
        Assert.Equal(PendingChangeKind.Revocation, s.PendingChange!.Kind);
        Given.Violation(ViolationCode.PendingChangeExists, () => s.RequestUnfreeze(Given.Clerk, "found", Later));
    }

    [Fact]
    public void Revocation_requester_cannot_approve_it()
    {
        var s = Given.Active();
        s.RequestRevocation(Given.MakerChecker, Given.From.AddDays(3), "replace", Later);
        Given.Violation(ViolationCode.FourEyes, () => s.ApproveRevocation(Given.MakerChecker, Later));
        Assert.Equal(SpecimenStatus.Active, s.Status);
    }

    [Fact]
    public void Revocation_date_must_follow_effective_from()
    {
        var s = Given.Active();
        var same = Given.Violation(ViolationCode.InvalidValue, () => s.RequestRevocation(Given.Clerk, Given.From, "x", Later));
        Assert.Equal("effective_to", same.Field);
        Given.Violation(ViolationCode.InvalidValue, () => s.RequestRevocation(Given.Clerk, Given.From.AddDays(-1), "x", Later));
        Assert.Null(s.PendingChange);
    }

    [Fact]
    public void Revocation_request_rules()
    {
        Given.Violation(ViolationCode.IllegalTransition, () => Given.Pending().RequestRevocation(Given.Clerk, Given.From.AddDays(3), "x", Later));
        Given.Violation(ViolationCode.RoleRequired, () => Given.Active().RequestRevocation(Given.Approver, Given.From.AddDays(3), "x", Later));
        Given.Violation(ViolationCode.InvalidValue, () => Given.Active().RequestRevocation(Given.Clerk, Given.From.AddDays(3), "", Later));

        var s = Given.Active();
        s.RequestRevocation(Given.Clerk, Given.From.AddDays(3), "x", Later);
        Given.Violation(ViolationCode.PendingChangeExists, () => s.RequestRevocation(Given.OtherClerk, Given.From.AddDays(4), "y", Later));
        Given.Violation(ViolationCode.NoPendingChange, () => Given.Active().ApproveRevocation(Given.Approver, Later));
    }

    [Fact]
    public void Revoked_is_final()
    {
        var s = Given.Active();
        s.RequestRevocation(Given.Clerk, Given.From.AddDays(3), "x", Later);
        s.ApproveRevocation(Given.Approver, Later);

        Given.Violation(ViolationCode.IllegalTransition, () => s.Freeze(Given.Clerk, "lost", Later));
        Given.Violation(ViolationCode.IllegalTransition, () => s.RequestRevocation(Given.Clerk, Given.From.AddDays(9), "again", Later));
        Given.Violation(ViolationCode.IllegalTransition, () => s.RequestUnfreeze(Given.Clerk, "x", Later));
        Given.Violation(ViolationCode.IllegalTransition, () => s.Approve(Given.OtherApprover, Later));
    }

    // ---- Reject pending change ----
    [Fact]
    public void Rejecting_a_pending_change_keeps_the_status()
    {
        var s = Given.Frozen();
        s.RequestUnfreeze(Given.Clerk, "found", Later);
        s.RejectPendingChange(Given.Approver, "No evidence the seal was found.", Later);

        Assert.Equal(SpecimenStatus.Frozen, s.Status);
        Assert.Null(s.PendingChange);
        Assert.Equal(SpecimenAction.PendingChangeRejected, s.History[^1].Action);
        Assert.Equal(SpecimenStatus.Frozen, s.History[^1].StatusAfter);

        // A new request may follow.
        s.RequestUnfreeze(Given.OtherClerk, "found, with police receipt", Later);
        Assert.NotNull(s.PendingChange);
    }

    [Fact]
    public void Rejecting_a_pending_change_follows_four_eyes_and_needs_one()
    {
        var s = Given.Active();
        Given.Violation(ViolationCode.NoPendingChange, () => s.RejectPendingChange(Given.Approver, "x", Later));
        s.RequestRevocation(Given.MakerChecker, Given.From.AddDays(3), "x", Later);
        Given.Violation(ViolationCode.FourEyes, () => s.RejectPendingChange(Given.MakerChecker, "x", Later));
        Given.Violation(ViolationCode.RoleRequired, () => s.RejectPendingChange(Given.OtherClerk, "x", Later));
        Given.Violation(ViolationCode.InvalidValue, () => s.RejectPendingChange(Given.Approver, " ", Later));
        Assert.NotNull(s.PendingChange);
    }

    // ---- History ----
    [Fact]
    public void History_is_append_only_and_ordered()
    {
        var s = Given.Active();
        var first = s.History[0];
        s.Freeze(Given.Clerk, "lost", Later);
        s.RequestUnfreeze(Given.Clerk, "found", Later.AddHours(1));
        s.ApproveUnfreeze(Given.Approver, Later.AddHours(2));
        s.RequestRevocation(Given.Clerk, Given.From.AddDays(40), "replace", Later.AddHours(3));
        s.ApproveRevocation(Given.OtherApprover, Later.AddHours(4));

        Assert.Equal(
            [
                SpecimenAction.Submitted, SpecimenAction.Approved, SpecimenAction.Frozen, SpecimenAction.UnfreezeRequested,
                SpecimenAction.Unfrozen, SpecimenAction.RevocationRequested, SpecimenAction.Revoked,
            ],
            s.History.Select(h => h.Action));
        Assert.Equal(Enumerable.Range(1, 7), s.History.Select(h => h.Sequence));
        Assert.Same(first, s.History[0]);
        Assert.Equal(7, s.History.Select(h => h.Id).Distinct().Count());
        Assert.Equal(
            [SpecimenStatus.PendingApproval, SpecimenStatus.Active, SpecimenStatus.Frozen, SpecimenStatus.Frozen,
             SpecimenStatus.Active, SpecimenStatus.Active, SpecimenStatus.Revoked],
            s.History.Select(h => h.StatusAfter));
        Assert.Equal(7, s.Version);
    }

    [Fact]
    public void Failed_transitions_leave_no_trace()
    {
        var s = Given.Active();
        var count = s.History.Count;
        var version = s.Version;
        Assert.ThrowsAny<DomainRuleViolationException>(() => s.Approve(Given.OtherApprover, Later));
        Assert.ThrowsAny<DomainRuleViolationException>(() => s.ApproveUnfreeze(Given.OtherApprover, Later));
        Assert.Equal(count, s.History.Count);
        Assert.Equal(version, s.Version);
    }

    [Fact]
    public void History_cannot_be_modified_through_the_public_surface()
    {
        var s = Given.Active();
        var list = Assert.IsAssignableFrom<IList<SpecimenEvent>>(s.History);
        Assert.Throws<NotSupportedException>(() => list.RemoveAt(0));
        Assert.Throws<NotSupportedException>(list.Clear);
        Assert.Equal(2, s.History.Count);
    }

    [Fact]
    public void Closed_accounts_still_allow_a_loss_report()
    {
        // Freezing is about the seal, not the account: a lost seal must stop passing whatever the account state.
        var account = Given.Account();
        var s = Specimen.Submit("sp-9", account, SpecimenRole.CompanySeal, null, Given.From, Given.Clerk, Given.T0);
        s.Approve(Given.Approver, Given.T0);
        account.Close(Given.Admin, Given.T0);
        s.Freeze(Given.Clerk, "lost", Later);
        Assert.Equal(SpecimenStatus.Frozen, s.Status);
        Assert.Equal(AccountStatus.Closed, account.Status);
    }
}
