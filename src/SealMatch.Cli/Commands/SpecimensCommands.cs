using System.CommandLine;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Commands;

/// <summary>
/// <c>specimens …</c>: SpecimenService. A submission, an unfreeze and a revocation wait for a second
/// person's approval (four eyes); a freeze takes effect at once.
/// </summary>
internal static class SpecimensCommands
{
    public static Command Build()
    {
        var specimens = new Command("specimens", "Reserved seal and signature specimens under four eyes: submit, approve, freeze, revoke, list, extract.");
        specimens.Subcommands.Add(BuildSubmit());
        specimens.Subcommands.Add(BuildApprove());
        specimens.Subcommands.Add(BuildReject());
        specimens.Subcommands.Add(BuildReasoned("freeze", "Loss report: freeze a specimen at once (no slip passes against it from now on).",
            (remote, id, reason, cancel) => remote.Specimens.FreezeSpecimenAsync(new FreezeSpecimenRequest { SpecimenId = id, Reason = reason }, cancellationToken: cancel).ResponseAsync));
        specimens.Subcommands.Add(BuildReasoned("unfreeze", "Request an unfreeze (pending until a second person approves it with approve-change --change UNFREEZE).",
            (remote, id, reason, cancel) => remote.Specimens.UnfreezeSpecimenAsync(new UnfreezeSpecimenRequest { SpecimenId = id, Reason = reason }, cancellationToken: cancel).ResponseAsync));
        specimens.Subcommands.Add(BuildRevoke());
        specimens.Subcommands.Add(BuildChangeDecision(approve: true));
        specimens.Subcommands.Add(BuildChangeDecision(approve: false));
        specimens.Subcommands.Add(BuildList());
        specimens.Subcommands.Add(BuildImage());
        specimens.Subcommands.Add(BuildExtract());
        return specimens;
    }

    private static Command BuildSubmit()
    {
        var image = new Argument<FileInfo>("image") { Description = "A single specimen image, or a specimen-card scan together with --region." };
        var account = new Option<string>("--account") { Description = "Account id.", Required = true };
        var role = new Option<string>("--role") { Description = "COMPANY, FINANCE, LEGAL_REP, SIGNATORY or OTHER (or the full proto names).", Required = true };
        var region = new Option<string?>("--region") { Description = "Region of a card scan holding this specimen: x,y,width,height in pixels (see specimens extract)." };
        var dpi = new Option<double?>("--dpi") { Description = "Resolution of the image when its metadata lacks it." };
        var from = new Option<string?>("--effective-from") { Description = "First date the specimen applies, YYYY-MM-DD (default today)." };
        var signatory = new Option<string?>("--signatory-name") { Description = "Signatory's name, for signatures and name seals." };
        var ink = InkOption();
        var command = new Command("submit", "Submit a specimen for an account (pending until a second person approves it).") { image, account, role, region, dpi, from, signatory, ink };
        return command.WithAction(async (parse, remote, cancel) =>
        {
            var request = new SubmitSpecimenRequest
            {
                AccountId = parse.GetValue(account)!,
                Role = CliInput.ParseRole("--role", parse.GetValue(role)),
                Dpi = CliInput.Dpi("--dpi", parse.GetValue(dpi)),
                EffectiveFrom = parse.GetValue(from) is string f ? CliInput.ParseDate("--effective-from", f) : CliInput.ToDate(DateOnly.FromDateTime(DateTime.Today)),
                SignatoryName = parse.GetValue(signatory) ?? string.Empty,
                Ink = ParseInk(parse.GetValue(ink)),
            };
            if (parse.GetValue(region) is string r)
            {
                request.Region = CliInput.ParseBox("--region", r);
            }

            request.Image = CliInput.ReadFile("image", parse.GetValue(image));
            Print(remote, await remote.Specimens.SubmitSpecimenAsync(request, cancellationToken: cancel));
            return 0;
        });
    }

    private static Command BuildApprove()
    {
        var id = SpecimenIdArgument();
        var version = ExpectedVersionOption();
        return new Command("approve", "Approve a pending submission (SPECIMEN_APPROVER; never the submitter).") { id, version }.WithAction(async (parse, remote, cancel) =>
        {
            Print(remote, await remote.Specimens.ApproveSpecimenAsync(
                new ApproveSpecimenRequest { SpecimenId = parse.GetValue(id)!, ExpectedVersion = parse.GetValue(version) }, cancellationToken: cancel));
            return 0;
        });
    }

