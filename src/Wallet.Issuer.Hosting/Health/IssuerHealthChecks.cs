using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Wallet.Hosting.Health;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Health;

/// <summary>
/// Adds the issuer's readiness checks once the composition is final (a <c>Use…</c> call may come after
/// <c>AddPidIssuer()</c>): the database only while the issuer's own database is used (a host's stores bring their own
/// check), the signing keys always.
/// </summary>
internal sealed class IssuerHealthChecks(IssuerComposition composition) : IConfigureOptions<HealthCheckServiceOptions>
{
    public static void Add(IServiceCollection services)
    {
        services.AddHealthChecks();
        // Once, however often the service is added.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, IssuerHealthChecks>());
    }

    public void Configure(HealthCheckServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (composition.UsesDatabase)
        {
            options.Registrations.Add(new HealthCheckRegistration(IssuerDatabaseHealthCheck.Name, provider => ActivatorUtilities.CreateInstance<IssuerDatabaseHealthCheck>(provider), HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag]));
        }

        options.Registrations.Add(new HealthCheckRegistration(IssuerSigningKeysHealthCheck.Name, provider => ActivatorUtilities.CreateInstance<IssuerSigningKeysHealthCheck>(provider), HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag]));
    }
}
