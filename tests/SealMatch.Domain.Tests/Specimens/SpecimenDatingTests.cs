using SealMatch.Domain.Specimens;

namespace SealMatch.Domain.Tests.Specimens;

public sealed class SpecimenDatingTests
{
    private static readonly DateTimeOffset Later = Given.T0.AddDays(10);
    private static readonly DateOnly From = Given.From;

    [Fact]
    public void Pending_and_rejected_are_not_approved()
    {
        var pending = Given.Pending();
        Assert.Equal(SpecimenUsability.NotApproved, pending.UsabilityOn(From.AddDays(5)));
        pending.Reject(Given.Approver, "bad", Later);
        Assert.Equal(SpecimenUsability.NotApproved, pending.UsabilityOn(From.AddDays(5)));
        Assert.False(pending.IsUsableOn(From.AddDays(5)));
    }

    [Fact]
    public void Effective_from_is_inclusive()
    {
        var s = Given.Active();
        Assert.Equal(SpecimenUsability.NotEffective, s.UsabilityOn(From.AddDays(-1)));
        Assert.Equal(SpecimenUsability.Usable, s.UsabilityOn(From));
        Assert.True(s.IsUsableOn(From.AddYears(20)));
    }

    [Fact]
    public void Effective_to_is_exclusive_and_slips_dated_before_a_revocation_still_verify()
    {
        var to = From.AddDays(30);
        var s = Given.Active();
        s.RequestRevocation(Given.Clerk, to, "replaced", Later);
        s.ApproveRevocation(Given.Approver, Later);

        Assert.Equal(SpecimenUsability.NotEffective, s.UsabilityOn(From.AddDays(-1)));
        Assert.Equal(SpecimenUsability.Usable, s.UsabilityOn(From));
        Assert.Equal(SpecimenUsability.Usable, s.UsabilityOn(to.AddDays(-1)));
        Assert.Equal(SpecimenUsability.Revoked, s.UsabilityOn(to));
        Assert.Equal(SpecimenUsability.Revoked, s.UsabilityOn(to.AddDays(100)));
    }

    [Fact]
    public void Pending_revocation_changes_nothing_yet()
    {
        var to = From.AddDays(30);
        var s = Given.Active();
        s.RequestRevocation(Given.Clerk, to, "replaced", Later);
        Assert.Equal(SpecimenUsability.Usable, s.UsabilityOn(to.AddDays(5)));
    }

    [Fact]
    public void Frozen_is_unusable_for_every_date_even_before_the_loss()
    {
        var s = Given.Frozen();
        Assert.Equal(SpecimenUsability.Frozen, s.UsabilityOn(From));
        Assert.Equal(SpecimenUsability.Frozen, s.UsabilityOn(From.AddDays(-10)));
        Assert.Equal(SpecimenUsability.Frozen, s.UsabilityOn(From.AddYears(1)));
    }

    [Fact]
    public void Revoked_after_a_loss_report_is_unusable_for_every_date()
    {
        var to = From.AddDays(30);
        var s = Given.Frozen();
        s.RequestRevocation(Given.Clerk, to, "lost for good", Later);
        s.ApproveRevocation(Given.Approver, Later);

        Assert.Equal(SpecimenUsability.Revoked, s.UsabilityOn(From.AddDays(1)));
        Assert.Equal(SpecimenUsability.Revoked, s.UsabilityOn(to));
    }

    [Fact]
    public void Unfrozen_specimen_is_usable_again_and_a_later_revocation_is_routine()
    {
        var to = From.AddDays(30);
        var s = Given.Frozen();
        s.RequestUnfreeze(Given.Clerk, "found", Later);
        s.ApproveUnfreeze(Given.Approver, Later);
        s.RequestRevocation(Given.Clerk, to, "replaced", Later);
        s.ApproveRevocation(Given.Approver, Later);

        Assert.Equal(SpecimenUsability.Usable, s.UsabilityOn(to.AddDays(-1)));
        Assert.Equal(SpecimenUsability.Revoked, s.UsabilityOn(to));
    }
}
