using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SealMatch.Domain.Audit;
using SealMatch.Domain.Security;

namespace SealMatch.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    // ---- Append ----
    [Fact]
    public void The_first_entry_chains_to_genesis()
    {
        var at = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)).AddTicks(1_234_567);

        var e = AuditChain.Append(
            null, Given.Approver, " specimen.approve ", "specimen", "sp-1", "  ", "req-1", "10.0.0.1", at);

        Assert.Equal(1, e.SequenceNumber);
        Assert.Equal(new string('0', 64), AuditChain.GenesisHash);
        Assert.Equal(AuditChain.GenesisHash, e.PreviousHash);
        Assert.Equal(AuditChain.ComputeHash(AuditChain.GenesisHash, e), e.Hash);
        Assert.Matches("^[0-9a-f]{64}$", e.Hash);
        Assert.Equal("approver-1", e.ActorId);
        Assert.Equal("SpecimenApprover", e.Roles);
        Assert.Equal(Given.Branch, e.BranchCode);
        Assert.Equal("specimen.approve", e.Action);
        Assert.Null(e.Purpose);
        Assert.Equal("req-1", e.RequestId);
        Assert.Equal("10.0.0.1", e.ClientAddress);
        Assert.Equal(TimeSpan.Zero, e.At.Offset);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 1, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), e.At);
    }

    [Fact]
    public void Each_entry_chains_to_the_one_before()
    {
        var trail = Trails.Build();

        for (var i = 1; i < trail.Count; i++)
        {
            Assert.Equal(i + 1, trail[i].SequenceNumber);
            Assert.Equal(trail[i - 1].Hash, trail[i].PreviousHash);
        }

        Assert.Equal(trail.Count, trail.Select(e => e.Hash).Distinct().Count());
    }

    [Fact]
    public void Roles_are_recorded_distinct_in_ordinal_order()
    {
        Assert.Equal("ReviewSupervisor,Reviewer", AuditChain.FormatRoles([Role.Reviewer, Role.ReviewSupervisor, Role.Reviewer]));
        Assert.Equal(string.Empty, AuditChain.FormatRoles([]));
        var e = AuditChain.Append(null, new Actor("sys", [], ""), "job.run", "job", "j-1", null, null, null, Given.T0);
        Assert.Equal(string.Empty, e.Roles);
        Assert.True(AuditChain.Verify([e]).IsIntact);
    }

    [Theory]
    [InlineData("action")]
    [InlineData("target_type")]
    [InlineData("target_id")]
    public void Append_requires_action_and_target(string field)
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue,
            () => AuditChain.Append(
                null, Given.Clerk, field == "action" ? " " : "a", field == "target_type" ? "" : "t", field == "target_id" ? null! : "i",
                null, null, null, Given.T0));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Append_refuses_text_the_databases_cannot_store_unchanged()
    {
        var loneHigh = new string([(char)0xD800]);
        var loneLow = new string([(char)0xDC00]);
        foreach (var (field, value) in new[] { ("purpose", "a\0b"), ("purpose", "bad " + loneHigh + " surrogate"), ("request_id", "r\0"), ("client_address", loneLow) })
        {
            var e = Given.Violation(
                ViolationCode.InvalidValue,
                () => AuditChain.Append(
                    null, Given.Clerk, "a", "t", "i",
                    field == "purpose" ? value : null, field == "request_id" ? value : null, field == "client_address" ? value : null, Given.T0));
            Assert.Equal(field, e.Field);
        }

        var valid = AuditChain.Append(null, Given.Clerk, "a", "t", "i", "印鉴 \U0001F600 ok", null, null, Given.T0);
        Assert.True(AuditChain.Verify([valid]).IsIntact);
    }

    [Fact]
    public void Append_refuses_overlong_fields()
    {
        var e = Given.Violation(
            ViolationCode.InvalidValue, () => AuditChain.Append(null, Given.Clerk, "a", "t", new string('i', 201), null, null, null, Given.T0));
        Assert.Equal("target_id", e.Field);
    }

    // ---- Canonical form ----
    [Fact]
    public void Canonical_bytes_and_hash_match_the_documented_format()
    {
        var previous = string.Concat(Enumerable.Repeat("0123456789abcdef", 4));
        var entry = AuditEntry.Restore(
            42, "reviewer-1", AuditChain.FormatRoles([Role.Reviewer, Role.ReviewSupervisor]), "0101", "review.submit", "review_case",
            "case-7", "复核 slip 7", new DateTimeOffset(2025, 3, 1, 9, 2, 3, TimeSpan.FromHours(8)).AddTicks(4_567_891), null, "10.0.0.5",
            previous, hash: "");

        var expected = new List<byte>();
        foreach (var field in new[]
        {
            "sealmatch.audit.v1", "42", "reviewer-1", "ReviewSupervisor,Reviewer", "0101", "review.submit", "review_case", "case-7",
            "复核 slip 7", "2025-03-01T01:02:03.456789Z", null, "10.0.0.5",
        })
        {
            var bytes = field is null ? [] : Encoding.UTF8.GetBytes(field);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, field is null ? -1 : bytes.Length);
            expected.AddRange(length);
            expected.AddRange(bytes);
        }

        var canonical = AuditChain.CanonicalBytes(entry);

        Assert.Equal(expected, canonical);
        Assert.Equal(185, canonical.Length);
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF], canonical.AsSpan(canonical.Length - 16, 4).ToArray());
        var hash = AuditChain.ComputeHash(previous, entry);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. Convert.FromHexString(previous), .. expected])), hash);
        // Computed independently (Python hashlib over the same documented layout); never re-baseline to make a test pass.
        Assert.Equal("9048b59731e025a1df7de3cf36f65710ab5265fa3627e635fc7d3ee7e76a539d", hash);
    }

    [Fact]
    public void Null_and_empty_hash_differently()
    {
        var withNull = AuditEntry.Restore(1, "u", "", "b", "a", "t", "i", null, Given.T0, null, null, AuditChain.GenesisHash, "");
        var withEmpty = AuditEntry.Restore(1, "u", "", "b", "a", "t", "i", "", Given.T0, null, null, AuditChain.GenesisHash, "");
        Assert.NotEqual(AuditChain.ComputeHash(AuditChain.GenesisHash, withNull), AuditChain.ComputeHash(AuditChain.GenesisHash, withEmpty));
    }

    [Fact]
    public void Field_boundaries_are_unambiguous()
    {
        var left = AuditEntry.Restore(1, "ab", "", "b", "a", "t", "i", null, Given.T0, null, null, AuditChain.GenesisHash, "");
        var right = AuditEntry.Restore(1, "a", "b", "b", "a", "t", "i", null, Given.T0, null, null, AuditChain.GenesisHash, "");
        Assert.NotEqual(AuditChain.CanonicalBytes(left), AuditChain.CanonicalBytes(right));
    }

    [Fact]
    public void The_hash_survives_a_round_trip_that_changes_the_offset_or_keeps_microseconds_only()
    {
        var e = Trails.Build(1)[0];
        var readBackLocal = Trails.Copy(e, at: e.At.ToOffset(TimeSpan.FromHours(8)));
        var readBackTruncated = Trails.Copy(e, at: AuditChain.Normalize(e.At.AddTicks(9)));

        Assert.Equal(e.At, AuditChain.Normalize(e.At));
        Assert.Equal(AuditChain.FormatTime(e.At), AuditChain.FormatTime(readBackLocal.At));
        Assert.True(AuditChain.Verify([readBackLocal]).IsIntact);
        Assert.True(AuditChain.Verify([readBackTruncated]).IsIntact);
    }

    [Fact]
    public void Time_is_formatted_in_utc_with_six_fractional_digits()
    {
        Assert.Equal("2025-03-01T01:00:00.000000Z", AuditChain.FormatTime(Given.T0));
        Assert.Equal("0999-12-31T23:59:59.999999Z", AuditChain.FormatTime(new DateTimeOffset(999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000A")]
    [InlineData("ABCDEF0000000000000000000000000000000000000000000000000000000000")]
    [InlineData("g000000000000000000000000000000000000000000000000000000000000000")]
    public void ComputeHash_refuses_a_malformed_previous_hash(string previous) =>
        Assert.Throws<ArgumentException>(() => AuditChain.ComputeHash(previous, Trails.Build(1)[0]));

    // ---- Verify: clean ----
    [Fact]
    public void A_clean_trail_verifies()
    {
        var trail = Trails.Build();

        var result = AuditChain.Verify(trail);

        Assert.True(result.IsIntact);
        Assert.Null(result.FirstBreak);
        Assert.Equal(Trails.Length, result.EntriesVerified);
        Assert.Equal(new AuditCheckpoint(Trails.Length, trail[^1].Hash), result.Head);
    }

    [Fact]
    public void An_empty_trail_verifies_at_genesis()
    {
        var result = AuditChain.Verify([]);
        Assert.True(result.IsIntact);
        Assert.Equal(0, result.EntriesVerified);
        Assert.Equal(AuditCheckpoint.Genesis, result.Head);
    }

    [Fact]
    public void Verification_continues_page_by_page_from_a_checkpoint()
    {
        var trail = Trails.Build();

        var first = AuditChain.Verify(trail.Take(2));
        var rest = AuditChain.Verify(trail.Skip(2), first.Head);

        Assert.True(rest.IsIntact);
        Assert.Equal(3, rest.EntriesVerified);
        Assert.Equal(AuditChain.Verify(trail).Head, rest.Head);

        var wrongPage = AuditChain.Verify(trail.Skip(3), first.Head);
        Assert.Equal(AuditBreakKind.SequenceGap, wrongPage.FirstBreak!.Kind);
        Assert.Equal(3, wrongPage.FirstBreak.ExpectedSequenceNumber);
    }

    // ---- Verify: tampering ----
    public static TheoryData<string, int> EveryFieldOfEveryEntry()
    {
        var data = new TheoryData<string, int>();
        foreach (var field in Trails.Fields)
        {
            for (var seq = 1; seq <= Trails.Length; seq++)
            {
                data.Add(field, seq);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFieldOfEveryEntry))]
    public void Editing_any_field_of_any_entry_breaks_the_chain_at_that_entry(string field, int seq)
    {
        var trail = Trails.Build();
        trail[seq - 1] = Trails.Edit(trail[seq - 1], field);

        var result = AuditChain.Verify(trail);

        var broken = Assert.IsType<AuditChainBreak>(result.FirstBreak);
        Assert.False(result.IsIntact);
        Assert.Equal(seq, broken.ExpectedSequenceNumber);
        Assert.Equal(trail[seq - 1].SequenceNumber, broken.SequenceNumber);
        Assert.Equal(seq - 1, result.EntriesVerified);
        var kind = field switch
        {
            "SequenceNumber" => AuditBreakKind.SequenceGap,
            "PreviousHash" => AuditBreakKind.PreviousHashMismatch,
            _ => AuditBreakKind.HashMismatch,
        };
        Assert.Equal(kind, broken.Kind);
    }

    [Fact]
    public void An_edit_whose_hash_was_recomputed_breaks_the_next_link()
    {
        var trail = Trails.Build();
        var edited = Trails.Copy(trail[1], actorId: "someone-else");
        trail[1] = Trails.Copy(edited, hash: AuditChain.ComputeHash(edited.PreviousHash, edited));

        var broken = AuditChain.Verify(trail).FirstBreak!;

        Assert.Equal(3, broken.SequenceNumber);
        Assert.Equal(AuditBreakKind.PreviousHashMismatch, broken.Kind);
    }

    [Fact]
    public void A_hash_stored_in_upper_case_is_an_edit_not_a_crash()
    {
        var trail = Trails.Build();
        trail[2] = Trails.Copy(trail[2], hash: trail[2].Hash.ToUpperInvariant());

        var broken = AuditChain.Verify(trail).FirstBreak!;

        Assert.Equal(3, broken.SequenceNumber);
        Assert.Equal(AuditBreakKind.HashMismatch, broken.Kind);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Deleting_an_entry_breaks_the_chain_at_the_one_after(int deleted)
    {
        var trail = Trails.Build();
        trail.RemoveAt(deleted - 1);

        var result = AuditChain.Verify(trail);

        var broken = result.FirstBreak!;
        Assert.Equal(AuditBreakKind.SequenceGap, broken.Kind);
        Assert.Equal(deleted, broken.ExpectedSequenceNumber);
        Assert.Equal(deleted + 1, broken.SequenceNumber);
        Assert.Equal(deleted - 1, result.EntriesVerified);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Deleting_an_entry_and_renumbering_the_rest_breaks_the_chain_where_it_was(int deleted)
    {
        var trail = Trails.Build();
        trail.RemoveAt(deleted - 1);
        for (var i = deleted - 1; i < trail.Count; i++)
        {
            trail[i] = Trails.Copy(trail[i], sequenceNumber: i + 1);
        }

        var broken = AuditChain.Verify(trail).FirstBreak!;

        Assert.Equal(deleted, broken.SequenceNumber);
        Assert.Equal(AuditBreakKind.PreviousHashMismatch, broken.Kind);
    }

    [Fact]
    public void Deleting_the_newest_entries_shows_only_against_a_checkpoint_kept_elsewhere()
    {
        var trail = Trails.Build();
        var anchor = AuditChain.Verify(trail).Head;

        var truncated = AuditChain.Verify(trail.Take(3));

        Assert.True(truncated.IsIntact);
        Assert.NotEqual(anchor, truncated.Head);
        Assert.Equal(3, truncated.Head.SequenceNumber);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Inserting_a_well_chained_entry_and_renumbering_the_rest_breaks_the_chain_after_it(int position)
    {
        var trail = Trails.Build();
        var before = position == 1 ? null : trail[position - 2];
        var forged = AuditChain.Append(before, Given.Admin, "specimen.approve", "specimen", "sp-9", null, null, null, Given.T0);
        trail.Insert(position - 1, forged);
        for (var i = position; i < trail.Count; i++)
        {
            trail[i] = Trails.Copy(trail[i], sequenceNumber: i + 1);
        }

        var result = AuditChain.Verify(trail);

        var broken = result.FirstBreak!;
        Assert.Equal(position + 1, broken.SequenceNumber);
        Assert.Equal(AuditBreakKind.PreviousHashMismatch, broken.Kind);
        Assert.Equal(position, result.EntriesVerified);
    }

    [Fact]
    public void Inserting_an_entry_without_renumbering_breaks_the_chain_after_it()
    {
        var trail = Trails.Build();
        trail.Insert(2, AuditChain.Append(trail[1], Given.Admin, "specimen.approve", "specimen", "sp-9", null, null, null, Given.T0));

        var broken = AuditChain.Verify(trail).FirstBreak!;

        Assert.Equal(AuditBreakKind.SequenceGap, broken.Kind);
        Assert.Equal(4, broken.ExpectedSequenceNumber);
        Assert.Equal(3, broken.SequenceNumber);
    }

    [Fact]
    public void Inserting_a_badly_chained_entry_breaks_the_chain_at_it()
    {
        var trail = Trails.Build();
        var forged = Trails.Rechain(trail[2], 3, trail[0].Hash);
        trail.Insert(2, forged);

        var broken = AuditChain.Verify(trail).FirstBreak!;

        Assert.Equal(3, broken.SequenceNumber);
        Assert.Equal(AuditBreakKind.PreviousHashMismatch, broken.Kind);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 5)]
    public void Reordering_two_entries_breaks_the_chain_at_the_first_of_them(int a, int b)
    {
        var trail = Trails.Build();
        (trail[a - 1], trail[b - 1]) = (trail[b - 1], trail[a - 1]);

        var broken = AuditChain.Verify(trail).FirstBreak!;

        Assert.Equal(AuditBreakKind.SequenceGap, broken.Kind);
        Assert.Equal(a, broken.ExpectedSequenceNumber);
        Assert.Equal(b, broken.SequenceNumber);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 5)]
    public void Reordering_two_entries_and_swapping_their_numbers_breaks_the_chain_at_the_first_of_them(int a, int b)
    {
        var trail = Trails.Build();
        var (first, second) = (trail[a - 1], trail[b - 1]);
        trail[a - 1] = Trails.Copy(second, sequenceNumber: a);
        trail[b - 1] = Trails.Copy(first, sequenceNumber: b);

        var broken = AuditChain.Verify(trail).FirstBreak!;

        Assert.Equal(a, broken.SequenceNumber);
        Assert.Equal(AuditBreakKind.PreviousHashMismatch, broken.Kind);
    }

    [Fact]
    public void Only_the_first_break_is_reported()
    {
        var trail = Trails.Build();
        trail[1] = Trails.Edit(trail[1], "Action");
        trail[3] = Trails.Edit(trail[3], "Hash");

        var result = AuditChain.Verify(trail);

        Assert.Equal(2, result.FirstBreak!.SequenceNumber);
        Assert.Equal(new AuditCheckpoint(1, trail[0].Hash), result.Head);
    }
}