    private static Command BuildReject()
    {
        var id = SpecimenIdArgument();
        var reason = ReasonOption();
        var version = ExpectedVersionOption();
        return new Command("reject", "Reject a pending submission (SPECIMEN_APPROVER).") { id, reason, version }.WithAction(async (parse, remote, cancel) =>
        {
            Print(remote, await remote.Specimens.RejectSpecimenAsync(
                new RejectSpecimenRequest { SpecimenId = parse.GetValue(id)!, Reason = parse.GetValue(reason)!, ExpectedVersion = parse.GetValue(version) }, cancellationToken: cancel));
            return 0;
        });
    }

    private static Command BuildReasoned(string name, string description, Func<RemoteSession, string, string, CancellationToken, Task<Specimen>> call)
    {
        var id = SpecimenIdArgument();
        var reason = ReasonOption();
        return new Command(name, description) { id, reason }.WithAction(async (parse, remote, cancel) =>
        {
            Print(remote, await call(remote, parse.GetValue(id)!, parse.GetValue(reason)!, cancel));
            return 0;
        });
    }

    private static Command BuildRevoke()
    {
        var id = SpecimenIdArgument();
        var reason = ReasonOption();
        var to = new Option<string>("--effective-to") { Description = "First date the specimen no longer applies, YYYY-MM-DD.", Required = true };
        return new Command("revoke", "Request a revocation as of a date (pending until a second person approves it with approve-change --change REVOCATION).") { id, reason, to }
            .WithAction(async (parse, remote, cancel) =>
            {
                var request = new RevokeSpecimenRequest
                {
                    SpecimenId = parse.GetValue(id)!,
                    Reason = parse.GetValue(reason)!,
                    EffectiveTo = CliInput.ParseDate("--effective-to", parse.GetValue(to)),
                };
                Print(remote, await remote.Specimens.RevokeSpecimenAsync(request, cancellationToken: cancel));
                return 0;
            });
    }

    private static Command BuildChangeDecision(bool approve)
    {
        var id = SpecimenIdArgument();
        var change = new Option<string>("--change") { Description = "The pending change you reviewed: UNFREEZE or REVOCATION.", Required = true };
        var version = ExpectedVersionOption();
        var reason = new Option<string>("--reason") { Description = "Why the change is rejected.", Required = true };
        Command command = approve
            ? new Command("approve-change", "Approve the pending unfreeze or revocation (SPECIMEN_APPROVER; never its requester).") { id, change, version }
            : new Command("reject-change", "Reject the pending unfreeze or revocation (SPECIMEN_APPROVER).") { id, change, reason, version };
        return command.WithAction(async (parse, remote, cancel) =>
        {
            PendingChangeKind kind = CliInput.ParseEnum<PendingChangeKind>("--change", parse.GetValue(change));
            Specimen result = approve
                ? await remote.Specimens.ApproveSpecimenChangeAsync(
                    new ApproveSpecimenChangeRequest { SpecimenId = parse.GetValue(id)!, Kind = kind, ExpectedVersion = parse.GetValue(version) }, cancellationToken: cancel)
                : await remote.Specimens.RejectSpecimenChangeAsync(
                    new RejectSpecimenChangeRequest { SpecimenId = parse.GetValue(id)!, Kind = kind, Reason = parse.GetValue(reason)!, ExpectedVersion = parse.GetValue(version) }, cancellationToken: cancel);
            Print(remote, result);
            return 0;
        });
    }

    private static Command BuildList()
    {
        var account = new Option<string>("--account") { Description = "Account id.", Required = true };
        var history = new Option<bool>("--history") { Description = "Include each specimen's history." };
        var all = new Option<bool>("--all") { Description = "Also list rejected and revoked specimens." };
        return new Command("list", "List an account's specimens (pending, active and frozen; --all for the rest).") { account, history, all }.WithAction(async (parse, remote, cancel) =>
        {
            ListSpecimensResponse response = await remote.Specimens.ListSpecimensAsync(
                new ListSpecimensRequest { AccountId = parse.GetValue(account)!, IncludeHistory = parse.GetValue(history), IncludeInactive = parse.GetValue(all) },
                cancellationToken: cancel);
            if (remote.Json)
            {
                ProtoJson.Write(response);
            }
            else if (response.Specimens.Count == 0)
            {
                Console.WriteLine("No specimens.");
            }
            else
            {
                foreach (Specimen s in response.Specimens)
                {
                    Console.Write(ProtoText.Specimen(s));
                }
            }

            return 0;
        });
    }

