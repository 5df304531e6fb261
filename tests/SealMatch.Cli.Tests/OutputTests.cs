using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Tests;

public sealed class OutputTests
{
    private static readonly Uri Server = new("http://127.0.0.1:5271");

    [Fact]
    public void A_verification_shows_decision_reasons_findings_and_rules()
    {
        var v = new Verification
        {
            Id = "ver-1",
            AccountId = "acc-1",
            IdempotencyKey = "k-1",
            Decision = Decision.Reject,
            Status = VerificationStatus.Final,
            SlipDate = new Date { Year = 2025, Month = 11, Day = 3 },
            Amount = new Money { MinorUnits = 1_234_567, Currency = "CNY" },
            AcceptThreshold = 0.98,
            RejectThreshold = 0.3,
            EngineVersion = "1.0.0",
            Reasons = { new Reason { Code = ReasonCode.ForgerySuspected, Detail = "finance seal scored 0.012" } },
            Findings =
            {
                new Finding
                {
                    Box = new Box { X = 100, Y = 200, Width = 480, Height = 470 },
                    SpecimenId = "spc-9",
                    Role = SpecimenRole.FinanceSeal,
                    Probability = 0.0123,
                    Pose = new Pose { RotationDeg = -12.34, Scale = 1.002 },
                    ReasonCodes = { ReasonCode.ForgerySuspected },
                    Shape = "round",
                    WidthMm = 40,
                    HeightMm = 40,
                },
                new Finding { Box = new Box { X = 900, Y = 50, Width = 300, Height = 200 }, Probability = 0.001, ReasonCodes = { ReasonCode.UnknownSeal } },
            },
            RuleEvaluations =
            {
                new RuleEvaluation
                {
                    RuleName = "everyday",
                    Status = RuleStatus.NotSatisfied,
                    AcceptThreshold = 0.98,
                    RolesSatisfied = { SpecimenRole.LegalRepresentativeSeal },
                    RolesMissing = { SpecimenRole.FinanceSeal },
                },
            },
        };

        string text = ProtoText.Verification(v);

        Assert.StartsWith("REJECT  (final)\n", text, StringComparison.Ordinal);
        Assert.Contains("slip of 2025-11-03 for 12,345.67 CNY", text, StringComparison.Ordinal);
        Assert.Contains("    FORGERY_SUSPECTED: finance seal scored 0.012\n", text, StringComparison.Ordinal);
        Assert.Contains("1. box [100, 200, 480, 470] round 40.0 × 40.0 mm: FINANCE_SEAL (specimen spc-9) p=0.012, rotated -12.3°, scale 1.002  [FORGERY_SUSPECTED]", text, StringComparison.Ordinal);
        Assert.Contains("2. box [900, 50, 300, 200]: unknown seal (best p=0.001)  [UNKNOWN_SEAL]", text, StringComparison.Ordinal);
        Assert.Contains("everyday: NOT_SATISFIED (accept ≥ 0.980); satisfied LEGAL_REPRESENTATIVE_SEAL; missing FINANCE_SEAL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_accepted_verification_names_the_rule_that_carried_it()
    {
        var v = new Verification { Decision = Decision.Accept, Status = VerificationStatus.Final, SatisfiedRule = "everyday" };

        string text = ProtoText.Verification(v);

        Assert.StartsWith("ACCEPT by rule 'everyday'  (final)\n", text, StringComparison.Ordinal);
        Assert.Contains("findings: no seal impression or signature found", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_finding_names_its_region_signatory_and_the_model_used()
    {
        var v = new Verification { Decision = Decision.Review, Status = VerificationStatus.AwaitingReview, SignatureAcceptThreshold = 0.9, SignatureRejectThreshold = 0.05 };
        v.Models.Add(new ModelUse { Name = "signature-embedding", Sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" });
        v.Findings.Add(new Finding
        {
            Kind = EvidenceKind.Signature, RegionName = "drawer-signature", SignatoryName = "王涛", SpecimenId = "spc-7", Role = SpecimenRole.Signatory,
            Probability = 0.734, Box = new Box { X = 40, Y = 900, Width = 500, Height = 200 },
        });
        v.Findings.Add(new Finding { Kind = EvidenceKind.Signature, RegionName = "signature_regions[0]", SignatoryName = "王涛", Probability = 0.01 });
        v.Findings[0].ReasonCodes.Add(ReasonCode.LowConfidence);

        string text = ProtoText.Verification(v);

        Assert.Contains("  signatures: accept ≥ 0.900, reject < 0.050\n", text, StringComparison.Ordinal);
        Assert.Contains("  models: signature-embedding sha256 0123456789ab…\n", text, StringComparison.Ordinal);
        Assert.Contains("1. drawer-signature box [40, 900, 500, 200]: signature of 王涛 (specimen spc-7) p=0.734  [LOW_CONFIDENCE]", text, StringComparison.Ordinal);
        Assert.Contains("2. signature_regions[0] box", text, StringComparison.Ordinal);
        Assert.Contains("signature matching no signatory (closest 王涛, p=0.010)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_uses_proto_field_names_and_prints_defaults()
    {
        using var json = System.Text.Json.JsonDocument.Parse(ProtoJson.Format(new Verification { Id = "ver-1", Decision = Decision.Review }));
        System.Text.Json.JsonElement root = json.RootElement;

        Assert.Equal("DECISION_REVIEW", root.GetProperty("decision").GetString());
        Assert.Equal(string.Empty, root.GetProperty("satisfied_rule").GetString());
        Assert.Equal(0, root.GetProperty("rule_evaluations").GetArrayLength());
    }

    [Fact]
    public void An_account_lists_its_rules_in_the_rule_syntax()
    {
        var account = new Account { Id = "acc-1", AccountNumber = "6222", Name = "Demo Co", BranchCode = "B1", RiskTier = RiskTier.Standard, Status = AccountStatus.Open };
        account.SigningRules.Add(SigningRuleSyntax.Parse("everyday:FINANCE+LEGAL_REP@CNY:0..100000"));

        string text = ProtoText.Account(account);

        Assert.Contains("branch B1, risk tier STANDARD, OPEN", text, StringComparison.Ordinal);
        Assert.Contains("    everyday:FINANCE_SEAL+LEGAL_REPRESENTATIVE_SEAL@CNY:0..100000\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument, 2)]
    [InlineData(StatusCode.FailedPrecondition, 2)]
    [InlineData(StatusCode.NotFound, 2)]
    [InlineData(StatusCode.PermissionDenied, 2)]
    [InlineData(StatusCode.Unauthenticated, 2)]
    [InlineData(StatusCode.AlreadyExists, 2)]
    [InlineData(StatusCode.Unavailable, 1)]
    [InlineData(StatusCode.Internal, 1)]
    [InlineData(StatusCode.Aborted, 1)]
    public void Exit_code_is_2_when_the_request_or_caller_was_at_fault(StatusCode code, int exit) =>
        Assert.Equal(exit, RemoteErrors.ExitCode(code));

    [Fact]
    public void A_refusal_prints_status_reason_and_each_field_violation()
    {
        var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = "The scan is below 150 dpi." };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = "SCAN_TOO_COARSE", Domain = "sealmatch.v1" }));
        status.Details.Add(Any.Pack(new BadRequest
        {
            FieldViolations =
            {
                new BadRequest.Types.FieldViolation { Field = "dpi", Description = "The scan is below 150 dpi." },
                new BadRequest.Types.FieldViolation { Field = "slip_image", Description = "Unreadable." },
            },
        }));

        IReadOnlyList<string> lines = RemoteErrors.Describe(status.ToRpcException(), Server);

        Assert.Equal(
            ["error: InvalidArgument: The scan is below 150 dpi.", "  reason: SCAN_TOO_COARSE", "  field dpi: The scan is below 150 dpi.", "  field slip_image: Unreadable."],
            lines);
    }

    [Fact]
    public void An_unreachable_server_is_named()
    {
        IReadOnlyList<string> lines = RemoteErrors.Describe(new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "Error connecting to subchannel.")), Server);

        Assert.Contains(lines, l => l.Contains("is the server running at http://127.0.0.1:5271/", StringComparison.Ordinal));
    }
}
