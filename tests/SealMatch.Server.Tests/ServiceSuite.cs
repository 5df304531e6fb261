using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using SealMatch.Data;
using SealMatch.Protos.V1;
using SealMatch.Server.Tests.Infrastructure;

namespace SealMatch.Server.Tests;

/// <summary>
/// The functional suite, run once per database provider (see <see cref="SqliteSuite"/> and
/// <see cref="PostgresSuite"/>). Every test makes its own accounts; maker and checker are
/// separate identities.
/// </summary>
public abstract partial class ServiceSuite(ServiceHost host, ITestOutputHelper output)
{
    protected const string Branch = "B1";
    protected const string OtherBranch = "B2";
    private static int _accountCounter;

    protected ServiceHost Host { get; } = host;

    protected ITestOutputHelper Output { get; } = output;

    protected void SkipIfUnavailable() => Skip.If(Host.SkipReason is not null, Host.SkipReason);

    protected async Task<Clients> As(string name, string branch, params UserRole[] roles) =>
        new(Host.Channel(await Host.UserAsync(name, branch, roles)));

    protected Task<Clients> Clerk() => As("clerk-a", Branch, UserRole.SpecimenClerk);

    protected Task<Clients> SecondClerk() => As("clerk-b", Branch, UserRole.SpecimenClerk);

    protected Task<Clients> Approver() => As("approver-a", "HQ", UserRole.SpecimenApprover);

    /// <summary>One person holding both maker and checker roles: four eyes must still stop them approving their own work.</summary>
    protected Task<Clients> MakerChecker() => As("dual", Branch, UserRole.SpecimenClerk, UserRole.SpecimenApprover);

    protected Task<Clients> Teller() => As("teller-a", Branch, UserRole.Teller);

    protected Task<Clients> OtherBranchTeller() => As("teller-z", OtherBranch, UserRole.Teller);

    protected Task<Clients> OtherBranchClerk() => As("clerk-z", OtherBranch, UserRole.SpecimenClerk);

    protected Task<Clients> Auditor() => As("auditor", "HQ", UserRole.Auditor);

    protected static async Task<Account> NewAccountAsync(Clients clerk, string branch = Branch, RiskTier tier = RiskTier.Standard)
    {
        int n = Interlocked.Increment(ref _accountCounter);
        return await clerk.Accounts.CreateAccountAsync(new CreateAccountRequest
        {
            AccountNumber = $"62220{Environment.ProcessId}{n:D5}{Guid.NewGuid().ToString("N")[..6]}",
            Name = $"测试公司 {n}",
            BranchCode = branch,
            RiskTier = tier,
        });
    }

    protected static Date D(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    protected static async Task<Specimen> SubmitSealAsync(Clients clerk, string accountId, SpecimenRole role, Date? effectiveFrom = null) =>
        await clerk.Specimens.SubmitSpecimenAsync(new SubmitSpecimenRequest
        {
            AccountId = accountId,
            Role = role,
            Image = ByteString.CopyFrom(SyntheticBank.Specimens[role]),
            EffectiveFrom = effectiveFrom ?? D(2020, 1, 1),
        });

    protected async Task<Specimen> ActiveSealAsync(string accountId, SpecimenRole role, Date? effectiveFrom = null)
    {
        using Clients clerk = await Clerk();
        using Clients approver = await Approver();
        Specimen submitted = await SubmitSealAsync(clerk, accountId, role, effectiveFrom);
        return await approver.Specimens.ApproveSpecimenAsync(new ApproveSpecimenRequest { SpecimenId = submitted.Id, ExpectedVersion = submitted.Version });
    }

    protected static SigningRule Rule(string name, params SpecimenRole[] roles)
    {
        var rule = new SigningRule { Name = name };
        rule.RequiredRoles.AddRange(roles);
        return rule;
    }

    protected static VerifySlipRequest Slip(string accountId, byte[] image, string key, long amount = 10_000_00, string currency = "CNY", Date? date = null, double dpi = 0) => new()
    {
        AccountId = accountId,
        SlipImage = ByteString.CopyFrom(image),
        Dpi = dpi,
        SlipDate = date ?? D(2026, 6, 1),
        Amount = new Money { MinorUnits = amount, Currency = currency },
        IdempotencyKey = key,
    };

    protected async Task<int> CountVerificationsAsync(string accountId)
    {
        using IServiceScope scope = Host.Services.CreateScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        return await db.Verifications.CountAsync(v => v.AccountId == accountId);
    }

    protected static CallOptions Deadline => new(deadline: DateTime.UtcNow.AddMinutes(2));
}

[CollectionDefinition("sqlite")]
public sealed class SqliteCollection : ICollectionFixture<SqliteHost>;

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresHost>;

/// <summary>The suite on SQLite (a temporary file).</summary>
[Collection("sqlite")]
public sealed class SqliteSuite(SqliteHost host, ITestOutputHelper output) : ServiceSuite(host, output);

/// <summary>The suite on PostgreSQL (<c>SEALMATCH_TEST_POSTGRES</c>); reported as skipped when it is not set.</summary>
[Collection("postgres")]
public sealed class PostgresSuite(PostgresHost host, ITestOutputHelper output) : ServiceSuite(host, output);
