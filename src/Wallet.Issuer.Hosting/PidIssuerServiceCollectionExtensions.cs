using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;
using Wallet.Core.StatusList;
using Wallet.Hosting.Database;
using Wallet.Issuer.Authentication;
using Wallet.Issuer.Endpoints;
using Wallet.Issuer.Health;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Protocol;
using Wallet.Issuer.Signing;
using Wallet.Issuer.Stores;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer;

/// <summary>Registers the PID issuer (OpenID4VCI 1.0 credential issuer and authorization server) in any ASP.NET Core host.</summary>
public static class PidIssuerServiceCollectionExtensions
{
    /// <summary>Adds the issuer (see <see cref="AddPidIssuer(IServiceCollection)"/>) and configures its options.</summary>
    public static PidIssuerBuilder AddPidIssuer(this IServiceCollection services, Action<IssuerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddPidIssuer().Configure(configure);
    }

    /// <summary>
    /// Adds the issuer's services: options (validated at start-up), SQLite stores, keys, the authentic source and the
    /// protocol handlers. Replace the stores, the keys, the authentic source and the login through the returned
    /// builder's <c>Use…</c> methods (a host's own registration made before this call is kept as well).
    /// </summary>
    public static PidIssuerBuilder AddPidIssuer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var composition = services.FirstOrDefault(d => d.ServiceType == typeof(IssuerComposition))?.ImplementationInstance as IssuerComposition;
        if (composition is not null)
        {
            // Added before: the defaults are in place, and registrations of the seams since then are the builder's.
            return new PidIssuerBuilder(services, composition);
        }

