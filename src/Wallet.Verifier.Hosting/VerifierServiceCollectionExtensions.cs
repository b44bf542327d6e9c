using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;
using Wallet.Core.Verification;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.Health;
using Wallet.Verifier.LiveResults;
using Wallet.Verifier.Options;
using Wallet.Verifier.Page;
using Wallet.Verifier.Signing;
using Wallet.Verifier.Stores;
using Wallet.Hosting.Database;
using Wallet.Verifier.Stores.Ef;
using Wallet.Verifier.Transactions;
using Wallet.Verifier.Validation;
using Wallet.Verifier.Webhooks;

namespace Wallet.Verifier;

/// <summary>Registers the OpenID4VP Verifier.</summary>
public static class VerifierServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> that fetches Status List Tokens.</summary>
    internal const string StatusListHttpClient = "Wallet.Verifier.StatusList";

    /// <summary>The name of the <see cref="HttpClient"/> that retrieves SD-JWT VC Type Metadata.</summary>
    internal const string TypeMetadataHttpClient = "Wallet.Verifier.TypeMetadata";

    /// <summary>The longest one Status List Token fetch may take.</summary>
    internal static readonly TimeSpan StatusListTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Adds the Verifier configured from <paramref name="configuration"/> (the <c>Verifier</c> section) and then <paramref name="configure"/>.</summary>
    public static VerifierBuilder AddVerifier(this IServiceCollection services, IConfiguration configuration, Action<VerifierOptions>? configure = null)
    {
        var builder = services.AddVerifier().Bind(configuration);
        return configure is null ? builder : builder.Configure(configure);
    }

    /// <summary>Adds the Verifier configured in code.</summary>
    public static VerifierBuilder AddVerifier(this IServiceCollection services, Action<VerifierOptions> configure) => services.AddVerifier().Configure(configure);

    private static Wallet.Core.TypeMetadata.TypeMetadataProcessor? TypeMetadataProcessorFor(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<VerifierOptions>>().Value.TypeMetadata;
        if (!options.Enabled)
        {
            return null;
        }

        var timeProvider = provider.GetRequiredService<TimeProvider>();
        var http = new Wallet.Core.TypeMetadata.HttpTypeMetadataSource(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(TypeMetadataHttpClient),
            timeProvider,
            new Wallet.Core.TypeMetadata.HttpTypeMetadataSourceOptions
            {
                Registry = options.RegistryUrl is null ? null : new Uri(options.RegistryUrl),
                MaxResponseBytes = options.MaxDocumentBytes,
                Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
                AllowHttpForLoopback = options.AllowHttpOnLoopback,
            });
        return new Wallet.Core.TypeMetadata.TypeMetadataProcessor(
            [new Validation.CachedTypeMetadataSource(http, timeProvider, TimeSpan.FromSeconds(options.CacheSeconds), options.MaxCachedDocuments)]);
    }

    /// <summary>
    /// Adds the Verifier's services: options (validated at start-up), the stores (SQLite or PostgreSQL), request signing, the credential
    /// verifiers and the relying-party page. Configure it and replace its parts through the returned builder.
    /// </summary>
    public static VerifierBuilder AddVerifier(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<VerifierOptions>().ValidateOnStart();
        services.AddOptions<Wallet.Hosting.ErrorDocumentationOptions>().BindConfiguration(Wallet.Hosting.ErrorDocumentationOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerifierOptions>, VerifierOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(StatusListHttpClient, client => client.Timeout = StatusListTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
                StatusListTlsTrust.TrustAdditionally(handler, StatusListTlsTrust.Load(provider.GetRequiredService<IOptions<VerifierOptions>>().Value.StatusListTlsRoots));
                return handler;
            });
        // No redirects: a registry answers at its own URL (§4.3.2); the source's own timeout bounds each retrieval.
        services.AddHttpClient(TypeMetadataHttpClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        AddDatabase(services);
        services.TryAddSingleton<RequestSigningCredentials>();
        services.TryAddSingleton<RelyingPartyDirectory>();

        // Verification is built by Wallet.Core's one composition point. The host's trust source and status checker
        // (VerifierBuilder.UseTrustSource / UseStatusChecker) take the place of the configured files and of fetching.
        services.AddCredentialVerification(
            provider => new CredentialVerificationOptions
            {
                TrustAnchors = provider.GetService<ITrustAnchorSource>() ?? ConfiguredTrustAnchors.Load(provider.GetRequiredService<IOptions<VerifierOptions>>().Value),
                StatusChecker = provider.GetService<ITokenStatusChecker>(),
                StatusListFetching = new HttpTokenStatusCheckerOptions { AllowHttpForLoopback = provider.GetRequiredService<IOptions<VerifierOptions>>().Value.AllowHttpStatusListOnLoopback },
                TypeMetadata = TypeMetadataProcessorFor(provider),
                RequireTypeMetadata = provider.GetRequiredService<IOptions<VerifierOptions>>().Value.TypeMetadata is { Enabled: true, Required: true },
            },
            provider => provider.GetRequiredService<IHttpClientFactory>().CreateClient(StatusListHttpClient));
        services.TryAddSingleton<IPresentationValidator>(p => new PresentationValidator(p.GetRequiredService<CredentialVerifiers>().SdJwtVc, p.GetRequiredService<CredentialVerifiers>().Mdoc));
        services.TryAddSingleton<TransactionUris>();
        services.TryAddSingleton<TransactionJournal>();
        services.TryAddSingleton<ITransactionChangeNotifier, InProcessTransactionChangeNotifier>();
        services.TryAddSingleton<LiveResultStreamLimiter>();
        services.TryAddSingleton<LiveResultStream>();
        services.TryAddSingleton<WebhookSignal>();
        services.TryAddSingleton<WebhookScheduler>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = WebhookDispatcher.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<TransactionStateWriter>();
        services.TryAddSingleton<PresentationCreator>();
        services.TryAddSingleton<Wallet.Hosting.Statistics.UsageCounter<VerifierDbContext>>();
        services.TryAddSingleton<Statistics.VerifierStatistics>();
        services.AddMetrics();
        services.TryAddSingleton<Statistics.VerifierMetrics>();
        services.TryAddSingleton<RequestObjectProvider>();
        services.TryAddSingleton<WalletResponseReceiver>();
        services.TryAddSingleton<PresentationResultReader>();
        services.TryAddSingleton<AgeChecks.AgeCheckReader>();
        services.TryAddSingleton<Representation.RepresentationCheckReader>();
        services.TryAddSingleton<InterruptedResponseRecovery>();
        services.AddSingleton<ApiKeyFilter>();
        services.TryAddSingleton<DemoPageRateLimiter>();
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<VerifierStartup>();
        services.AddHostedService<TransactionPurger>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddProblemDetails();
        VerifierHealthChecks.Add(services);
        VerifierRateLimits.Add(services);
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        return new VerifierBuilder(services);
    }

    // Both providers' factories are registered; VerifierDbContextFactory picks the configured one when first asked.
    private static void AddDatabase(IServiceCollection services)
    {
        services.AddDbContextFactory<SqliteVerifierDbContext>((provider, db) =>
        {
            var options = provider.GetRequiredService<IOptions<VerifierOptions>>().Value;
            RelationalDatabase.UseSqlite(db, options.Database, options.DataDirectory, "verifier.db");
        });
        services.AddDbContextFactory<PostgreSqlVerifierDbContext>((provider, db) => RelationalDatabase.UsePostgreSql(db, provider.GetRequiredService<IOptions<VerifierOptions>>().Value.Database));
        services.TryAddSingleton<VerifierDbContextFactory>();
        services.TryAddSingleton<IDbContextFactory<VerifierDbContext>>(p => p.GetRequiredService<VerifierDbContextFactory>());
        services.TryAddSingleton<EfVerifierStore>();
        services.TryAddSingleton<ITransactionStore>(p => p.GetRequiredService<EfVerifierStore>());
        services.TryAddSingleton<ITransactionEventLog>(p => p.GetRequiredService<EfVerifierStore>());
        services.TryAddSingleton<INonceStore>(p => p.GetRequiredService<EfVerifierStore>());
        services.TryAddSingleton<IEphemeralKeyStore>(p => p.GetRequiredService<EfVerifierStore>());
        services.TryAddSingleton<IWebhookOutbox>(p => p.GetRequiredService<EfVerifierStore>());
    }
}
