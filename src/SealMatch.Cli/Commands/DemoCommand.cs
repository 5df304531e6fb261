using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using SealMatch.Cli.Remote;
using SealMatch.Protos.V1;
using SealMatch.Synthesis;
using SynthInk = SealMatch.Synthesis.InkColour;

namespace SealMatch.Cli.Commands;

/// <summary>
/// <c>demo</c>: the quick start against a running server. With an ADMIN key it creates a clerk, an
/// approver and a teller, opens an account for a synthetic company, submits the seals of its generated
/// specimen card (regions from ExtractSpecimens) as the clerk, approves them as the approver (four
/// eyes), sets signing rules, and has the teller verify generated genuine and forged slips, printing
/// what each slip really was next to the service's decision.
/// </summary>
internal static class DemoCommand
{
    private const int Dpi = 300;
    private const string Currency = "CNY";

    /// <summary>One slip of the demo: its ground truth and what it is verified for.</summary>
    private sealed record DemoSlip(string Label, bool Genuine, string Truth, long AmountMinorUnits, SlipSpec Spec);

    public static Command Build()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic company, card and slips.", DefaultValueFactory = _ => 7 };
        var branch = new Option<string>("--branch") { Description = "Branch of the demo account and its staff.", DefaultValueFactory = _ => "DEMO" };
        var save = new Option<DirectoryInfo?>("--save") { Description = "Also write the specimen card and the slips (with their ground truth) to this folder." };
        var options = new RemoteOptions("--admin-key", $"An ADMIN API key (from `SealMatch.Server bootstrap-admin`; default ${RemoteOptions.KeyVariable}). Never printed.");
        var command = new Command("demo", "Against a running server: create staff keys and a demo account from a synthetic specimen card, approve its specimens with a second identity, set signing rules, and verify genuine and forged slips.")
        {
            seed, branch, save,
        };
        return command.WithAction(options, (parse, admin, cancel) =>
            RunAsync(admin, parse.GetValue(seed), parse.GetValue(branch)!.Trim(), parse.GetValue(save), admin.Server, cancel));
    }

    private static async Task<int> RunAsync(RemoteSession admin, int seed, string branch, DirectoryInfo? save, Uri server, CancellationToken cancel)
    {
        if (branch.Length == 0)
        {
            throw new CliInputException("--branch", "must not be empty.");
        }

        // With --json the progress goes to stderr and stdout carries only the JSON summary.
        TextWriter progress = admin.Json ? Console.Error : Console.Out;
        string run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var rng = new SynthRandom((ulong)seed);
        AccountSeals company = SealDesigner.CreateAccount(rng.Fork("account"));
        DateOnly today = DateOnly.FromDateTime(DateTime.Today);

        await progress.WriteLineAsync($"SealMatch demo against {server} (seed {seed}, run {run})");
        await progress.WriteLineAsync("1. Staff keys (AdminService, as the admin)");
        string clerkKey = await CreateKeyAsync(admin, progress, $"demo-clerk-{run}", branch, UserRole.SpecimenClerk, cancel);
        string approverKey = await CreateKeyAsync(admin, progress, $"demo-approver-{run}", branch, UserRole.SpecimenApprover, cancel);
        string tellerKey = await CreateKeyAsync(admin, progress, $"demo-teller-{run}", branch, UserRole.Teller, cancel);
        using RemoteSession clerk = RemoteOptions.Connect(server, clerkKey, admin.Json);
        using RemoteSession approver = RemoteOptions.Connect(server, approverKey, admin.Json);
        using RemoteSession teller = RemoteOptions.Connect(server, tellerKey, admin.Json);

        await progress.WriteLineAsync("2. Account (as the clerk)");
        Account account = await clerk.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            AccountNumber = $"DEMO-{seed}-{run}",
            Name = company.CompanyName,
            BranchCode = branch,
            RiskTier = RiskTier.Standard,
        }, cancellationToken: cancel);
        await progress.WriteLineAsync($"   opened {account.Id} ({account.AccountNumber}) for {company.CompanyName}, legal representative {company.LegalRepresentative}");

        await progress.WriteLineAsync("3. Specimen card: generate, extract the seal regions, submit each seal (as the clerk)");
        GeneratedDocument card = SpecimenCardGenerator.Generate(company, ScanSettings.Random(rng.Fork("card-scan"), Dpi), rng.Fork("card"));
        SynthInk accountInk = company.Design(SealKind.CompanySeal)?.Ink ?? SynthInk.Red;
        ByteString cardBytes = ByteString.CopyFrom(card.File.Span);
        ExtractSpecimensResponse extracted = await clerk.Specimens.ExtractSpecimensAsync(
            new ExtractSpecimensRequest { Image = cardBytes, Dpi = card.Truth.Dpi, Ink = ToProto(accountInk) }, cancellationToken: cancel);
        await progress.WriteLineAsync($"   card {card.Truth.Width}×{card.Truth.Height} px at {card.Truth.Dpi} dpi: {extracted.Candidates.Count} seal region(s) suggested");
        var specimens = new List<Specimen>();
        foreach (SealDesign design in company.Designs)
        {
            (Box region, string source) = RegionOf(design, card.Truth, extracted.Candidates);
            Specimen submitted = await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
            {
                AccountId = account.Id,
                Role = RoleOf(design.Kind),
                Image = cardBytes,
                Dpi = card.Truth.Dpi,
                Region = region,
                EffectiveFrom = CliInput.ToDate(today.AddDays(-30)),
                SignatoryName = design.Kind == SealKind.LegalRepresentativeNameSeal ? company.LegalRepresentative : string.Empty,
                Ink = ToProto(design.Ink),
            }, cancellationToken: cancel);
            specimens.Add(submitted);
            await progress.WriteLineAsync($"   submitted {submitted.Id} {ProtoEnums.Name(submitted.Role),-26} region {ProtoText.Box(region)} ({source}) → {ProtoEnums.Name(submitted.Status)}");
        }

        await progress.WriteLineAsync("4. Four eyes: approve each specimen (as the approver, not the clerk who submitted it)");
        for (int i = 0; i < specimens.Count; i++)
        {
            Specimen approved = await approver.Specimens.ApproveSpecimenAsync(
                new ApproveSpecimenRequest { SpecimenId = specimens[i].Id, ExpectedVersion = specimens[i].Version }, cancellationToken: cancel);
            specimens[i] = approved;
            await progress.WriteLineAsync($"   {approved.Id} {ProtoEnums.Name(approved.Role),-26} → {ProtoEnums.Name(approved.Status)} (approved by {approved.ApprovedBy})");
        }

        await progress.WriteLineAsync("5. Signing rules (as the clerk)");
        var rules = new SetSigningRulesRequest { AccountId = account.Id };
        rules.Rules.AddRange(SigningRuleSyntax.ParseAll(
        [
            "everyday:FINANCE+LEGAL_REP@CNY:0..100000",
            "company:COMPANY+LEGAL_REP@CNY:0..100000",
            "large:FINANCE+LEGAL_REP@CNY:100000..>0.995",
        ]));
        account = await clerk.Accounts.SetSigningRulesAsync(rules, cancellationToken: cancel);
        foreach (SigningRule r in account.SigningRules)
        {
            await progress.WriteLineAsync("   " + SigningRuleSyntax.Format(r));
        }

        await progress.WriteLineAsync("6. Slips (as the teller)");
        if (save is not null)
        {
            save.Create();
            Save(save, "specimen-card", card);
        }

        var results = new List<object>();
        GeneratedDocument? firstSlip = null;
        int genuineAccepted = 0, genuineTotal = 0, forgedStopped = 0, forgedTotal = 0;
        IReadOnlyList<DemoSlip> slips = Slips(company, rng.Fork("slips"));
        for (int i = 0; i < slips.Count; i++)
        {
            DemoSlip slip = slips[i];
            GeneratedDocument document = SlipGenerator.Generate(slip.Spec, ScanSettings.Random(rng.Fork("slip-scan", i), Dpi), rng.Fork("slip", i));
            firstSlip ??= document;
            if (save is not null)
            {
                Save(save, $"slip-{i + 1:D2}-{slip.Label}", document);
            }

            Verification v = await VerifyAsync(teller, account.Id, document, slip.AmountMinorUnits, today, $"demo-{run}-{i + 1}", cancel);
            await PrintSlipAsync(progress, i + 1, slip, v);
            results.Add(Summary(slip, v));
            if (slip.Genuine)
            {
                genuineTotal++;
                genuineAccepted += v.Decision == Decision.Accept ? 1 : 0;
            }
            else
            {
                forgedTotal++;
                forgedStopped += v.Decision != Decision.Accept ? 1 : 0;
            }
        }

        // A loss report takes effect at once: freeze the name seal and present the first slip again.
        Specimen nameSeal = specimens.First(s => s.Role == SpecimenRole.LegalRepresentativeSeal);
        await progress.WriteLineAsync($"7. Loss report: the clerk freezes {nameSeal.Id} ({ProtoEnums.Name(nameSeal.Role)}); no approval needed");
        await clerk.Specimens.FreezeSpecimenAsync(new FreezeSpecimenRequest { SpecimenId = nameSeal.Id, Reason = "demo: reported lost" }, cancellationToken: cancel);
        DemoSlip again = slips[0];
        Verification frozen = await VerifyAsync(teller, account.Id, firstSlip!, again.AmountMinorUnits, today, $"demo-{run}-frozen", cancel);
        var afterFreeze = again with { Label = again.Label + "-after-freeze", Truth = again.Truth + ", presented after the name seal was frozen" };
        await PrintSlipAsync(progress, slips.Count + 1, afterFreeze, frozen);
        results.Add(Summary(afterFreeze, frozen));

        await progress.WriteLineAsync();
        await progress.WriteLineAsync($"Genuine slips accepted: {genuineAccepted} of {genuineTotal}; forged slips stopped (rejected or sent to review): {forgedStopped} of {forgedTotal}.");
        await progress.WriteLineAsync($"Try it yourself: sealmatch accounts get {account.Id} --key <clerk key>; sealmatch specimens list --account {account.Id} --history --key <clerk key>.");
        if (admin.Json)
        {
            CliOutput.WriteJson(new
            {
                Server = server.ToString(),
                Seed = seed,
                Account = new { account.Id, Number = account.AccountNumber, account.Name, Branch = account.BranchCode },
                Specimens = specimens.Select(s => new { s.Id, Role = ProtoEnums.Name(s.Role), Status = ProtoEnums.Name(s.Status) }),
                Rules = account.SigningRules.Select(SigningRuleSyntax.Format),
                Slips = results,
                GenuineAccepted = genuineAccepted,
                GenuineTotal = genuineTotal,
                ForgedStopped = forgedStopped,
                ForgedTotal = forgedTotal,
            });
        }

        return 0;
    }

    /// <summary>The demo's slips: three genuine, one per forgery class (F1–F5).</summary>
    private static List<DemoSlip> Slips(AccountSeals company, SynthRandom rng)
    {
        SlipImpression Stamp(SealKind kind, string label) =>
            new(ImpressionSource.Genuine(company.Layout(kind), ImpressionConditions.RandomGenuine(rng.Fork(label))), SlotRole.SignatureBox);
        SlipImpression Forge(SealKind expected, ForgeryClass cls, string label) =>
            new(Forger.Make(company, expected, cls, rng.Fork(label)), SlotRole.SignatureBox);
        SlipSpec Spec(bool bankStamp, params SlipImpression[] impressions) =>
            new() { Impressions = impressions, AddBankStamp = bankStamp, PayerName = company.CompanyName };

        return
        [
            new("genuine-finance", true, "genuine: finance seal + legal representative's seal", 1_234_567,
                Spec(false, Stamp(SealKind.FinanceSeal, "g1-finance"), Stamp(SealKind.LegalRepresentativeNameSeal, "g1-name"))),
            new("genuine-company", true, "genuine: company seal + legal representative's seal, with the bank's own stamp", 880_000,
                Spec(true, Stamp(SealKind.CompanySeal, "g2-company"), Stamp(SealKind.LegalRepresentativeNameSeal, "g2-name"))),
            new("genuine-large", true, "genuine: finance seal + legal representative's seal, large amount (stricter rule)", 25_000_000,
                Spec(false, Stamp(SealKind.FinanceSeal, "g3-finance"), Stamp(SealKind.LegalRepresentativeNameSeal, "g3-name"))),
            new("F1-recarved", false, "forged F1: finance seal re-carved from a copy (one sub-millimetre change)", 4_500_000,
                Spec(false, Forge(SealKind.FinanceSeal, ForgeryClass.F1ReCarved, "f1"), Stamp(SealKind.LegalRepresentativeNameSeal, "f1-name"))),
            new("F2-lookalike", false, "forged F2: look-alike finance seal (other font or spacing)", 4_500_000,
                Spec(false, Forge(SealKind.FinanceSeal, ForgeryClass.F2LookAlike, "f2"), Stamp(SealKind.LegalRepresentativeNameSeal, "f2-name"))),
            new("F3-printed", false, "forged F3: colour-printed copy of a genuine finance seal", 4_500_000,
                Spec(false, Forge(SealKind.FinanceSeal, ForgeryClass.F3PrintedCopy, "f3"), Stamp(SealKind.LegalRepresentativeNameSeal, "f3-name"))),
            new("F4-other-seal", false, "forged F4: another of the customer's seals stamped where the legal representative's seal belongs", 4_500_000,
                Spec(false, Stamp(SealKind.FinanceSeal, "f4-finance"), Forge(SealKind.LegalRepresentativeNameSeal, ForgeryClass.F4OtherSealOfCustomer, "f4"))),
            new("F5-unrelated", false, "forged F5: an unrelated company's finance seal", 4_500_000,
                Spec(false, Forge(SealKind.FinanceSeal, ForgeryClass.F5Unrelated, "f5"), Stamp(SealKind.LegalRepresentativeNameSeal, "f5-name"))),
        ];
    }

    private static async Task<string> CreateKeyAsync(RemoteSession admin, TextWriter progress, string user, string branch, UserRole role, CancellationToken cancel)
    {
        var request = new CreateCredentialRequest { User = user, Branch = branch, Roles = { role } };
        CreateCredentialResponse response = await admin.Admin.CreateCredentialAsync(request, cancellationToken: cancel);
        await progress.WriteLineAsync($"   {ProtoEnums.Name(role),-18} {user} (key id {response.Credential.KeyId}, branch {branch})");
        return response.ApiKey;
    }

    private static async Task<Verification> VerifyAsync(RemoteSession teller, string accountId, GeneratedDocument document, long amount, DateOnly date, string key, CancellationToken cancel) =>
        await teller.Verifications.VerifySlipAsync(new VerifySlipRequest
        {
            AccountId = accountId,
            SlipImage = ByteString.CopyFrom(document.File.Span),
            Dpi = document.Truth.Dpi,
            SlipDate = CliInput.ToDate(date),
            Amount = new Money { MinorUnits = amount, Currency = Currency },
            IdempotencyKey = key,
        }, cancellationToken: cancel);

    private static async Task PrintSlipAsync(TextWriter progress, int index, DemoSlip slip, Verification v)
    {
        string verdict = slip.Genuine
            ? v.Decision == Decision.Accept ? "as expected" : "genuine slip not accepted"
            : v.Decision == Decision.Accept ? "FORGERY ACCEPTED" : "stopped";
        string rule = v.SatisfiedRule.Length > 0 ? $" by rule '{v.SatisfiedRule}'" : string.Empty;
        await progress.WriteLineAsync($"   slip {index}: {slip.Truth}; {CliInput.FormatMoney(slip.AmountMinorUnits, Currency)}");
        await progress.WriteLineAsync($"      → {ProtoEnums.Name(v.Decision)}{rule} ({verdict}); verification {v.Id}, {v.AnalysisMs:F0} ms");
        foreach (Reason r in v.Reasons)
        {
            await progress.WriteLineAsync($"        reason {ProtoEnums.Name(r.Code)}" + (r.Detail.Length > 0 ? $": {r.Detail}" : string.Empty));
        }

        int n = 0;
        foreach (Finding f in v.Findings)
        {
            await progress.WriteLineAsync("        " + ProtoText.Finding(++n, f));
        }
    }

    private static object Summary(DemoSlip slip, Verification v) => new
    {
        slip.Label,
        slip.Genuine,
        slip.Truth,
        Amount = CliInput.FormatMoney(slip.AmountMinorUnits, Currency),
        VerificationId = v.Id,
        Decision = ProtoEnums.Name(v.Decision),
        v.SatisfiedRule,
        Reasons = v.Reasons.Select(r => new { Code = ProtoEnums.Name(r.Code), r.Detail }),
        Findings = v.Findings.Select(f => new
        {
            Box = new[] { f.Box?.X ?? 0, f.Box?.Y ?? 0, f.Box?.Width ?? 0, f.Box?.Height ?? 0 },
            Role = ProtoEnums.Name(f.Role),
            f.SpecimenId,
            Probability = CliOutput.R(f.Probability, 4),
            RotationDeg = f.Pose is null ? (double?)null : CliOutput.R(f.Pose.RotationDeg, 2),
        }),
    };

    /// <summary>
    /// The card region of a design: the suggested region that holds the seal's true centre, else (the
    /// extraction missed it) the seal's footprint on the card from the ground truth, with a margin.
    /// </summary>
    private static (Box Region, string Source) RegionOf(SealDesign design, DocumentTruth card, IEnumerable<SpecimenCandidate> candidates)
    {
        DocumentImpressionTruth truth = card.Impressions.First(i => i.Geometry.DesignId == design.Id);
        ImpressionTruth g = truth.Geometry;
        SpecimenCandidate? hit = candidates
            .Where(c => c.Box is { } b && g.CentreX >= b.X && g.CentreX <= b.X + b.Width && g.CentreY >= b.Y && g.CentreY <= b.Y + b.Height)
            .OrderBy(c => Math.Abs(c.Box.X + (c.Box.Width / 2.0) - g.CentreX) + Math.Abs(c.Box.Y + (c.Box.Height / 2.0) - g.CentreY))
            .FirstOrDefault();
        if (hit is not null)
        {
            // A clerk draws the region with some paper around the seal; the suggestion hugs its outline.
            int pad = (int)Math.Round(2 * card.Dpi / 25.4);
            int left = Math.Max(0, hit.Box.X - pad);
            int top = Math.Max(0, hit.Box.Y - pad);
            var padded = new Box
            {
                X = left,
                Y = top,
                Width = Math.Min(card.Width, hit.Box.X + hit.Box.Width + pad) - left,
                Height = Math.Min(card.Height, hit.Box.Y + hit.Box.Height + pad) - top,
            };
            return (padded, "suggested by ExtractSpecimens, 2 mm margin");
        }

        double margin = 0.1 * Math.Max(g.FootprintBox.Width, g.FootprintBox.Height);
        int x = Math.Max(0, (int)Math.Floor(g.FootprintBox.X - margin));
        int y = Math.Max(0, (int)Math.Floor(g.FootprintBox.Y - margin));
        int right = Math.Min(card.Width, (int)Math.Ceiling(g.FootprintBox.X + g.FootprintBox.Width + margin));
        int bottom = Math.Min(card.Height, (int)Math.Ceiling(g.FootprintBox.Y + g.FootprintBox.Height + margin));
        return (new Box { X = x, Y = y, Width = right - x, Height = bottom - y }, "not suggested; taken from the card's layout");
    }

    private static SpecimenRole RoleOf(SealKind kind) => kind switch
    {
        SealKind.CompanySeal => SpecimenRole.CompanySeal,
        SealKind.FinanceSeal => SpecimenRole.FinanceSeal,
        SealKind.LegalRepresentativeNameSeal => SpecimenRole.LegalRepresentativeSeal,
        _ => SpecimenRole.OtherSeal,
    };

    private static Protos.V1.InkColour ToProto(SynthInk ink) => ink switch
    {
        SynthInk.Blue => Protos.V1.InkColour.Blue,
        SynthInk.Purple => Protos.V1.InkColour.Purple,
        _ => Protos.V1.InkColour.Red,
    };

    private static void Save(DirectoryInfo folder, string name, GeneratedDocument document)
    {
        string extension = document.Truth.Format == ImageFormat.Jpeg ? ".jpg" : ".png";
        File.WriteAllBytes(Path.Combine(folder.FullName, name + extension), document.ToArray());
        File.WriteAllText(Path.Combine(folder.FullName, name + ".json"), System.Text.Json.JsonSerializer.Serialize(document.Truth, CliOutput.Json));
    }
}
