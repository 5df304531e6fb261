using SealMatch.Domain.Audit;
using SealMatch.Domain.Security;

namespace SealMatch.Domain.Tests.Audit;

/// <summary>Audit trails to verify and tamper with; each test builds its own.</summary>
internal static class Trails
{
    public static readonly string[] Fields =
    [
        "SequenceNumber", "ActorId", "Roles", "BranchCode", "Action", "TargetType", "TargetId",
        "Purpose", "At", "RequestId", "ClientAddress", "PreviousHash", "Hash",
    ];

    public const int Length = 5;

    private static readonly Actor[] Actors =
    [
        Given.Clerk,
        Given.Approver,
        new("reviewer-1", [Role.Reviewer], "HQ"),
        new("lead-1", [Role.ReviewSupervisor, Role.Reviewer], "HQ"),
        Given.Auditor,
    ];

    /// <summary>A clean trail of <paramref name="length"/> entries; every other entry has its optional fields null.</summary>
    public static List<AuditEntry> Build(int length = Length)
    {
        var trail = new List<AuditEntry>();
        for (var i = 0; i < length; i++)
        {
            var full = i % 2 == 0;
            trail.Add(AuditChain.Append(
                trail.Count == 0 ? null : trail[^1],
                Actors[i % Actors.Length],
                full ? "specimen.image.read" : "review.submit",
                full ? "specimen" : "review_case",
                $"target-{i}",
                full ? "Quarterly reconciliation" : null,
                full ? $"req-{i}" : null,
                full ? "10.1.2.3" : null,
                Given.T0.AddSeconds(i * 7.1234567)));
        }

        return trail;
    }

    /// <summary>A copy of <paramref name="e"/> with exactly one field changed, as an UPDATE on the row would.</summary>
    public static AuditEntry Edit(AuditEntry e, string field) => Copy(
        e,
        sequenceNumber: field == "SequenceNumber" ? e.SequenceNumber + 100 : null,
        actorId: field == "ActorId" ? e.ActorId + "x" : null,
        roles: field == "Roles" ? e.Roles + ",Admin" : null,
        branchCode: field == "BranchCode" ? e.BranchCode + "9" : null,
        action: field == "Action" ? e.Action + "x" : null,
        targetType: field == "TargetType" ? e.TargetType + "x" : null,
        targetId: field == "TargetId" ? e.TargetId + "x" : null,
        purpose: field == "Purpose" ? Changed(e.Purpose) : null,
        at: field == "At" ? e.At.AddTicks(10) : null,
        requestId: field == "RequestId" ? Changed(e.RequestId) : null,
        clientAddress: field == "ClientAddress" ? Changed(e.ClientAddress) : null,
        previousHash: field == "PreviousHash" ? Flip(e.PreviousHash) : null,
        hash: field == "Hash" ? Flip(e.Hash) : null);

    /// <summary>A copy of <paramref name="e"/> with the given fields replaced; a null argument keeps the field.</summary>
    public static AuditEntry Copy(
        AuditEntry e, long? sequenceNumber = null, string? actorId = null, string? roles = null, string? branchCode = null,
        string? action = null, string? targetType = null, string? targetId = null, string? purpose = null, DateTimeOffset? at = null,
        string? requestId = null, string? clientAddress = null, string? previousHash = null, string? hash = null) =>
        AuditEntry.Restore(
            sequenceNumber ?? e.SequenceNumber, actorId ?? e.ActorId, roles ?? e.Roles, branchCode ?? e.BranchCode,
            action ?? e.Action, targetType ?? e.TargetType, targetId ?? e.TargetId, purpose ?? e.Purpose, at ?? e.At,
            requestId ?? e.RequestId, clientAddress ?? e.ClientAddress,
            previousHash ?? e.PreviousHash, hash ?? e.Hash);

    /// <summary>Renumbers <paramref name="e"/> and re-chains it after <paramref name="previousHash"/>, as a careful forger would.</summary>
    public static AuditEntry Rechain(AuditEntry e, long sequenceNumber, string previousHash)
    {
        var moved = Copy(e, sequenceNumber: sequenceNumber, previousHash: previousHash);
        return Copy(moved, hash: AuditChain.ComputeHash(previousHash, moved));
    }

    private static string Changed(string? value) => value is null ? "x" : value + "x";

    private static string Flip(string hex) => (hex[0] == '0' ? '1' : '0') + hex[1..];
}
