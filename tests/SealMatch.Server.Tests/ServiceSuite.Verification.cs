using Google.Protobuf;
using Grpc.Core;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

using Verification = SealMatch.Protos.V1.Verification;

public abstract partial class ServiceSuite
{
    [SkippableFact]
    public async Task Bad_slips_are_refused_with_the_field_at_fault_and_nothing_is_written()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        using Clients otherTeller = await OtherBranchTeller();
        Account account = await NewAccountAsync(clerk);
        byte[] blank = SyntheticBank.BlankPage();

        async Task<Google.Rpc.Status> Refused(StatusCode code, string field, VerifySlipRequest request) =>
            await RpcAssert.FailsOnFieldAsync(code, field, () => teller.Verifications.VerifySlipAsync(request, Deadline).ResponseAsync);

        Assert.Equal("SCAN_EMPTY", RpcAssert.Reason(await Refused(StatusCode.InvalidArgument, "slip_image", Slip(account.Id, [], "k1", dpi: 300))));
        Assert.Equal("SCAN_CORRUPT", RpcAssert.Reason(await Refused(StatusCode.InvalidArgument, "slip_image", Slip(account.Id, [.. blank.Take(100)], "k2", dpi: 300))));
        Assert.Equal("SCAN_UNSUPPORTED_FORMAT", RpcAssert.Reason(await Refused(StatusCode.InvalidArgument, "slip_image", Slip(account.Id, "GIF89a......"u8.ToArray(), "k3", dpi: 300))));
        byte[] huge = new byte[ServiceHost.MaxScanBytes + 1];
        blank.CopyTo(huge, 0);
        Assert.Equal("SCAN_TOO_LARGE", RpcAssert.Reason(await Refused(StatusCode.InvalidArgument, "slip_image", Slip(account.Id, huge, "k4", dpi: 300))));
        Assert.Equal("SCAN_TOO_COARSE", RpcAssert.Reason(await Refused(StatusCode.InvalidArgument, "dpi", Slip(account.Id, blank, "k5", dpi: 100))));
        Assert.Equal("SCAN_RESOLUTION_UNKNOWN", RpcAssert.Reason(await Refused(StatusCode.InvalidArgument, "dpi", Slip(account.Id, blank, "k6"))));
        await Refused(StatusCode.InvalidArgument, "slip_date", Without(Slip(account.Id, blank, "k7", dpi: 300), x => x.SlipDate = null));
        await Refused(StatusCode.InvalidArgument, "amount.currency", Slip(account.Id, blank, "k8", currency: "rmb", dpi: 300));
        await Refused(StatusCode.InvalidArgument, "amount", Slip(account.Id, blank, "k9", amount: -1, dpi: 300));
        await Refused(StatusCode.InvalidArgument, "idempotency_key", Slip(account.Id, blank, "", dpi: 300));
        await Refused(StatusCode.NotFound, "account_id", Slip("acc_unknown", blank, "k10", dpi: 300));
        Assert.Equal("BRANCH_FORBIDDEN", RpcAssert.Reason(await RpcAssert.FailsOnFieldAsync(StatusCode.PermissionDenied, "account_id",
            () => otherTeller.Verifications.VerifySlipAsync(Slip(account.Id, blank, "k11", dpi: 300), Deadline).ResponseAsync)));
        Assert.Equal(0, await CountVerificationsAsync(account.Id));