        composition = new IssuerComposition
        {
            HostKeys = IsRegistered<IIssuerKeys>(services),
            HostRegister = IsRegistered<IAuthenticSource>(services),
            HostLogin = IsRegistered<IUserAuthentication>(services),
            HostStores = IsRegistered<IOfferStore>(services),
        };
        services.AddSingleton(composition);
        services.AddOptions<IssuerOptions>().ValidateOnStart();
        services.AddOptions<Wallet.Hosting.ErrorDocumentationOptions>().BindConfiguration(Wallet.Hosting.ErrorDocumentationOptions.SectionName);
        services.AddSingleton<IPostConfigureOptions<IssuerOptions>, IssuerOptionsDefaults>();
        services.AddSingleton<IValidateOptions<IssuerOptions>, IssuerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        AddDatabase(services, composition);
        services.TryAddSingleton<IOfferStore, EfOfferStore>();
        services.TryAddSingleton<INonceStore, EfNonceStore>();
        services.TryAddSingleton<IAccessTokenStore, EfAccessTokenStore>();
        services.TryAddSingleton<IRefreshTokenStore, EfRefreshTokenStore>();
        services.TryAddSingleton<IIssuedCredentialStore, EfIssuedCredentialStore>();
        services.TryAddSingleton<IDeferredIssuanceStore, EfDeferredIssuanceStore>();
        services.TryAddSingleton<IDpopReplayCache, EfDpopReplayCache>();
        services.TryAddSingleton<IStatusListStore, EfStatusListStore>();
        services.TryAddSingleton<EfAuthorizationStores>();
        services.TryAddSingleton<IPushedAuthorizationRequestStore>(provider => provider.GetRequiredService<EfAuthorizationStores>());
        services.TryAddSingleton<IAuthorizationCodeStore>(provider => provider.GetRequiredService<EfAuthorizationStores>());
        services.TryAddSingleton<IIssuerKeys>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<IssuerOptions>>();
            var clock = provider.GetRequiredService<TimeProvider>();
            return options.Value.Keys.IsConfigured ? ConfiguredIssuerKeys.Load(options, clock) : new FileSystemIssuerKeys(options, clock);
        });
        services.TryAddSingleton<ICredentialRequestDecryptionKeys, FileSystemRequestDecryptionKeys>();
        services.TryAddSingleton<IAuthenticSource, SqlitePersonRegister>();
        services.TryAddSingleton<IExpiredStateSweeper, EfExpiredStateSweeper>();
        services.TryAddSingleton<IAuditTrail, EfAuditTrail>();
        // First of all hosted services: data protection warms its key ring at start from the database's
        // DataProtectionKeys table, which must exist by then (hosted services start in registration order).
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DatabaseInitializer)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseInitializer>());
        }

        services.AddHostedService<ExpiredStateSweepService>();
        services.AddHostedService<IssuerUrlListenCheck>();

        services.AddSingleton<IssuerEndpoints>();
        services.AddSingleton<DpopNonceService>();
        services.AddSingleton<WalletAttestationTrust>();
        services.AddSingleton<MetadataDocuments>();
        services.AddSingleton<CredentialMessageEnvelope>();
        services.AddSingleton<StatusListProvider>();
        services.AddSingleton<CredentialFactory>();
        services.AddSingleton<SubjectResolver>();
        services.AddSingleton<NonceHandler>();
        services.AddSingleton<OfferService>();
        services.AddSingleton<CredentialStatusService>();
        services.AddSingleton<Representation.RepresentationRegister>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<TokenRequestHandler>();
        services.AddSingleton<AuthorizationHandler>();
        services.AddSingleton<IAuthorizationCompletion, AuthorizationCompletion>();
        services.AddSingleton<CredentialRequestOutcomeWriter>();
        services.AddSingleton<CredentialRequestUnits>();
        services.AddSingleton<CredentialRequestHandler>();
        services.AddSingleton<CredentialIssuance>();
        services.AddSingleton<DeferredCredentialRequestHandler>();
        services.AddSingleton<DeferredIssuanceService>();
        services.AddSingleton<ResourceAccess>();
        services.AddSingleton<NotificationHandler>();
        services.TryAddSingleton<Wallet.Hosting.Statistics.UsageCounter<IssuerDbContext>>();
        services.AddSingleton<Statistics.IssuerStatistics>();
        services.AddMetrics();
        services.TryAddSingleton<Statistics.IssuerMetrics>();
        services.AddProblemDetails();
        IssuerHealthChecks.Add(services);
        IssuerRateLimits.Add(services);
        AddUserAuthentication(services);

        // The agency API is documented; the protocol endpoints are described by their specifications and metadata.
        services.AddOpenApi(AgencyApiEndpoints.OpenApiDocument, options => options.ShouldInclude = description => description.GroupName == AgencyApiEndpoints.OpenApiDocument);
        return new PidIssuerBuilder(services, composition);
    }

    // Both providers' factories are registered; IssuerDbContextFactory picks the configured one when first asked.
    private static void AddDatabase(IServiceCollection services, IssuerComposition composition)
    {
        services.AddDbContextFactory<SqliteIssuerDbContext>((provider, builder) =>
        {
            var options = provider.GetRequiredService<IOptions<IssuerOptions>>().Value;
            RelationalDatabase.UseSqlite(builder, options.Database, options.DataDirectory, "issuer.db");
        });
        services.AddDbContextFactory<PostgreSqlIssuerDbContext>((provider, builder) => RelationalDatabase.UsePostgreSql(builder, provider.GetRequiredService<IOptions<IssuerOptions>>().Value.Database));
        services.TryAddSingleton<IssuerDbContextFactory>();
        services.TryAddSingleton<IDbContextFactory<IssuerDbContext>>(provider => provider.GetRequiredService<IssuerDbContextFactory>());
        services.TryAddScoped<IssuerDbContext>(provider => provider.GetRequiredService<IssuerDbContextFactory>().CreateDbContext());

        // SQLite takes one writer at a time: the stores queue their writes in process. PostgreSQL locks rows and is shared
        // by the instances, so writes go straight to it; a host may register its own IIssuerDatabaseWrites before this call.
        services.TryAddSingleton<IIssuerDatabaseWrites>(provider =>
        {
            var contexts = provider.GetRequiredService<IssuerDbContextFactory>();
            return contexts.IsSqlite ? new SqliteWriteQueue(contexts) : new DirectDatabaseWrites(contexts);
        });

        // The data-protection key ring (cookies, antiforgery tokens, server DPoP nonces) lives in the issuer's database, so
        // every instance on it reads what another protected. Not when the host keeps the state elsewhere (UseStores).
        services.AddDataProtection();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            if (options.XmlRepository is null && !composition.HostStores)
            {
                options.XmlRepository = new EntityFrameworkCoreXmlRepository<IssuerDbContext>(provider, provider.GetRequiredService<ILoggerFactory>());
            }
        }));
    }

    private static bool IsRegistered<TService>(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(TService));

    private static void AddUserAuthentication(IServiceCollection services)
    {
        services.TryAddSingleton<DevelopmentLogin>(provider => new DevelopmentLogin((SqlitePersonRegister)provider.GetRequiredService<IAuthenticSource>(), provider.GetRequiredService<IssuerEndpoints>(), provider.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>()));

        // The development login's forms; X-Frame-Options comes with the other security headers (SecurityHeaders).
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "issuer-antiforgery";
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.TryAddSingleton<UpstreamOpenIdConnectLogin>();

        // Null when neither is configured: the authorization endpoint then refuses. A host may register its own first.
        services.TryAddSingleton<IUserAuthentication>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<IssuerOptions>>().Value;
            if (options.Upstream.IsConfigured)
            {
                return provider.GetRequiredService<UpstreamOpenIdConnectLogin>();
            }

            return options.EnableDevelopmentLogin && provider.GetService<IAuthenticSource>() is SqlitePersonRegister
                ? provider.GetRequiredService<DevelopmentLogin>()
                : null!;
        });

        // The schemes are always registered: whether an upstream provider is configured is only known once the
        // options are read, after registration. Unconfigured, the handler gets a placeholder configuration and
        // refuses its callback (UpstreamOpenIdConnectOptionsSetup).
        services.AddAuthentication()
            .AddCookie(UpstreamOpenIdConnectLogin.CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "__Host-issuer-upstream";
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.HttpOnly = true;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                cookie.SlidingExpiration = false;
            })
            .AddOpenIdConnect(UpstreamOpenIdConnectLogin.Scheme, _ => { });
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, UpstreamOpenIdConnectOptionsSetup>();
    }
}
