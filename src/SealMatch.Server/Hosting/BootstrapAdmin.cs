using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Data.Credentials;
using SealMatch.Domain.Security;
using SealMatch.Server.Admin;
using SealMatch.Server.Audit;
using SealMatch.Server.Security;

namespace SealMatch.Server.Hosting;

/// <summary>
/// <c>bootstrap-admin --user NAME --branch CODE</c>: creates the first ADMIN credential, once. Refuses
/// while a valid admin credential exists. Prints the key once; only its hash is stored.
/// </summary>
internal static class BootstrapAdmin
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? user = null;
        string? branch = null;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--user" when i + 1 < args.Length:
                    user = args[++i];
                    break;
                case "--branch" when i + 1 < args.Length:
                    branch = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(branch))
        {
            await Console.Error.WriteLineAsync("usage: SealMatch.Server bootstrap-admin --user NAME --branch CODE [configuration overrides]");
            return 2;
        }

        WebApplicationBuilder builder = SealMatchHost.CreateBuilder([.. rest]);
        builder.AddSealMatch();
        await using WebApplication app = builder.Build();
        await app.MigrateDatabaseAsync();
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        bool adminExists = await db.Credentials.AnyAsync(c => c.RevokedAt == null && c.Roles.Contains(UserRoles.Admin));
        if (adminExists)
        {
            await Console.Error.WriteLineAsync("An admin credential already exists; bootstrap-admin runs only once. Ask an admin for a key (AdminService.CreateCredential).");
            return 1;
        }

        (ApiCredential credential, string token) = Credentials.Create(user.Trim(), [Role.Admin], branch.Trim(), "bootstrap", DateTime.UtcNow);
        db.Credentials.Add(credential);

        // The first credential is recorded like every other, by the operator who ran the command.
        var bootstrap = new Actor("bootstrap", [Role.Admin], branch.Trim());
        await scope.ServiceProvider.GetRequiredService<AuditTrail>()
            .SaveChangesAsync(bootstrap, AuditActions.CredentialCreate, AuditTargets.Credential, credential.KeyId, "bootstrap-admin", CancellationToken.None);
        Console.WriteLine($"Created ADMIN credential {credential.KeyId} for {credential.User} at branch {credential.Branch}.");
        Console.WriteLine("API key (shown once; pass it as 'authorization: Bearer <key>'):");
        Console.WriteLine(token);
        return 0;
    }
}
