using System.CommandLine;
using Grpc.Core;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;

namespace SealMatch.Cli.Commands;

/// <summary><c>verify</c> and <c>verifications get|watch</c>: VerificationService.</summary>
internal static class VerifyCommands
{
    public static Command BuildVerify()
    {
        var slip = new Argument<FileInfo>("slip-image") { Description = "The slip scan (PNG, JPEG, TIFF or BMP)." };
        var account = new Option<string>("--account") { Description = "Account id.", Required = true };
        var date = new Option<string?>("--date") { Description = "Slip date, YYYY-MM-DD (default today)." };
        var amount = new Option<string>("--amount") { Description = "Amount in major units, e.g. 12345.67.", Required = true };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 currency code.", DefaultValueFactory = _ => "CNY" };
        var dpi = new Option<double?>("--dpi") { Description = "Resolution of the scan when its metadata lacks it." };
        var key = new Option<string?>("--idempotency-key") { Description = "Retry key: the same key returns the same verification (default: a new GUID, printed)." };
        var roi = new Option<string[]>("--roi") { Description = "Only consider impressions centred in this box: x,y,width,height in pixels (repeatable)." };
        var template = new Option<string?>("--template") { Description = "Slip template id (templates list): its seal and signature regions are used, with any --roi and --signature-region added." };
        var signatureRegion = new Option<string[]>("--signature-region") { Description = "Where a signature is: x,y,width,height in pixels (repeatable)." };
        var watch = new Option<bool>("--watch") { Description = "If the slip goes to review, keep watching until it is final." };
        var command = new Command("verify", "Verify the seals on a slip against the account's specimens and signing rules (TELLER).")
        {
            slip, account, date, amount, currency, dpi, key, roi, template, signatureRegion, watch,
        };
        return command.WithAction(async (parse, remote, cancel) =>
        {
            string idempotencyKey = parse.GetValue(key) is { Length: > 0 } k ? k.Trim() : Guid.NewGuid().ToString();
            var request = new VerifySlipRequest
            {
                AccountId = parse.GetValue(account)!,
                Dpi = CliInput.Dpi("--dpi", parse.GetValue(dpi)),
                SlipDate = parse.GetValue(date) is string d ? CliInput.ParseDate("--date", d) : CliInput.ToDate(DateOnly.FromDateTime(DateTime.Today)),
                Amount = CliInput.ParseMoney("--amount", parse.GetValue(amount), "--currency", parse.GetValue(currency)),
                IdempotencyKey = idempotencyKey,
            };
            request.RegionsOfInterest.AddRange((parse.GetValue(roi) ?? []).Select(r => CliInput.ParseBox("--roi", r)));
            request.TemplateId = parse.GetValue(template)?.Trim() ?? string.Empty;
            request.SignatureRegions.AddRange((parse.GetValue(signatureRegion) ?? []).Select(r => CliInput.ParseBox("--signature-region", r)));
            request.SlipImage = CliInput.ReadFile("slip-image", parse.GetValue(slip));
            if (!remote.Json && parse.GetValue(key) is null)
            {
                Console.WriteLine($"idempotency key {idempotencyKey} (pass it as --idempotency-key to retry without a second record)");
            }

            Verification verification = await remote.Verifications.VerifySlipAsync(request, cancellationToken: cancel);
            Print(remote, verification);
            if (parse.GetValue(watch) && verification.Status == VerificationStatus.AwaitingReview)
            {
                await WatchAsync(remote, verification.Id, skipFirst: true, cancel);
            }

            return 0;
        });
    }

    public static Command BuildVerifications()
    {
        var verifications = new Command("verifications", "Show a verification, or watch it until it is final.");
        var id = new Argument<string>("verification-id") { Description = "Verification id." };
        verifications.Subcommands.Add(new Command("get", "Show a verification: decision, reasons, findings, rules.") { id }.WithAction(async (parse, remote, cancel) =>
        {
            Print(remote, await remote.Verifications.GetVerificationAsync(new GetVerificationRequest { VerificationId = parse.GetValue(id)! }, cancellationToken: cancel));
            return 0;
        }));
        var watchId = new Argument<string>("verification-id") { Description = "Verification id." };
        verifications.Subcommands.Add(new Command("watch", "Print the verification now and on every change; ends when it is final.") { watchId }.WithAction(async (parse, remote, cancel) =>
        {
            await WatchAsync(remote, parse.GetValue(watchId)!, skipFirst: false, cancel);
            return 0;
        }));
        return verifications;
    }

    private static async Task WatchAsync(RemoteSession remote, string id, bool skipFirst, CancellationToken cancel)
    {
        using AsyncServerStreamingCall<Verification> call = remote.Verifications.WatchVerification(new WatchVerificationRequest { VerificationId = id }, cancellationToken: cancel);
        bool first = true;
        await foreach (Verification update in call.ResponseStream.ReadAllAsync(cancel))
        {
            if (!(first && skipFirst))
            {
                Print(remote, update);
            }

            first = false;
        }
    }

    private static void Print(RemoteSession remote, Verification verification)
    {
        if (remote.Json)
        {
            ProtoJson.Write(verification);
        }
        else
        {
            Console.Write(ProtoText.Verification(verification));
        }
    }
}
