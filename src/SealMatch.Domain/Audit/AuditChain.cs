using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SealMatch.Domain.Security;

namespace SealMatch.Domain.Audit;

/// <summary>
/// The audit trail as a hash chain: each entry's hash covers its content and the previous entry's
/// hash, so an edited entry, or one deleted, inserted or moved, breaks the chain where it happened.
/// </summary>
/// <remarks>
/// <para><b>Hash.</b> <c>Hash = lowercase hex(SHA-256(previous hash as its 32 raw bytes ‖ canonical bytes))</c>;
/// the first entry's previous hash is 32 zero bytes (<see cref="GenesisHash"/>).</para>
/// <para><b>Canonical bytes</b> (<see cref="CanonicalBytes"/>), format <see cref="FormatTag"/>: a sequence of
/// fields, each a 4-byte big-endian signed length followed by that many bytes of UTF-8 (no BOM, no
/// normalisation: the text as stored); a null field is the length −1 with no bytes, so null and empty differ.
/// The fields, in this order:
/// (1) <see cref="FormatTag"/>;
/// (2) sequence number, invariant decimal digits;
/// (3) actor id; (4) roles; (5) branch code; (6) action; (7) target type; (8) target id;
/// (9) purpose (nullable);
/// (10) time, <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> in UTC: always six fractional digits, truncated;
/// (11) request id (nullable); (12) client address (nullable).
/// The previous hash and the hash are not among the fields.</para>
/// <para><b>Time precision.</b> Microseconds, because PostgreSQL <c>timestamptz</c> keeps microseconds
/// and SQLite keeps the text EF Core writes (100 ns ticks): a round trip through either reproduces the
/// same bytes. <see cref="Append"/> stores the time already truncated and in UTC, and the canonical form
/// converts to UTC and truncates again, so the offset a provider reads back with does not matter.</para>
/// <para><b>Storage.</b> Sequence numbers are unique in storage; a writer that loses a race for the next
/// number re-reads the last entry and appends again. The chain has no secret, so whoever can rewrite every
/// row after an edit, or drop the newest rows, can hide it; compare <see cref="AuditChainVerification.Head"/>
/// with a checkpoint kept out of the database to catch that.</para>
/// </remarks>
public static class AuditChain
{
    /// <summary>The first field of every canonical form; a future format gets a new tag.</summary>
    public const string FormatTag = "sealmatch.audit.v1";

    /// <summary>The previous hash of the first entry: 32 zero bytes as hex.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
    private const int HashHexLength = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Appends an entry after <paramref name="last"/> (null for the first entry of the trail).</summary>
    /// <param name="last">The newest entry in storage, or null when the trail is empty.</param>
    /// <param name="actor">Who acted; their user id, roles and branch are recorded.</param>
    /// <param name="action">What was done or read (<c>action</c>), at most 128 characters.</param>
    /// <param name="targetType">The kind of target (<c>target_type</c>), at most 64 characters.</param>
    /// <param name="targetId">The target's id (<c>target_id</c>), at most 200 characters.</param>
    /// <param name="purpose">The stated purpose (<c>purpose</c>), if any; whether one is required is the caller's rule.</param>
    /// <param name="requestId">The request's correlation id, if any (<c>request_id</c>), at most 200 characters.</param>
    /// <param name="clientAddress">The client's address, if known (<c>client_address</c>), at most 200 characters.</param>
    /// <param name="now">The time; stored in UTC, truncated to whole microseconds.</param>
    /// <returns>The new entry, sequence number one more than <paramref name="last"/>'s, chained to its hash.</returns>
    public static AuditEntry Append(
        AuditEntry? last, Actor actor, string action, string targetType, string targetId,
        string? purpose, string? requestId, string? clientAddress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var draft = new AuditEntry(
            sequenceNumber: last is null ? 1 : checked(last.SequenceNumber + 1),
            actorId: Storable(actor.UserId, "actor_id"),
            roles: FormatRoles(actor.Roles),
            branchCode: Storable(actor.BranchCode, "branch_code"),
            action: Storable(Guard.RequiredText(action, "action", 128), "action"),
            targetType: Storable(Guard.RequiredText(targetType, "target_type", 64), "target_type"),
            targetId: Storable(Guard.RequiredText(targetId, "target_id", 200), "target_id"),
            purpose: Storable(Guard.OptionalText(purpose, "purpose"), "purpose"),
            at: Normalize(now),
            requestId: Storable(Guard.OptionalText(requestId, "request_id", 200), "request_id"),
            clientAddress: Storable(Guard.OptionalText(clientAddress, "client_address", 200), "client_address"),
            previousHash: last?.Hash ?? GenesisHash,
            hash: string.Empty);
        return draft.WithHash(ComputeHash(draft.PreviousHash, draft));
    }

