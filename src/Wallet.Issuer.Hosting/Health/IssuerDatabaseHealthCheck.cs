using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Health;

/// <summary>Ready only when the issuer's database answers; registered only while the issuer's own database is used.</summary>
internal sealed class IssuerDatabaseHealthCheck(IDbContextFactory<IssuerDbContext> factory) : IHealthCheck
{
    public const string Name = "issuer-database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("The issuer database answers.")
            : HealthCheckResult.Unhealthy("The issuer database cannot be reached.");
    }
}
