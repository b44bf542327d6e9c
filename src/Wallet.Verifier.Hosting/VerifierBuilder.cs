using Wallet.Verifier.Options;

namespace Wallet.Verifier;

/// <summary>
/// Returned by <see cref="VerifierServiceCollectionExtensions.AddVerifier(IServiceCollection)"/>: configures the Verifier
/// and replaces its parts (the trust source, the status checker, the stores) with the host's own. Every <c>Use…</c> call
/// replaces the embedded default it names; what is not replaced keeps the default.
/// </summary>
public sealed class VerifierBuilder
{
    internal VerifierBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's service collection, for registrations the builder has no method for.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a configuration step for <see cref="VerifierOptions"/>; steps run in the order they were added.</summary>
    public VerifierBuilder Configure(Action<VerifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<VerifierOptions>().Configure(configure);
        return this;
    }

    /// <summary>Binds <see cref="VerifierOptions"/> to <paramref name="configuration"/> (the <c>Verifier</c> section).</summary>
    public VerifierBuilder Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Services.AddOptions<VerifierOptions>().Bind(configuration);
        return this;
    }
}