    /// <summary>Computes an entry's hash: SHA-256 over the 32 bytes of <paramref name="previousHash"/> and <see cref="CanonicalBytes"/>, as lowercase hex.</summary>
    /// <param name="previousHash">The previous entry's hash, 64 lowercase hex digits.</param>
    /// <param name="entry">The entry; its own <see cref="AuditEntry.PreviousHash"/> and <see cref="AuditEntry.Hash"/> are not read.</param>
    /// <exception cref="ArgumentException"><paramref name="previousHash"/> is not 64 lowercase hex digits.</exception>
    public static string ComputeHash(string previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsHash(previousHash))
        {
            throw new ArgumentException("A hash is 64 lowercase hex digits.", nameof(previousHash));
        }

        var canonical = CanonicalBytes(entry);
        var input = new byte[32 + canonical.Length];
        Convert.FromHexString(previousHash, input.AsSpan(0, 32), out _, out _);
        canonical.CopyTo(input, 32);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>The canonical bytes of an entry's content, in the format described on <see cref="AuditChain"/>.</summary>
    public static byte[] CanonicalBytes(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteField(buffer, FormatTag);
        WriteField(buffer, entry.SequenceNumber.ToString(CultureInfo.InvariantCulture));
        WriteField(buffer, entry.ActorId);
        WriteField(buffer, entry.Roles);
        WriteField(buffer, entry.BranchCode);
        WriteField(buffer, entry.Action);
        WriteField(buffer, entry.TargetType);
        WriteField(buffer, entry.TargetId);
        WriteField(buffer, entry.Purpose);
        WriteField(buffer, FormatTime(entry.At));
        WriteField(buffer, entry.RequestId);
        WriteField(buffer, entry.ClientAddress);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Verifies a whole trail from its first entry, in sequence order.</summary>
    public static AuditChainVerification Verify(IEnumerable<AuditEntry> ordered) => Verify(ordered, AuditCheckpoint.Genesis);

    /// <summary>
    /// Verifies entries, in sequence order, that continue the chain after <paramref name="from"/> (a
    /// <see cref="AuditChainVerification.Head"/> of an earlier page, or <see cref="AuditCheckpoint.Genesis"/>).
    /// Each entry is checked in turn for its sequence number, its previous hash, then its own hash;
    /// the first failure is reported and nothing after it is examined.
    /// </summary>
    public static AuditChainVerification Verify(IEnumerable<AuditEntry> ordered, AuditCheckpoint from)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(from);
        if (!IsHash(from.Hash))
        {
            throw new ArgumentException("A hash is 64 lowercase hex digits.", nameof(from));
        }

        var head = from;
        long verified = 0;
        foreach (var entry in ordered)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(ordered));
            var expected = head.SequenceNumber + 1;
            var failure = CheckLink(entry, head, expected);
            if (failure is not null)
            {
                return new AuditChainVerification(verified, head, failure);
            }

            head = new AuditCheckpoint(entry.SequenceNumber, entry.Hash);
            verified++;
        }

        return new AuditChainVerification(verified, head, FirstBreak: null);
    }

    /// <summary>The roles as recorded: distinct names in ordinal order, comma-separated; empty for none.</summary>
    public static string FormatRoles(IEnumerable<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return string.Join(',', roles.Select(r => r.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    /// <summary>The time as it enters the canonical form: UTC, <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>, truncated to microseconds.</summary>
    public static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The time as stored: converted to UTC (offset zero) and truncated to whole microseconds.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    private static AuditChainBreak? CheckLink(AuditEntry entry, AuditCheckpoint head, long expected)
    {
        if (entry.SequenceNumber != expected)
        {
            return new AuditChainBreak(
                entry.SequenceNumber, expected, AuditBreakKind.SequenceGap,
                $"Expected entry {expected} but found {entry.SequenceNumber}: an entry was deleted, inserted or moved.");
        }

        if (!string.Equals(entry.PreviousHash, head.Hash, StringComparison.Ordinal))
        {
            return new AuditChainBreak(
                entry.SequenceNumber, expected, AuditBreakKind.PreviousHashMismatch,
                $"Entry {entry.SequenceNumber} does not point at the hash of the entry before it: an entry was deleted, inserted or moved, or this link was edited.");
        }

        return string.Equals(entry.Hash, ComputeHash(head.Hash, entry), StringComparison.Ordinal)
            ? null
            : new AuditChainBreak(
                entry.SequenceNumber, expected, AuditBreakKind.HashMismatch,
                $"Entry {entry.SequenceNumber} does not match its hash: it was edited.");
    }

    private static bool IsHash(string value) =>
        value.Length == HashHexLength && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static void WriteField(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), -1);
            buffer.Advance(4);
            return;
        }

        var length = StrictUtf8.GetByteCount(value);
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), length);
        buffer.Advance(4);
        StrictUtf8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    // Text the databases store unchanged: PostgreSQL refuses NUL, and a lone surrogate has no UTF-8 form.
    [return: NotNullIfNotNull(nameof(value))]
    private static string? Storable(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal) || !IsWellFormed(value))
        {
            throw new DomainRuleViolationException(ViolationCode.InvalidValue, $"{field} contains characters that cannot be stored.", field);
        }

        return value;
    }

    private static bool IsWellFormed(string value)
    {
        try
        {
            _ = StrictUtf8.GetByteCount(value);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
