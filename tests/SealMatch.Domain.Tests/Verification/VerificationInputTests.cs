using SealMatch.Domain.Accounts;
using SealMatch.Domain.Specimens;
using SealMatch.Domain.Verification;

namespace SealMatch.Domain.Tests.Verification;

/// <summary>From the aggregates to a decision: the path the service takes.</summary>
public sealed class VerificationInputTests
{
    private static readonly ThresholdPolicy Thresholds = new(Slip.Calibrated);

    private static (Account Account, Specimen Finance, Specimen Legal) Registered()
    {
        var account = Given.Account();
        account.SetSigningPolicy(SigningPolicy.Create([Slip.FinanceAndLegal]), Given.Clerk, Given.T0);
        var fin = Specimen.Submit("fin", account, SpecimenRole.FinanceSeal, null, Given.From, Given.Clerk, Given.T0);
        var leg = Specimen.Submit("leg", account, SpecimenRole.LegalRepresentativeSeal, null, Given.From, Given.Clerk, Given.T0);
        fin.Approve(Given.Approver, Given.T0);
        leg.Approve(Given.Approver, Given.T0);
        return (account, fin, leg);
    }

    private static SlipEvidence Genuine() => new(
    [
        new Impression(new ImpressionBox(10, 10, 100, 100), false, [new SpecimenScore("fin", 0.96), new SpecimenScore("leg", 0.1)]),
        new Impression(new ImpressionBox(200, 10, 60, 60), false, [new SpecimenScore("fin", 0.1), new SpecimenScore("leg", 0.94)]),
    ]);

    [Fact]
    public void Genuine_slip_accepts_then_rejects_once_the_seal_is_reported_lost()
    {
        var (account, fin, leg) = Registered();
        var date = Given.From.AddDays(10);
        var amount = new Money(10_000, "CNY");

        var before = VerificationPolicy.Evaluate(VerificationInput.For(account, date, amount, [fin, leg], Thresholds, Genuine()));
        Assert.Equal(Decision.Accept, before.Decision);

        fin.Freeze(Given.Clerk, "lost", Given.T0.AddDays(20));
        var after = VerificationPolicy.Evaluate(VerificationInput.For(account, date, amount, [fin, leg], Thresholds, Genuine()));
        Assert.Equal(Decision.Reject, after.Decision);
        Assert.Contains(after.Reasons, r => r.Code == ReasonCode.SpecimenFrozen);
    }

    [Fact]
    public void Slip_dated_before_a_routine_revocation_still_accepts_after_it_does_not()
    {
        var (account, fin, leg) = Registered();
        var revokedFrom = Given.From.AddDays(30);
        fin.RequestRevocation(Given.Clerk, revokedFrom, "card renewed", Given.T0.AddDays(29));
        fin.ApproveRevocation(Given.Approver, Given.T0.AddDays(29));
        var amount = new Money(10_000, "CNY");

        var older = VerificationPolicy.Evaluate(
            VerificationInput.For(account, revokedFrom.AddDays(-1), amount, [fin, leg], Thresholds, Genuine()));
        Assert.Equal(Decision.Accept, older.Decision);

        var newer = VerificationPolicy.Evaluate(VerificationInput.For(account, revokedFrom, amount, [fin, leg], Thresholds, Genuine()));
        Assert.Equal(Decision.Reject, newer.Decision);
        Assert.Contains(newer.Reasons, r => r.Code == ReasonCode.SpecimenRevoked);
    }

    [Fact]
    public void Closed_account_cannot_be_verified()
    {
        var (account, fin, leg) = Registered();
        account.Close(Given.Admin, Given.T0.AddDays(1));
        Given.Violation(
            ViolationCode.AccountClosed,
            () => VerificationInput.For(account, Given.From, new Money(1, "CNY"), [fin, leg], Thresholds, Genuine()));
    }

    [Fact]
    public void Specimens_of_another_account_are_a_caller_error()
    {
        var (account, fin, _) = Registered();
        var other = Account.Open("acc-2", "2", "Other Co.", Given.Branch, RiskTier.Standard, Given.Clerk, Given.T0);
        var foreign = Specimen.Submit("x", other, SpecimenRole.CompanySeal, null, Given.From, Given.Clerk, Given.T0);
        Assert.Throws<ArgumentException>(
            () => VerificationInput.For(account, Given.From, new Money(1, "CNY"), [fin, foreign], Thresholds, Genuine()));
    }

    [Fact]
    public void Input_carries_the_accounts_policy_and_tier()
    {
        var (account, fin, leg) = Registered();
        var input = VerificationInput.For(account, Given.From, new Money(1, "CNY"), [fin, leg], Thresholds, Genuine());

        Assert.Same(account.SigningPolicy, input.SigningPolicy);
        Assert.Equal(account.RiskTier, input.RiskTier);
        Assert.Equal([SpecimenUsability.Usable, SpecimenUsability.Usable], input.Specimens.Select(s => s.Usability));
    }
}
