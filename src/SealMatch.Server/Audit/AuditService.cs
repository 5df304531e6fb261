using System.Globalization;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Domain.Audit;
using SealMatch.Server.Errors;
using SealMatch.Server.Security;
using Proto = SealMatch.Protos.V1;

namespace SealMatch.Server.Audit;

/// <summary>Reading, verifying and exporting the audit trail. AUDITOR; verification also ADMIN.</summary>
internal sealed class AuditService(SealMatchDbContext db) : Proto.AuditService.AuditServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;
    private const int BatchSize = 1000;

    [Authorize(Roles = UserRoles.Auditor)]
    public override async Task<Proto.QueryAuditResponse> QueryAudit(Proto.QueryAuditRequest request, ServerCallContext context)
    {
        int size = request.PageSize switch
        {
            0 => DefaultPageSize,
            < 0 or > MaxPageSize => throw new RequestInvalidException("page_size", $"page_size must be 1–{MaxPageSize} (0 for {DefaultPageSize})."),
            _ => request.PageSize,
        };
        if (request.AfterSequenceNumber < 0)
        {
            throw new RequestInvalidException("after_sequence_number", "after_sequence_number must not be negative.");
        }

        List<AuditEntry> page = await Filtered(request.Filter)
            .Where(e => e.SequenceNumber > request.AfterSequenceNumber)
            .OrderBy(e => e.SequenceNumber)
            .Take(size + 1)
            .ToListAsync(context.CancellationToken);
        var response = new Proto.QueryAuditResponse();
        response.Entries.AddRange(page.Take(size).Select(ToProto));
        if (page.Count > size)
        {
            response.NextAfterSequenceNumber = page[size - 1].SequenceNumber;
        }

        return response;
    }

    [Authorize(Roles = $"{UserRoles.Auditor},{UserRoles.Admin}")]
    public override async Task<Proto.VerifyAuditChainResponse> VerifyAuditChain(Proto.VerifyAuditChainRequest request, ServerCallContext context)
    {
        AuditCheckpoint head = AuditCheckpoint.Genesis;
        long verified = 0;
        long after = 0;
        while (true)
        {
            // Batches follow the stored order, so a moved or missing entry shows up where it sits.
            long from = after;
            List<AuditEntry> batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.SequenceNumber > from)
                .OrderBy(e => e.SequenceNumber)
                .Take(BatchSize)
                .ToListAsync(context.CancellationToken);
            AuditChainVerification result = AuditChain.Verify(batch, head);
            verified += result.EntriesVerified;
            head = result.Head;
            if (result.FirstBreak is { } broken)
            {
                return Response(verified, head, broken);
            }

            if (batch.Count < BatchSize)
            {
                return Response(verified, head, null);
            }

            after = batch[^1].SequenceNumber;
        }
    }

    [Authorize(Roles = UserRoles.Auditor)]
    public override async Task ExportAudit(Proto.ExportAuditRequest request, IServerStreamWriter<Proto.ExportAuditChunk> responseStream, ServerCallContext context)
    {
        IQueryable<AuditEntry> filtered = Filtered(request.Filter);
        var csv = new StringBuilder();
        AuditCsv.WriteHeader(csv);
        long after = 0;
        while (true)
        {
            long from = after;
            List<AuditEntry> batch = await filtered.Where(e => e.SequenceNumber > from)
                .OrderBy(e => e.SequenceNumber).Take(BatchSize).ToListAsync(context.CancellationToken);
            foreach (AuditEntry entry in batch)
            {
                AuditCsv.WriteRow(csv, entry);
            }

            await responseStream.WriteAsync(new Proto.ExportAuditChunk { Csv = ByteString.CopyFromUtf8(csv.ToString()) }, context.CancellationToken);
            csv.Clear();
            if (batch.Count < BatchSize)
            {
                return;
            }

            after = batch[^1].SequenceNumber;
        }
    }

    private IQueryable<AuditEntry> Filtered(Proto.AuditFilter? filter)
    {
        IQueryable<AuditEntry> query = db.AuditEntries.AsNoTracking();
        if (filter is null)
        {
            return query;
        }

        if (filter.ActorId.Length > 0)
        {
            query = query.Where(e => e.ActorId == filter.ActorId);
        }

        if (filter.Action.Length > 0)
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (filter.TargetType.Length > 0)
        {
            query = query.Where(e => e.TargetType == filter.TargetType);
        }

        if (filter.TargetId.Length > 0)
        {
            query = query.Where(e => e.TargetId == filter.TargetId);
        }

        if (filter.From is { } fromStamp)
        {
            DateTimeOffset from = fromStamp.ToDateTimeOffset();
            query = query.Where(e => e.At >= from);
        }

        if (filter.To is { } toStamp)
        {
            DateTimeOffset to = toStamp.ToDateTimeOffset();
            query = query.Where(e => e.At < to);
        }

        return query;
    }

    private static Proto.VerifyAuditChainResponse Response(long verified, AuditCheckpoint head, AuditChainBreak? broken)
    {
        var response = new Proto.VerifyAuditChainResponse
        {
            Intact = broken is null,
            EntriesVerified = verified,
            HeadSequenceNumber = head.SequenceNumber,
            HeadHash = head.Hash,
        };
        if (broken is not null)
        {
            response.FirstBreak = new Proto.AuditChainBreak
            {
                SequenceNumber = broken.SequenceNumber,
                ExpectedSequenceNumber = broken.ExpectedSequenceNumber,
                Kind = broken.Kind switch
                {
                    AuditBreakKind.SequenceGap => Proto.AuditBreakKind.SequenceGap,
                    AuditBreakKind.PreviousHashMismatch => Proto.AuditBreakKind.PreviousHashMismatch,
                    AuditBreakKind.HashMismatch => Proto.AuditBreakKind.HashMismatch,
                    _ => Proto.AuditBreakKind.Unspecified,
                },
                Detail = broken.Detail,
            };
        }

        return response;
    }

    private static Proto.AuditRecord ToProto(AuditEntry e) => new()
    {
        SequenceNumber = e.SequenceNumber,
        ActorId = e.ActorId,
        Roles = e.Roles,
        BranchCode = e.BranchCode,
        Action = e.Action,
        TargetType = e.TargetType,
        TargetId = e.TargetId,
        Purpose = e.Purpose ?? string.Empty,
        At = ProtoMapping.ToTimestamp(e.At),
        RequestId = e.RequestId ?? string.Empty,
        ClientAddress = e.ClientAddress ?? string.Empty,
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
    };
}

/// <summary>The CSV form of the audit trail: RFC 4180, a header row, times as in the hash's canonical form.</summary>
internal static class AuditCsv
{
    public static void WriteHeader(StringBuilder csv) =>
        csv.Append("sequence_number,at,actor_id,roles,branch_code,action,target_type,target_id,purpose,request_id,client_address,previous_hash,hash\r\n");

    public static void WriteRow(StringBuilder csv, AuditEntry e)
    {
        csv.Append(e.SequenceNumber.ToString(CultureInfo.InvariantCulture)).Append(',');
        csv.Append(AuditChain.FormatTime(e.At)).Append(',');
        foreach (string? field in (string?[])[e.ActorId, e.Roles, e.BranchCode, e.Action, e.TargetType, e.TargetId, e.Purpose, e.RequestId, e.ClientAddress, e.PreviousHash])
        {
            Field(csv, field);
            csv.Append(',');
        }

        csv.Append(e.Hash).Append("\r\n");
    }

    private static void Field(StringBuilder csv, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            csv.Append(value);
            return;
        }

        csv.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
