using System.CommandLine;
using Grpc.Core;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Commands;

/// <summary><c>audit query|verify|export</c>: AuditService (AUDITOR; verify also ADMIN).</summary>
internal static class AuditCommands
{
    /// <summary>Exit code of <c>audit verify</c> when the chain is broken.</summary>
    public const int ChainBroken = 3;

    private const int MaxPageSize = 1000;

    public static Command Build()
    {
        var audit = new Command("audit", "The audit trail: query entries, verify the hash chain, export CSV (needs an AUDITOR key; verify also ADMIN).");

        var query = new FilterOptions();
        var limit = new Option<int>("--limit") { Description = "At most this many entries (1–100000).", DefaultValueFactory = _ => 100 };
        var after = new Option<long>("--after") { Description = "Only entries after this sequence number (to page on)." };
        var queryCommand = new Command("query", "Entries matching the filter, in sequence order.") { limit, after };
        query.AddTo(queryCommand);
        audit.Subcommands.Add(queryCommand.WithAction(async (parse, remote, cancel) =>
        {
            int max = parse.GetValue(limit);
            if (max is < 1 or > 100_000)
            {
                throw new CliInputException("--limit", $"{max} is out of range; give 1–100000.");
            }

            long start = parse.GetValue(after);
            if (start < 0)
            {
                throw new CliInputException("--after", "a sequence number is not negative.");
            }

            var request = new QueryAuditRequest { Filter = query.Read(parse), AfterSequenceNumber = start };
            var all = new QueryAuditResponse();
            do
            {
                request.PageSize = Math.Min(MaxPageSize, max - all.Entries.Count);
                QueryAuditResponse page = await remote.Audit.QueryAuditAsync(request, cancellationToken: cancel);
                all.Entries.AddRange(page.Entries);
                all.NextAfterSequenceNumber = page.NextAfterSequenceNumber;
                request.AfterSequenceNumber = page.NextAfterSequenceNumber;
            }
            while (request.AfterSequenceNumber > 0 && all.Entries.Count < max);

            if (remote.Json)
            {
                ProtoJson.Write(all);
            }
            else
            {
                foreach (AuditRecord e in all.Entries)
                {
                    Console.WriteLine(ProtoText.AuditRecord(e));
                }

                Console.WriteLine(all.NextAfterSequenceNumber > 0
                    ? $"{all.Entries.Count} entries; more follow: pass --after {all.NextAfterSequenceNumber}"
                    : $"{all.Entries.Count} entries");
            }

            return 0;
        }));

        audit.Subcommands.Add(new Command("verify", $"Verify the whole hash chain; prints 'intact' and the head, or the first broken link (exit code {ChainBroken}).")
            .WithAction(async (parse, remote, cancel) =>
            {
                VerifyAuditChainResponse response = await remote.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest(), cancellationToken: cancel);
                if (remote.Json)
                {
                    ProtoJson.Write(response);
                }
                else
                {
                    Console.Write(ProtoText.AuditChain(response));
                }

                return response.Intact ? 0 : ChainBroken;
            }));

        var export = new FilterOptions();
        var outFile = new Option<FileInfo>("--out") { Description = "The CSV file to write (RFC 4180, UTF-8, header row first); replaced if it exists.", Required = true };
        var exportCommand = new Command("export", "Export the entries matching the filter as CSV.") { outFile };
        export.AddTo(exportCommand);
        audit.Subcommands.Add(exportCommand.WithAction(async (parse, remote, cancel) =>
        {
            FileInfo file = parse.GetValue(outFile)!;
            var request = new ExportAuditRequest { Filter = export.Read(parse) };
            string temp = file.FullName + ".part";
            long bytes = 0;
            try
            {
                await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    using AsyncServerStreamingCall<ExportAuditChunk> call = remote.Audit.ExportAudit(request, cancellationToken: cancel);
                    await foreach (ExportAuditChunk chunk in call.ResponseStream.ReadAllAsync(cancel))
                    {
                        chunk.Csv.WriteTo(stream);
                        bytes += chunk.Csv.Length;
                    }
                }

                File.Move(temp, file.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }

            if (remote.Json)
            {
                CliOutput.WriteJson(new { Out = file.FullName, Bytes = bytes });
            }
            else
            {
                Console.WriteLine($"wrote {file.FullName} ({bytes} bytes)");
            }

            return 0;
        }));
        return audit;
    }

    /// <summary>The filter options shared by query and export.</summary>
    private sealed class FilterOptions
    {
        private readonly Option<string?> actor = new("--actor") { Description = "Only entries by this user." };
        private readonly Option<string?> action = new("--action") { Description = "Only this action (as the entries name it)." };
        private readonly Option<string?> targetType = new("--target-type") { Description = "Only entries on targets of this type." };
        private readonly Option<string?> targetId = new("--target-id") { Description = "Only entries on this target (with --target-type)." };
        private readonly Option<string?> from = new("--from") { Description = "From this instant, inclusive: YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]." };
        private readonly Option<string?> to = new("--to") { Description = "Up to this instant, exclusive (same forms as --from)." };

        public void AddTo(Command command)
        {
            command.Options.Add(actor);
            command.Options.Add(action);
            command.Options.Add(targetType);
            command.Options.Add(targetId);
            command.Options.Add(from);
            command.Options.Add(to);
        }

        public AuditFilter Read(ParseResult parse) =>
            AuditFilters.Build(parse.GetValue(actor), parse.GetValue(action), parse.GetValue(targetType), parse.GetValue(targetId), parse.GetValue(from), parse.GetValue(to));
    }
}

/// <summary>Turns the audit filter options into an <see cref="AuditFilter"/>; every refusal names the option.</summary>
internal static class AuditFilters
{
    public static AuditFilter Build(string? actor, string? action, string? targetType, string? targetId, string? from, string? to)
    {
        var filter = new AuditFilter
        {
            ActorId = actor?.Trim() ?? string.Empty,
            Action = action?.Trim() ?? string.Empty,
            TargetType = targetType?.Trim() ?? string.Empty,
            TargetId = targetId?.Trim() ?? string.Empty,
        };
        if (filter.TargetId.Length > 0 && filter.TargetType.Length == 0)
        {
            throw new CliInputException("--target-id", "give --target-type with --target-id.");
        }

        if (!string.IsNullOrWhiteSpace(from))
        {
            filter.From = CliInput.ParseInstant("--from", from);
        }

        if (!string.IsNullOrWhiteSpace(to))
        {
            filter.To = CliInput.ParseInstant("--to", to);
        }

        if (filter.From is not null && filter.To is not null && filter.To <= filter.From)
        {
            throw new CliInputException("--to", "must be after --from (--to is exclusive).");
        }

        return filter;
    }
}