        await RpcAssert.FailsOnFieldAsync(StatusCode.NotFound, "verification_id",
            () => teller.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = "ver_missing" }).ResponseAsync);
    }

    private static VerifySlipRequest Without(VerifySlipRequest request, Action<VerifySlipRequest> change)
    {
        change(request);
        return request;
    }

    [SkippableFact]
    public async Task The_same_idempotency_key_returns_the_same_verification_and_never_a_second_record()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        using Clients otherTeller = await OtherBranchTeller();
        using Clients auditor = await Auditor();
        Account account = await NewAccountAsync(clerk);
        byte[] blank = SyntheticBank.BlankPage();

        Verification first = await teller.Verifications.VerifySlipAsync(Slip(account.Id, blank, "slip-0001", dpi: 300), Deadline);
        Assert.Equal(Decision.Reject, first.Decision);
        Assert.Contains(first.Reasons, r => r.Code == ReasonCode.NoSealFound);
        Assert.Equal(VerificationStatus.Final, first.Status);
        Assert.False(string.IsNullOrEmpty(first.EngineVersion));
        Assert.InRange(first.AcceptThreshold, first.RejectThreshold, 1);

        Verification retry = await teller.Verifications.VerifySlipAsync(Slip(account.Id, blank, "slip-0001", dpi: 300), Deadline);
        Assert.Equal(first, retry);
        await RpcAssert.FailsOnFieldAsync(StatusCode.InvalidArgument, "idempotency_key",
            () => teller.Verifications.VerifySlipAsync(Slip(account.Id, blank, "slip-0001", amount: 1, dpi: 300), Deadline).ResponseAsync);

        // Concurrent duplicates: one record, every caller gets it.
        Verification[] racing = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            teller.Verifications.VerifySlipAsync(Slip(account.Id, blank, "slip-0002", dpi: 300), Deadline).ResponseAsync));
        Assert.Single(racing.Select(v => v.Id).Distinct());
        Assert.NotEqual(first.Id, racing[0].Id);
        Assert.Equal(2, await CountVerificationsAsync(account.Id));

        Assert.Equal(first, await auditor.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = first.Id }));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => otherTeller.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = first.Id }).ResponseAsync);

        // A final verification is streamed once and the stream ends.
        using AsyncServerStreamingCall<Verification> watch = teller.Verifications.WatchVerification(new WatchVerificationRequest { VerificationId = first.Id }, Deadline);
        var seen = new List<Verification>();
        await foreach (Verification v in watch.ResponseStream.ReadAllAsync())
        {
            seen.Add(v);
        }

        Assert.Equal(first, Assert.Single(seen));
    }

    /// <summary>An account with approved finance, company and legal-representative seals, effective from 2026-01-01.</summary>
    private async Task<(Account Account, Dictionary<SpecimenRole, Specimen> Specimens)> SyntheticAccountAsync()
    {
        using Clients clerk = await Clerk();
        Account account = await NewAccountAsync(clerk);
        var specimens = new Dictionary<SpecimenRole, Specimen>();
        foreach (SpecimenRole role in new[] { SpecimenRole.FinanceSeal, SpecimenRole.CompanySeal, SpecimenRole.LegalRepresentativeSeal })
        {
            specimens[role] = await ActiveSealAsync(account.Id, role, D(2026, 1, 1));
        }

        return (account, specimens);
    }

    private static async Task SetRulesAsync(Clients clerk, string accountId, params SigningRule[] rules)
    {
        var request = new SetSigningRulesRequest { AccountId = accountId };
        request.Rules.AddRange(rules);
        await clerk.Accounts.SetSigningRulesAsync(request);
    }

    [SkippableFact]
    public async Task A_genuine_slip_is_not_rejected_and_a_forged_one_is_not_accepted()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        (Account account, Dictionary<SpecimenRole, Specimen> specimens) = await SyntheticAccountAsync();
        await SetRulesAsync(clerk, account.Id,
            Rule("finance+legal", SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal),
            Rule("company+legal", SpecimenRole.CompanySeal, SpecimenRole.LegalRepresentativeSeal));

        Verification genuine = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "genuine-1"), Deadline);
        Output.WriteLine("genuine: " + Describe(genuine));
        Assert.True(genuine.Decision != Decision.Reject, Describe(genuine));
        Finding finance = Assert.Single(genuine.Findings, f => f.SpecimenId == specimens[SpecimenRole.FinanceSeal].Id);
        Assert.Equal(SpecimenRole.FinanceSeal, finance.Role);
        Assert.NotNull(finance.Pose);
        Assert.Equal(2, genuine.RuleEvaluations.Count);

        // Regions of interest: impressions outside them are not considered.
        VerifySlipRequest elsewhere = Slip(account.Id, SyntheticBank.GenuineSlip, "genuine-roi");
        elsewhere.RegionsOfInterest.Add(new Box { X = 0, Y = 0, Width = 40, Height = 40 });
        Verification outside = await teller.Verifications.VerifySlipAsync(elsewhere, Deadline);
        Assert.Equal(Decision.Reject, outside.Decision);
        Assert.Contains(outside.Reasons, r => r.Code == ReasonCode.NoSealFound);

        Verification forged = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.ForgedSlip, "forged-1"), Deadline);
        Output.WriteLine("forged: " + Describe(forged));
        Assert.True(forged.Decision != Decision.Accept, Describe(forged));
        Assert.DoesNotContain(forged.Findings, f => f.SpecimenId == specimens[SpecimenRole.FinanceSeal].Id && f.Probability >= forged.AcceptThreshold);
    }

    [SkippableFact]
    public async Task Amount_bands_effective_dates_signatures_and_a_freeze_change_the_decision()
    {
        SkipIfUnavailable();
        using Clients clerk = await Clerk();
        using Clients teller = await Teller();
        (Account account, Dictionary<SpecimenRole, Specimen> specimens) = await SyntheticAccountAsync();
        SigningRule small = Rule("small", SpecimenRole.FinanceSeal);
        small.AmountBand = new AmountBand { Currency = "CNY", MinMinorUnits = 0, MaxMinorUnits = 1_000_000_00 };
        SigningRule large = Rule("large", SpecimenRole.FinanceSeal, SpecimenRole.CompanySeal);
        large.AmountBand = new AmountBand { Currency = "CNY", MinMinorUnits = 1_000_000_00 };
        await SetRulesAsync(clerk, account.Id, small, large);

        Verification low = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "band-small", amount: 5_000_00), Deadline);
        Output.WriteLine("low: " + Describe(low));
        Assert.True(low.Decision != Decision.Reject, Describe(low));
        Assert.Equal(RuleStatus.NotApplicable, low.RuleEvaluations.Single(r => r.RuleName == "large").Status);

        Verification high = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "band-large", amount: 2_000_000_00), Deadline);
        Output.WriteLine("high: " + Describe(high));
        Assert.Equal(Decision.Reject, high.Decision);
        Assert.Contains(high.Reasons, r => r.Code == ReasonCode.RuleNotSatisfied);
        RuleEvaluation largeRule = high.RuleEvaluations.Single(r => r.RuleName == "large");
        Assert.Contains(SpecimenRole.CompanySeal, largeRule.RolesMissing);
        Assert.Equal(RuleStatus.NotApplicable, high.RuleEvaluations.Single(r => r.RuleName == "small").Status);

        Verification dollars = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "band-usd", currency: "USD"), Deadline);
        Output.WriteLine("dollars: " + Describe(dollars));
        Assert.Equal(Decision.Reject, dollars.Decision);
        Assert.Contains(dollars.Reasons, r => r.Code == ReasonCode.RuleNotSatisfied);

        // Effective dating: before the specimens' effective-from date the slip cannot pass.
        Verification early = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "dated-early", date: D(2025, 12, 31)), Deadline);
        Output.WriteLine("early: " + Describe(early));
        Assert.True(early.Decision != Decision.Accept, Describe(early));
        Assert.Contains(early.Reasons, r => r.Code is ReasonCode.SpecimenNotEffective or ReasonCode.RuleNotSatisfied);

        // A required signature with no signature region on the slip cannot be scored: the slip goes to a person, not to a rejection.
        Specimen signature = await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
        {
            AccountId = account.Id,
            Role = SpecimenRole.Signatory,
            SignatoryName = "李四",
            Image = ByteString.CopyFrom(SyntheticBank.Signature("李四")),
            Dpi = 300,
            EffectiveFrom = D(2026, 1, 1),
        });
        using (Clients approver = await Approver())
        {
            await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = signature.Id });
        }

        await SetRulesAsync(clerk, account.Id, Rule("finance+signature", SpecimenRole.FinanceSeal, SpecimenRole.Signatory));
        Verification signed = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "signature"), Deadline);
        Output.WriteLine("signed: " + Describe(signed));
        Assert.Equal(Decision.Review, signed.Decision);
        Assert.Equal(VerificationStatus.AwaitingReview, signed.Status);
        Assert.Contains(signed.Reasons, r => r.Code == ReasonCode.LowConfidence);
        Assert.Contains(SpecimenRole.Signatory, signed.RuleEvaluations.Single().RolesUncertain);

        // Awaiting review: the watch sends the current state and stays open until the call ends.
        using (AsyncServerStreamingCall<Verification> watch = teller.Verifications.WatchVerification(
            new WatchVerificationRequest { VerificationId = signed.Id }, deadline: DateTime.UtcNow.AddSeconds(2)))
        {
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(signed, watch.ResponseStream.Current);
            // The stream must not complete by itself; it ends only with the call's deadline. Which side
            // notices the deadline first is a race: the client reports DeadlineExceeded, a stream the
            // server reset at its deadline reads as Unavailable.
            RpcException ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Contains(ended.StatusCode, new[] { StatusCode.DeadlineExceeded, StatusCode.Unavailable });
        }

        // A loss report stops the seal passing at once.
        await SetRulesAsync(clerk, account.Id, small, large);
        await clerk.Specimens.FreezeSpecimenAsync(new FreezeSpecimenRequest { SpecimenId = specimens[SpecimenRole.FinanceSeal].Id, Reason = "lost" });
        Verification frozen = await teller.Verifications.VerifySlipAsync(Slip(account.Id, SyntheticBank.GenuineSlip, "after-freeze", amount: 5_000_00), Deadline);
        Output.WriteLine("frozen: " + Describe(frozen));
        Assert.Equal(Decision.Reject, frozen.Decision);
        Assert.Contains(frozen.Reasons, r => r.Code == ReasonCode.SpecimenFrozen);
    }

    private static string Describe(Verification v) =>
        $"{v.Decision}: {string.Join(", ", v.Reasons.Select(r => $"{r.Code} ({r.Detail})"))}; findings: "
        + string.Join("; ", v.Findings.Select(f => $"{f.Role} {f.SpecimenId} p={f.Probability:F3} [{string.Join(",", f.ReasonCodes)}]"));
}
