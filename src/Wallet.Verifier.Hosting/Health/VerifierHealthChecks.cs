using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Wallet.Hosting.Health;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Stores.Ef;

namespace Wallet.Verifier.Health;

/// <summary>
/// Adds the Verifier's readiness checks once the registrations are final (<c>UseStores</c> may come after
/// <c>AddVerifier()</c>): the database only while the Verifier's own stores are used (a host's stores bring their own
/// check), the request-signing key always.
/// </summary>
internal sealed class VerifierHealthChecks(IServiceProvider services) : IConfigureOptions<HealthCheckServiceOptions>
{
    public static void Add(IServiceCollection services)
    {
        services.AddHealthChecks();
        // Once, however often the service is added.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, VerifierHealthChecks>());
    }

    public void Configure(HealthCheckServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (services.GetService<ITransactionStore>() is EfVerifierStore)
        {
            options.Registrations.Add(new HealthCheckRegistration(VerifierDatabaseHealthCheck.Name, provider => ActivatorUtilities.CreateInstance<VerifierDatabaseHealthCheck>(provider), HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag]));
        }

        // Dead-lettered webhook deliveries degrade, never fail, readiness: the results themselves are still served.
        options.Registrations.Add(new HealthCheckRegistration(Webhooks.WebhookDeadLetterHealthCheck.Name, provider => ActivatorUtilities.CreateInstance<Webhooks.WebhookDeadLetterHealthCheck>(provider), HealthStatus.Degraded, [HealthEndpoints.ReadyTag]));
        options.Registrations.Add(new HealthCheckRegistration(RequestSigningKeyHealthCheck.Name, provider => ActivatorUtilities.CreateInstance<RequestSigningKeyHealthCheck>(provider), HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag]));
    }
}
