using Microsoft.Extensions.DependencyInjection.Extensions;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;
using Wallet.Verifier.Options;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Stores.Ef;

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

    /// <summary>
    /// Keeps the Verifier's state in <typeparamref name="TStores"/> (a singleton) instead of the embedded SQLite database: the
    /// transactions, the request nonces, the ephemeral response keys and the event log. The SQLite store and the start-up step
    /// that creates its database are removed, so nothing is written to <c>verifier.db</c>; the start-up recovery of
    /// interrupted responses runs against the host's stores. Webhook deliveries are then kept in memory, so those pending at
    /// a restart are lost.
    /// </summary>
    public VerifierBuilder UseStores<TStores>()
        where TStores : class, IVerifierStores
    {
        Services.RemoveAll<TStores>();
        Services.AddSingleton<TStores>();
        return UseStores(provider => provider.GetRequiredService<TStores>());
    }

    /// <summary>Keeps the Verifier's state in the stores <paramref name="factory"/> creates (once, as a singleton); see <see cref="UseStores{TStores}()"/>.</summary>
    public VerifierBuilder UseStores(Func<IServiceProvider, IVerifierStores> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<EfVerifierStore>();

        // The usage counters live in the Verifier database; a host with its own stores has none, so nothing is counted.
        Services.RemoveAll<Wallet.Hosting.Statistics.UsageCounter<VerifierDbContext>>();
        foreach (var initializer in Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DatabaseInitializer)).ToList())
        {
            Services.Remove(initializer);
        }

        Replace(factory);
        Replace(provider => provider.GetRequiredService<IVerifierStores>().Transactions);
        Replace(provider => provider.GetRequiredService<IVerifierStores>().Nonces);
        Replace(provider => provider.GetRequiredService<IVerifierStores>().EphemeralKeys);
        Replace(provider => provider.GetRequiredService<IVerifierStores>().Events);

        // The outbox lives in the Verifier database; with the host's stores, webhook deliveries are kept in memory only.
        Services.RemoveAll<Webhooks.IWebhookOutbox>();
        Services.AddSingleton<Webhooks.IWebhookOutbox, Webhooks.InMemoryWebhookOutbox>();
        return this;
    }

    /// <summary>
    /// Takes the trust anchors of credential issuers and status list signers from <typeparamref name="T"/> (a singleton)
    /// instead of the PEM files of <see cref="VerifierOptions.TrustAnchors"/>, which are then not required. The source is
    /// asked at every chain validation, so a source that refreshes a trusted list takes effect at once.
    /// </summary>
    public VerifierBuilder UseTrustSource<T>()
        where T : class, ITrustAnchorSource
    {
        Services.Replace(ServiceDescriptor.Singleton<ITrustAnchorSource, T>());
        return this;
    }

    /// <summary>
    /// Checks credential status with <typeparamref name="T"/> (a singleton) instead of fetching Token Status Lists over
    /// HTTP. It answers for SD-JWT VCs and mdocs alike and must fail closed: a status it cannot establish is an error.
    /// </summary>
    public VerifierBuilder UseStatusChecker<T>()
        where T : class, ITokenStatusChecker
    {
        Services.Replace(ServiceDescriptor.Singleton<ITokenStatusChecker, T>());
        return this;
    }

    /// <summary>
    /// Carries change notices for live results with <typeparamref name="T"/> (a singleton) instead of within this process
    /// only, e.g. over a message bus shared by several instances. Without it a stream still sees another instance's changes,
    /// at its next store poll (<see cref="LiveResults.LiveResultOptions.StorePollInterval"/>).
    /// </summary>
    public VerifierBuilder UseChangeNotifier<T>()
        where T : class, LiveResults.ITransactionChangeNotifier
    {
        Services.Replace(ServiceDescriptor.Singleton<LiveResults.ITransactionChangeNotifier, T>());
        return this;
    }

    // RemoveAll rather than TryAdd ordering: a Use… call wins whether it comes before or after other registrations.
    private void Replace<TService>(Func<IServiceProvider, TService> factory)
        where TService : class
    {
        Services.RemoveAll<TService>();
        Services.AddSingleton(factory);
    }
}
