using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wallet.Verifier.Stores.Ef;

namespace Wallet.Verifier.Health;

/// <summary>Ready only when the Verifier's database answers; registered only while the Verifier's own stores are used.</summary>
internal sealed class VerifierDatabaseHealthCheck(IDbContextFactory<VerifierDbContext> factory) : IHealthCheck
{
    public const string Name = "verifier-database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("The verifier database answers.")
            : HealthCheckResult.Unhealthy("The verifier database cannot be reached.");
    }
}
