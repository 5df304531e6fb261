using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace SealMatch.Server.WebConsole;

/// <summary>The <c>Console</c> settings.</summary>
internal sealed class ConsoleOptions
{
    /// <summary>Minutes without activity after which the session ends (default 15).</summary>
    public double IdleMinutes { get; set; } = 15;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleMinutes is > 0 and <= 720 ? IdleMinutes
        : throw new InvalidOperationException("Console:IdleMinutes must be positive and at most 720."));
}

/// <summary>
/// One browser's console session within a circuit: who is signed in (from the cookie when the circuit
/// opened), from where, and when they last did something (the inactivity timeout).
/// </summary>
internal sealed class ConsoleSession(TimeProvider clock, IOptions<ConsoleOptions> options)
{
    private long _lastActivityTicks = clock.GetUtcNow().UtcTicks;

    public ClaimsPrincipal? User { get; private set; }

    public IPAddress? RemoteAddress { get; private set; }

    public string UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public string Branch => User?.FindFirstValue(Security.CredentialPrincipal.BranchClaim) ?? string.Empty;

    public bool IsIn(string role) => User?.IsInRole(role) == true;

    public void Start(ClaimsPrincipal user, IPAddress? remoteAddress)
    {
        User = user.Identity?.IsAuthenticated == true ? user : null;
        RemoteAddress ??= remoteAddress;
        Touch();
    }

    public void Touch() => Interlocked.Exchange(ref _lastActivityTicks, clock.GetUtcNow().UtcTicks);

    public bool IsIdle => clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastActivityTicks) > options.Value.IdleTimeout.Ticks;

    public void End() => User = null;
}
