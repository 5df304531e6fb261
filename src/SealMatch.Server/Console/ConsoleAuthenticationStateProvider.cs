using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using SealMatch.Data;
using SealMatch.Server.Security;

namespace SealMatch.Server.WebConsole;

/// <summary>
/// Re-checks an open console periodically: the session ends when it has been idle longer than
/// <see cref="ConsoleOptions.IdleMinutes"/> or the user's credential was revoked.
/// </summary>
internal sealed class ConsoleAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, ConsoleSession session, Microsoft.Extensions.Options.IOptions<ConsoleOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>Every 30 seconds, or a quarter of the idle timeout when that is shorter (at least 1 s).</summary>
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Clamp(options.Value.IdleTimeout.TotalSeconds / 4, 1, 30));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (session.IsIdle)
        {
            session.End();
            return false;
        }

        string? keyId = authenticationState.User.FindFirst(CredentialPrincipal.KeyIdClaim)?.Value;
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        bool live = keyId is not null && await db.Credentials.AsNoTracking().AnyAsync(c => c.KeyId == keyId && c.RevokedAt == null, cancellationToken);
        if (!live)
        {
            session.End();
        }

        return live;
    }
}
