using Microsoft.Extensions.Diagnostics.HealthChecks;
using SealMatch.Data;

namespace SealMatch.Server.Hosting;

/// <summary>Healthy while the database answers.</summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        SealMatchDbContext db = scope.ServiceProvider.GetRequiredService<SealMatchDbContext>();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}
