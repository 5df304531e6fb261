using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using SealMatch.Cli.Commands;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Tests;

public sealed class ReviewAuditTests
{
    private static readonly Timestamp At = Timestamp.FromDateTime(new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc));

    [Fact]
    public void Verdicts_are_read_without_their_prefix_and_supervisors_cannot_say_cannot_tell()
    {
        Assert.Equal(ReviewVerdict.CannotTell, CliInput.ParseVerdict("--verdict", "cannot-tell", allowCannotTell: true));
        Assert.Equal(ReviewVerdict.Forged, CliInput.ParseVerdict("--verdict", "FORGED", allowCannotTell: false));
        Assert.Equal("--verdict", Assert.Throws<CliInputException>(() => CliInput.ParseVerdict("--verdict", "CANNOT_TELL", allowCannotTell: false)).Field);
        Assert.Contains("GENUINE", Assert.Throws<CliInputException>(() => CliInput.ParseVerdict("--verdict", "maybe", allowCannotTell: true)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReviewVerdict.Forged, null)]
    [InlineData(ReviewVerdict.CannotTell, "  ")]
    public void A_verdict_other_than_genuine_needs_a_comment(ReviewVerdict verdict, string? comment) =>
        Assert.Equal("--comment", Assert.Throws<CliInputException>(() => CliInput.ReviewComment("--comment", verdict, comment)).Field);

    [Fact]
    public void Comments_are_trimmed_and_optional_for_genuine()
    {
        Assert.Equal(string.Empty, CliInput.ReviewComment("--comment", ReviewVerdict.Genuine, null));
        Assert.Equal("border broken at 3 o'clock", CliInput.ReviewComment("--comment", ReviewVerdict.Forged, " border broken at 3 o'clock "));
    }

    [Fact]
    public void Instants_are_dates_at_utc_midnight_or_times_with_or_without_a_zone()
    {
        Assert.Equal(new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc), CliInput.ParseInstant("--from", "2026-11-25").ToDateTime());
        Assert.Equal(new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc), CliInput.ParseInstant("--from", "2026-11-25T09:30").ToDateTime());
        Assert.Equal(new DateTime(2026, 11, 25, 9, 30, 15, DateTimeKind.Utc), CliInput.ParseInstant("--from", "2026-11-25T09:30:15Z").ToDateTime());
        Assert.Equal(new DateTime(2026, 11, 25, 1, 30, 0, DateTimeKind.Utc), CliInput.ParseInstant("--to", "2026-11-25T09:30:00+08:00").ToDateTime());
        Assert.Equal("--to", Assert.Throws<CliInputException>(() => CliInput.ParseInstant("--to", "25.11.2026")).Field);
        Assert.Throws<CliInputException>(() => CliInput.ParseInstant("--to", "2026-11-31"));
    }

    [Fact]
    public void The_audit_filter_takes_what_was_given_and_refuses_contradictions()
    {
        AuditFilter filter = AuditFilters.Build(" rev-1 ", "review.submit", "review_case", "case-9", "2026-11-01", "2026-12-01");

        Assert.Equal(("rev-1", "review.submit", "review_case", "case-9"), (filter.ActorId, filter.Action, filter.TargetType, filter.TargetId));
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), filter.From.ToDateTime());
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), filter.To.ToDateTime());
        Assert.Equal(new AuditFilter(), AuditFilters.Build(null, null, null, null, null, null));
        Assert.Equal("--target-id", Assert.Throws<CliInputException>(() => AuditFilters.Build(null, null, null, "case-9", null, null)).Field);
        Assert.Equal("--to", Assert.Throws<CliInputException>(() => AuditFilters.Build(null, null, null, null, "2026-12-01", "2026-11-01")).Field);
    }

    [Fact]
    public void Image_files_are_named_by_finding_and_view_and_never_collide()
    {
        ReviewImage[] images =
        [
            new() { Kind = ReviewImageKind.Impression, FindingIndex = 0 },
            new() { Kind = ReviewImageKind.Specimen, FindingIndex = 0, SpecimenId = "spc-1" },
            new() { Kind = ReviewImageKind.SideBySide, FindingIndex = 0, SpecimenId = "spc-1" },
            new() { Kind = ReviewImageKind.Overlay, FindingIndex = 1, SpecimenId = "spc-2" },
            new() { Kind = ReviewImageKind.Difference, FindingIndex = 1, SpecimenId = "spc-2" },
            new() { Kind = ReviewImageKind.Fold, FindingIndex = 1, SpecimenId = "spc-2" },
            new() { Kind = ReviewImageKind.Fold, FindingIndex = 1, SpecimenId = "spc/3" },
            new() { Kind = ReviewImageKind.Impression, FindingIndex = 0 },
        ];

        Assert.Equal(
            [
                "finding-1-impression.png", "finding-1-specimen.png", "finding-1-side-by-side.png",
                "finding-2-overlay.png", "finding-2-difference.png", "finding-2-fold.png", "finding-2-fold-spc_3.png",
                "finding-1-impression-2.png",
            ],
            ReviewImageFiles.Names(images));
    }

    [Fact]
    public void A_written_image_is_described_with_its_view_specimen_and_fold_line()
    {
        var fold = new ReviewImage { Kind = ReviewImageKind.Fold, FindingIndex = 0, SpecimenId = "spc-1", FoldAngleDeg = 42.5, Png = ByteString.CopyFrom(1, 2, 3) };

        Assert.Equal("finding-1-fold.png  (FOLD, finding 1, specimen spc-1, fold line at 42.5°, 3 bytes)", ReviewsCommands.ImageLine("finding-1-fold.png", fold));
    }

    [Fact]
    public void A_case_shows_state_lease_outcome_and_only_the_reviews_sent()
    {
        var c = new ReviewCase
        {
            Id = "case-1",
            VerificationId = "ver-1",
            AccountId = "acc-1",
            BranchCode = "SH01",
            Reason = ReviewReason.ReviewDecision,
            State = ReviewCaseState.Escalated,
            SubmittedBy = "teller-1",
            OpenedAt = At,
            LeaseHolder = "rev-2",
            LeaseExpiresAt = At,
            EscalatedAt = At,
            HoldsPayment = true,
            Version = 4,
            Reviews =
            {
                new ReviewRecord { Sequence = 1, Kind = ReviewKind.First, ReviewerId = "rev-1", Verdict = ReviewVerdict.Genuine, At = At },
                new ReviewRecord { Sequence = 2, Kind = ReviewKind.Second, ReviewerId = "rev-2", Verdict = ReviewVerdict.Forged, Comment = "inner ring missing", At = At },
            },
        };

        string text = ProtoText.ReviewCase(c);

        Assert.StartsWith("Case case-1  ESCALATED  REVIEW_DECISION, payment held  version 4\n", text, StringComparison.Ordinal);
        Assert.Contains("claimed by rev-2, lease expires 2026-11-25 09:30:00Z", text, StringComparison.Ordinal);
        Assert.Contains("    2. SECOND FORGED by rev-2 at 2026-11-25 09:30:00Z: inner ring missing\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("outcome", text, StringComparison.Ordinal);

        c.State = ReviewCaseState.Decided;
        c.Outcome = Decision.Reject;
        c.DecidedBy = "sup-1";
        c.DecidedAt = At;
        Assert.Contains("outcome REJECT, decided 2026-11-25 09:30:00Z by sup-1", ProtoText.ReviewCase(c), StringComparison.Ordinal);
        Assert.Contains("DECIDED", ProtoText.ReviewCaseLine(c), StringComparison.Ordinal);
        Assert.EndsWith("→ REJECT", ProtoText.ReviewCaseLine(c), StringComparison.Ordinal);
    }

    [Fact]
    public void The_chain_check_prints_intact_with_its_head_or_the_first_break()
    {
        string intact = ProtoText.AuditChain(new VerifyAuditChainResponse { Intact = true, EntriesVerified = 12, HeadSequenceNumber = 12, HeadHash = "ab12" });
        string broken = ProtoText.AuditChain(new VerifyAuditChainResponse
        {
            Intact = false,
            EntriesVerified = 6,
            HeadSequenceNumber = 6,
            HeadHash = "cd34",
            FirstBreak = new AuditChainBreak { SequenceNumber = 8, ExpectedSequenceNumber = 7, Kind = AuditBreakKind.SequenceGap, Detail = "entry 7 missing" },
        });

        Assert.StartsWith("intact: 12 entries verified\n", intact, StringComparison.Ordinal);
        Assert.Contains("head: #12 ab12", intact, StringComparison.Ordinal);
        Assert.StartsWith("BROKEN at entry #8 (expected #7): SEQUENCE_GAP (entry 7 missing)\n", broken, StringComparison.Ordinal);
        Assert.Contains("6 entries verified intact before the break", broken, StringComparison.Ordinal);
    }

    [Fact]
    public void An_audit_entry_is_one_line_with_purpose_when_stated()
    {
        var e = new AuditRecord
        {
            SequenceNumber = 5, ActorId = "rev-1", Roles = "REVIEWER", BranchCode = "SH01", Action = "review.image.read",
            TargetType = "review_case", TargetId = "case-1", Purpose = "review", At = At, RequestId = "req-1", ClientAddress = "127.0.0.1",
        };

        Assert.Equal(
            "#5  2026-11-25 09:30:00Z  rev-1 [REVIEWER] branch SH01  review.image.read review_case case-1  purpose \"review\"  request req-1 from 127.0.0.1",
            ProtoText.AuditRecord(e));
    }
}
