using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Wallet.Core.StatusList;
using Wallet.Core.Storage;
using Wallet.Core.Trust;
using Wallet.Core.Verification;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.Health;
using Wallet.Verifier.Options;
using Wallet.Verifier.Page;
using Wallet.Verifier.Signing;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Stores.Sqlite;
using Wallet.Verifier.Transactions;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier;

/// <summary>Registers the OpenID4VP Verifier.</summary>
public static class VerifierServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> that fetches Status List Tokens.</summary>
    internal const string StatusListHttpClient = "Wallet.Verifier.StatusList";

    /// <summary>Adds the Verifier configured from <paramref name="configuration"/> (the <c>Verifier</c> section) and then <paramref name="configure"/>.</summary>
    public static VerifierBuilder AddVerifier(this IServiceCollection services, IConfiguration configuration, Action<VerifierOptions>? configure = null)
    {
        var builder = services.AddVerifier().Bind(configuration);
        return configure is null ? builder : builder.Configure(configure);
    }

    /// <summary>Adds the Verifier configured in code.</summary>
    public static VerifierBuilder AddVerifier(this IServiceCollection services, Action<VerifierOptions> configure) => services.AddVerifier().Configure(configure);

    /// <summary>
    /// Adds the Verifier's services: options (validated at start-up), the SQLite stores, request signing, the credential
    /// verifiers and the relying-party page. Configure it and replace its parts through the returned builder.
    /// </summary>
    public static VerifierBuilder AddVerifier(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<VerifierOptions>().ValidateOnStart();
        services.AddOptions<Wallet.Hosting.ErrorDocumentationOptions>().BindConfiguration(Wallet.Hosting.ErrorDocumentationOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerifierOptions>, VerifierOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(StatusListHttpClient, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
                StatusListTlsTrust.TrustAdditionally(handler, StatusListTlsTrust.Load(provider.GetRequiredService<IOptions<VerifierOptions>>().Value.StatusListTlsRoots));
                return handler;
            });
        services.AddDbContextFactory<VerifierDbContext>((provider, db) =>
        {
            var options = provider.GetRequiredService<IOptions<VerifierOptions>>().Value;
            var database = Path.Combine(options.DataDirectory, "verifier.db");
            PrivateFiles.PrepareSqliteDatabase(database);
            db.UseSqlite($"Data Source={database}");
        });
        services.TryAddSingleton<SqliteVerifierStore>();
        services.TryAddSingleton<ITransactionStore>(p => p.GetRequiredService<SqliteVerifierStore>());
        services.TryAddSingleton<ITransactionEventLog>(p => p.GetRequiredService<SqliteVerifierStore>());
        services.TryAddSingleton<INonceStore>(p => p.GetRequiredService<SqliteVerifierStore>());
        services.TryAddSingleton<IEphemeralKeyStore>(p => p.GetRequiredService<SqliteVerifierStore>());
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
            },
            provider => provider.GetRequiredService<IHttpClientFactory>().CreateClient(StatusListHttpClient));
        services.TryAddSingleton<IPresentationValidator>(p => new PresentationValidator(p.GetRequiredService<CredentialVerifiers>().SdJwtVc, p.GetRequiredService<CredentialVerifiers>().Mdoc));
        services.TryAddSingleton<TransactionUris>();
        services.TryAddSingleton<TransactionJournal>();
        services.TryAddSingleton<TransactionStateWriter>();
        services.TryAddSingleton<PresentationCreator>();
        services.TryAddSingleton<RequestObjectProvider>();
        services.TryAddSingleton<WalletResponseReceiver>();
        services.TryAddSingleton<PresentationResultReader>();
        services.TryAddSingleton<InterruptedResponseRecovery>();
        services.AddSingleton<ApiKeyFilter>();
        services.TryAddSingleton<DemoPageRateLimiter>();
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<VerifierStartup>();
        services.AddHostedService<TransactionPurger>();
        services.AddProblemDetails();
        VerifierHealthChecks.Add(services);
        VerifierRateLimits.Add(services);
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        return new VerifierBuilder(services);
    }
}
