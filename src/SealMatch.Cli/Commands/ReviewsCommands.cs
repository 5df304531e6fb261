using System.CommandLine;
using Grpc.Core;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Commands;

/// <summary><c>reviews claim|show|submit|release|list|decide</c>: ReviewService (REVIEWER, REVIEW_SUPERVISOR, AUDITOR).</summary>
internal static class ReviewsCommands
{
    public static Command Build()
    {
        var reviews = new Command("reviews", "Dual review of verifications put before people: claim, view, judge, release, list; supervisors decide escalated cases.");

        var claimBranch = new Option<string?>("--branch") { Description = "Only cases of this branch." };
        reviews.Subcommands.Add(new Command("claim", "Claim the oldest case you may review (REVIEWER); prints it with its verification. Holding a live lease, you get that case again.") { claimBranch }
            .WithAction(async (parse, remote, cancel) =>
            {
                ClaimNextCaseResponse response = await remote.Reviews.ClaimNextCaseAsync(
                    new ClaimNextCaseRequest { BranchCode = parse.GetValue(claimBranch)?.Trim() ?? string.Empty }, cancellationToken: cancel);
                var detail = new ReviewCaseDetail { Case = response.Case };
                if (response.Case is not null)
                {
                    try
                    {
                        detail.Verification = await remote.Verifications.GetVerificationAsync(
                            new GetVerificationRequest { VerificationId = response.Case.VerificationId }, cancellationToken: cancel);
                    }
                    catch (RpcException e) when (!cancel.IsCancellationRequested)
                    {
                        await Console.Error.WriteLineAsync($"warning: the verification could not be read ({e.StatusCode}: {e.Status.Detail}); see reviews show.");
                    }
                }

                if (remote.Json)
                {
                    ProtoJson.Write(detail);
                }
                else if (response.Case is null)
                {
                    Console.WriteLine("no case to claim: the queue holds none you may review.");
                }
                else
                {
                    Print(detail);
                    Console.WriteLine($"next: reviews show {response.Case.Id} --out DIR, then reviews submit {response.Case.Id} --verdict ... (or reviews release {response.Case.Id})");
                }

                return 0;
            }));

        var showId = CaseId();
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Directory for the images (created if missing); files are named finding-N-VIEW.png.", Required = true };
        reviews.Subcommands.Add(new Command("show", "Show a case, its verification and the reviews you may see, and write its images (impression, specimen, side-by-side, overlay, difference, fold) to --out. The read is audited.") { showId, outDir }
            .WithAction(async (parse, remote, cancel) =>
            {
                DirectoryInfo dir = parse.GetValue(outDir)!;
                ReviewCaseDetail detail = await remote.Reviews.GetCaseAsync(new GetCaseRequest { CaseId = parse.GetValue(showId)! }, cancellationToken: cancel);
                Directory.CreateDirectory(dir.FullName);
                IReadOnlyList<string> names = ReviewImageFiles.Names(detail.Images);
                var written = new List<string>(names.Count);
                for (int i = 0; i < detail.Images.Count; i++)
                {
                    string path = Path.Combine(dir.FullName, names[i]);
                    await File.WriteAllBytesAsync(path, detail.Images[i].Png.ToByteArray(), cancel);
                    written.Add(path);
                }

                if (remote.Json)
                {
                    // The images went to files; the JSON keeps their metadata without the bytes.
                    ReviewCaseDetail summary = detail.Clone();
                    foreach (ReviewImage image in summary.Images)
                    {
                        image.Png = Google.Protobuf.ByteString.Empty;
                    }

                    ProtoJson.Write(summary);
                }
                else
                {
                    Print(detail);
                    Console.WriteLine(written.Count == 0 ? "  images: none" : $"  images ({written.Count}) written to {dir.FullName}:");
                    for (int i = 0; i < written.Count; i++)
                    {
                        Console.WriteLine("    " + ImageLine(names[i], detail.Images[i]));
                    }
                }

                return 0;
            }));

        var submitId = CaseId();
        var verdict = new Option<string>("--verdict") { Description = "GENUINE, FORGED or CANNOT_TELL (final once submitted).", Required = true };
        var comment = new Option<string?>("--comment") { Description = "Why; required unless the verdict is GENUINE." };
        reviews.Subcommands.Add(new Command("submit", "Submit your verdict on the case you hold (REVIEWER). Final once made.") { submitId, verdict, comment }
            .WithAction(async (parse, remote, cancel) =>
            {
                ReviewVerdict v = CliInput.ParseVerdict("--verdict", parse.GetValue(verdict), allowCannotTell: true);
                var request = new SubmitReviewRequest
                {
                    CaseId = parse.GetValue(submitId)!,
                    Verdict = v,
                    Comment = CliInput.ReviewComment("--comment", v, parse.GetValue(comment)),
                };
                Print(remote, "submitted", await remote.Reviews.SubmitReviewAsync(request, cancellationToken: cancel));
                return 0;
            }));

        var releaseId = CaseId();
        reviews.Subcommands.Add(new Command("release", "Give the case you hold back to the queue (REVIEWER).") { releaseId }
            .WithAction(async (parse, remote, cancel) =>
            {
                Print(remote, "released", await remote.Reviews.ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = parse.GetValue(releaseId)! }, cancellationToken: cancel));
                return 0;
            }));

        var state = new Option<string?>("--state") { Description = "OPEN, CLAIMED, AWAITING_SECOND_REVIEW, ESCALATED or DECIDED (default: every state)." };
        var listBranch = new Option<string?>("--branch") { Description = "Only cases of this branch." };
        reviews.Subcommands.Add(new Command("list", "List cases, oldest first (REVIEWER, REVIEW_SUPERVISOR, AUDITOR).") { state, listBranch }
            .WithAction(async (parse, remote, cancel) =>
            {
                var request = new ListCasesRequest
                {
                    State = parse.GetValue(state) is string s ? CliInput.ParseEnum<ReviewCaseState>("--state", s) : ReviewCaseState.Unspecified,
                    BranchCode = parse.GetValue(listBranch)?.Trim() ?? string.Empty,
                    PageSize = 500,
                };
                var all = new ListCasesResponse();
                do
                {
                    ListCasesResponse page = await remote.Reviews.ListCasesAsync(request, cancellationToken: cancel);
                    all.Cases.AddRange(page.Cases);
                    request.PageToken = page.NextPageToken;
                }
                while (request.PageToken.Length > 0);

                if (remote.Json)
                {
                    ProtoJson.Write(all);
                }
                else
                {
                    foreach (ReviewCase c in all.Cases)
                    {
                        Console.WriteLine(ProtoText.ReviewCaseLine(c));
                    }

                    Console.WriteLine($"{all.Cases.Count} case(s)");
                }

                return 0;
            }));

        var decideId = CaseId();
        var decideVerdict = new Option<string>("--verdict") { Description = "GENUINE or FORGED.", Required = true };
        var decideComment = new Option<string>("--comment") { Description = "The reasons for the decision (recorded).", Required = true };
        reviews.Subcommands.Add(new Command("decide", "Decide an escalated case (REVIEW_SUPERVISOR; neither reviewer nor teller of the case).") { decideId, decideVerdict, decideComment }
            .WithAction(async (parse, remote, cancel) =>
            {
                ReviewVerdict v = CliInput.ParseVerdict("--verdict", parse.GetValue(decideVerdict), allowCannotTell: false);
                string text = (parse.GetValue(decideComment) ?? string.Empty).Trim();
                if (text.Length == 0)
                {
                    throw new CliInputException("--comment", "a supervisor's decision needs a comment saying why.");
                }

                var request = new DecideEscalatedRequest { CaseId = parse.GetValue(decideId)!, Verdict = v, Comment = text };
                Print(remote, "decided", await remote.Reviews.DecideEscalatedAsync(request, cancellationToken: cancel));
                return 0;
            }));
        return reviews;
    }

    /// <summary>One written image: file, view, specimen, fold angle.</summary>
    internal static string ImageLine(string name, ReviewImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        string specimen = image.SpecimenId.Length > 0 ? $", specimen {image.SpecimenId}" : string.Empty;
        string fold = image.Kind == ReviewImageKind.Fold
            ? $", fold line at {image.FoldAngleDeg.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)}°"
            : string.Empty;
        return $"{name}  ({ProtoEnums.Name(image.Kind)}, finding {image.FindingIndex + 1}{specimen}{fold}, {image.Png.Length} bytes)";
    }

    private static Argument<string> CaseId() => new("case-id") { Description = "Review case id." };

    private static void Print(ReviewCaseDetail detail)
    {
        Console.Write(ProtoText.ReviewCase(detail.Case));
        if (detail.Verification is not null)
        {
            Console.Write(ProtoText.Verification(detail.Verification));
        }
    }

    private static void Print(RemoteSession remote, string what, ReviewCase c)
    {
        if (remote.Json)
        {
            ProtoJson.Write(c);
        }
        else
        {
            Console.WriteLine(what + ":");
            Console.Write(ProtoText.ReviewCase(c));
        }
    }
}