    private static Command BuildImage()
    {
        var id = SpecimenIdArgument();
        var purpose = new Option<string>("--purpose") { Description = "Why you look at the image (recorded with your name).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Write the original image here.", Required = true };
        var template = new Option<FileInfo?>("--template-out") { Description = "Also write the engine's normalised ink strength (PNG, seals only) here." };
        return new Command("image", "Fetch a specimen's original image (the purpose is recorded).") { id, purpose, output, template }.WithAction(async (parse, remote, cancel) =>
        {
            SpecimenImage image = await remote.Specimens.GetSpecimenImageAsync(
                new GetSpecimenImageRequest { SpecimenId = parse.GetValue(id)!, Purpose = parse.GetValue(purpose)! }, cancellationToken: cancel);
            FileInfo file = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(file.FullName, image.Image.ToByteArray(), cancel);
            FileInfo? templateFile = parse.GetValue(template);
            if (templateFile is not null && !image.TemplatePng.IsEmpty)
            {
                await File.WriteAllBytesAsync(templateFile.FullName, image.TemplatePng.ToByteArray(), cancel);
            }

            if (remote.Json)
            {
                CliOutput.WriteJson(new
                {
                    image.SpecimenId,
                    image.ContentType,
                    image.Dpi,
                    Region = image.Region is null ? null : new[] { image.Region.X, image.Region.Y, image.Region.Width, image.Region.Height },
                    ImageFile = file.FullName,
                    ImageBytes = image.Image.Length,
                    TemplateFile = templateFile is not null && !image.TemplatePng.IsEmpty ? templateFile.FullName : null,
                });
            }
            else
            {
                string region = image.Region is null ? string.Empty : $", region {ProtoText.Box(image.Region)}";
                Console.WriteLine($"wrote {image.Image.Length} bytes ({image.ContentType}, {image.Dpi:F0} dpi{region}) to {file.FullName}");
                if (templateFile is not null)
                {
                    Console.WriteLine(image.TemplatePng.IsEmpty ? "no template (not a seal)" : $"wrote the template to {templateFile.FullName}");
                }
            }

            return 0;
        });
    }

    private static Command BuildExtract()
    {
        var image = new Argument<FileInfo>("card-image") { Description = "Specimen-card scan." };
        var dpi = new Option<double?>("--dpi") { Description = "Resolution of the scan when its metadata lacks it." };
        var ink = InkOption();
        return new Command("extract", "Suggest the seal regions of a specimen-card scan (for specimens submit --region).") { image, dpi, ink }.WithAction(async (parse, remote, cancel) =>
        {
            var request = new ExtractSpecimensRequest
            {
                Image = CliInput.ReadFile("card-image", parse.GetValue(image)),
                Dpi = CliInput.Dpi("--dpi", parse.GetValue(dpi)),
                Ink = ParseInk(parse.GetValue(ink)),
            };
            ExtractSpecimensResponse response = await remote.Specimens.ExtractSpecimensAsync(request, cancellationToken: cancel);
            if (remote.Json)
            {
                ProtoJson.Write(response);
            }
            else
            {
                Console.WriteLine($"{response.Candidates.Count} seal region(s):");
                int n = 0;
                foreach (SpecimenCandidate c in response.Candidates)
                {
                    Console.WriteLine("  " + ProtoText.Candidate(++n, c));
                }
            }

            return 0;
        });
    }

    internal static Option<string?> InkOption() => new("--ink") { Description = "Seal ink: RED (default), BLUE or PURPLE." };

    internal static InkColour ParseInk(string? text) => text is null ? InkColour.Red : CliInput.ParseEnum<InkColour>("--ink", text);

    private static Argument<string> SpecimenIdArgument() => new("specimen-id") { Description = "Specimen id." };

    private static Option<string> ReasonOption() => new("--reason") { Description = "Reason (recorded in the specimen's history).", Required = true };

    private static Option<long> ExpectedVersionOption() => new("--expected-version")
    {
        Description = "Refuse if the specimen changed since you looked at this version (0: do not check).",
    };

    private static void Print(RemoteSession remote, Specimen specimen)
    {
        if (remote.Json)
        {
            ProtoJson.Write(specimen);
        }
        else
        {
            Console.Write(ProtoText.Specimen(specimen));
        }
    }
}
