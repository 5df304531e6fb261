using Google.Protobuf;
using Grpc.Net.Client;
using SealMatch.Protos.V1;

namespace SealMatch.Server.Benchmarks.Infrastructure;

using Verification = SealMatch.Protos.V1.Verification;

/// <summary>
/// The service side of every benchmark: a started server, an account with four approved seal
/// specimens (registered from its specimen card by a clerk, approved by a second person) and signing
/// rules, and tellers' clients ready to send the same slip with a fresh idempotency key each time.
/// </summary>
internal sealed class VerifySlipScenario : IAsyncDisposable
{
    private const string Branch = "B1";
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private readonly BenchmarkServer _server;
    private readonly List<GrpcChannel> _channels = [];
    private readonly VerifySlipRequest _template;
    private long _sequence;

    private VerifySlipScenario(BenchmarkServer server, VerifySlipRequest template, IReadOnlyList<Box> regions)
    {
        _server = server;
        _template = template;
        Regions = regions;
    }

    /// <summary>The server the scenario runs on (for further identities, e.g. reviewers).</summary>
    public BenchmarkServer Server => _server;

    /// <summary>The card regions the four specimens were registered from.</summary>
    public IReadOnlyList<Box> Regions { get; }

    public static async Task<VerifySlipScenario> StartAsync(SyntheticAccount bank, DatabaseKind database, Transport transport)
    {
        BenchmarkServer server = await BenchmarkServer.StartAsync(database, transport);
        using GrpcChannel clerkChannel = server.Channel(await server.UserAsync("clerk", Branch, UserRole.SpecimenClerk));
        using GrpcChannel approverChannel = server.Channel(await server.UserAsync("approver", "HQ", UserRole.SpecimenApprover));
        var accounts = new AccountService.AccountServiceClient(clerkChannel);
        var clerk = new SpecimenService.SpecimenServiceClient(clerkChannel);
        var approver = new SpecimenService.SpecimenServiceClient(approverChannel);

        Account account = await accounts.CreateAccountAsync(new CreateAccountRequest
        {
            AccountNumber = "6222" + RunId,
            Name = bank.Seals.CompanyName,
            BranchCode = Branch,
            RiskTier = RiskTier.Standard,
        });
        ByteString card = ByteString.CopyFrom(bank.Card);
        ExtractSpecimensResponse suggested = await clerk.ExtractSpecimensAsync(new ExtractSpecimensRequest { Image = card });
        IReadOnlyList<(SpecimenRole Role, Box Region)> regions = bank.PickRegions(suggested.Candidates.Select(c => c.Box));
        foreach ((SpecimenRole role, Box region) in regions)
        {
            Specimen submitted = await clerk.SubmitSpecimenAsync(new SubmitSpecimenRequest
            {
                AccountId = account.Id,
                Role = role,
                Image = card,
                Region = region,
                EffectiveFrom = new Date { Year = 2020, Month = 1, Day = 1 },
            });
            await approver.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = submitted.Id, ExpectedVersion = submitted.Version });
        }

        var rules = new SetSigningRulesRequest { AccountId = account.Id };
        rules.Rules.Add(Rule("finance+legal", SpecimenRole.FinanceSeal, SpecimenRole.LegalRepresentativeSeal));
        rules.Rules.Add(Rule("company+legal", SpecimenRole.CompanySeal, SpecimenRole.LegalRepresentativeSeal));
        await accounts.SetSigningRulesAsync(rules);

        var template = new VerifySlipRequest
        {
            AccountId = account.Id,
            SlipImage = ByteString.CopyFrom(bank.Slip),
            Dpi = SyntheticAccount.Dpi,
            SlipDate = new Date { Year = 2026, Month = 6, Day = 1 },
            Amount = new Money { MinorUnits = 10_000_00, Currency = "CNY" },
        };
        return new VerifySlipScenario(server, template, [.. regions.Select(r => r.Region)]);
    }

    /// <summary>A teller's client on its own channel (its own HTTP/2 connection over loopback).</summary>
    public async Task<VerificationService.VerificationServiceClient> TellerAsync(string name)
    {
        GrpcChannel channel = _server.Channel(await _server.UserAsync(name, Branch, UserRole.Teller));
        _channels.Add(channel);
        return new VerificationService.VerificationServiceClient(channel);
    }

    /// <summary>One VerifySlip of the slip under a fresh idempotency key (so each call is a new verification).</summary>
    public async Task<Verification> VerifyAsync(VerificationService.VerificationServiceClient client)
    {
        VerifySlipRequest request = _template.Clone();
        request.IdempotencyKey = $"bench-{RunId}-{Interlocked.Increment(ref _sequence)}";
        return await client.VerifySlipAsync(request, deadline: DateTime.UtcNow.AddMinutes(1));
    }

    /// <summary>Runs one verification and refuses to go on when the service did not see the slip's two seals.</summary>
    public async Task<Verification> CheckAsync(VerificationService.VerificationServiceClient client)
    {
        Verification v = await VerifyAsync(client);
        int matched = v.Findings.Count(f => !string.IsNullOrEmpty(f.SpecimenId));
        Console.WriteLine($"// sanity: slip {_template.SlipImage.Length / 1024} KiB, decision {v.Decision}, {v.Findings.Count} findings ({matched} matched a specimen), engine {v.EngineVersion}");
        if (matched < 2)
        {
            throw new InvalidOperationException($"The service matched {matched} of the slip's two seals; the benchmark would not measure the intended work.");
        }

        return v;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (GrpcChannel channel in _channels)
        {
            channel.Dispose();
        }

        await _server.DisposeAsync();
    }

    private static SigningRule Rule(string name, params SpecimenRole[] roles)
    {
        var rule = new SigningRule { Name = name };
        rule.RequiredRoles.AddRange(roles);
        return rule;
    }
}
