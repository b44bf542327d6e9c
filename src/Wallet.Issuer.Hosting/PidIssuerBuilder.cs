using Wallet.Issuer.Options;

namespace Wallet.Issuer;

/// <summary>
/// Returned by <see cref="PidIssuerServiceCollectionExtensions.AddPidIssuer(IServiceCollection)"/>: configures the PID
/// issuer and replaces its parts (the authentic source, the signing keys, the user login, the stores) with the host's own.
/// Every <c>Use…</c> call replaces the embedded default it names; what is not replaced keeps the default.
/// </summary>
public sealed class PidIssuerBuilder
{
    internal PidIssuerBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's service collection, for registrations the builder has no method for.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a configuration step for <see cref="IssuerOptions"/>; steps run in the order they were added.</summary>
    public PidIssuerBuilder Configure(Action<IssuerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<IssuerOptions>().Configure(configure);
        return this;
    }
}
