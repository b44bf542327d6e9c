using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wallet.Core.OAuth;
using Wallet.Core.StatusList;
using Wallet.Hosting.Database;
using Wallet.Issuer.Stores;
using Wallet.Issuer.Stores.Ef;

namespace Wallet.Issuer.Tests;

/// <summary>
/// The issuer's stores on one database as an instance of the service sees them: its own service provider, the start-up
/// migration run. Two of these on one PostgreSQL database are two instances.
/// </summary>
internal sealed class IssuerDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private IssuerDatabase(ServiceProvider services) => _services = services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public IOfferStore Offers => Get<IOfferStore>();

    public INonceStore Nonces => Get<INonceStore>();

    public IDpopReplayCache DpopProofs => Get<IDpopReplayCache>();

    public IPushedAuthorizationRequestStore PushedRequests => Get<IPushedAuthorizationRequestStore>();

    public IAuthorizationCodeStore AuthorizationCodes => Get<IAuthorizationCodeStore>();

    public IStatusListStore StatusLists => Get<IStatusListStore>();

    public IIssuedCredentialStore IssuedCredentials => Get<IIssuedCredentialStore>();

    public static async Task<(string DataDirectory, string? ConnectionString)> NewAsync(DatabaseProvider provider)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"issuer-db-tests-{Guid.NewGuid():N}");
        var connectionString = provider == DatabaseProvider.PostgreSql ? await (await PostgreSqlCluster.SharedAsync()).CreateDatabaseAsync() : null;
        return (dataDirectory, connectionString);
    }

    public static async Task<IssuerDatabase> OpenAsync(DatabaseProvider provider, string dataDirectory, string? connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.ClearProviders());
        services.AddPidIssuer(o =>
        {
            o.IssuerUrl = IssuerFactory.IssuerUrl;
            o.DataDirectory = dataDirectory;
            o.GenerateDevelopmentKeys = true;
            o.RequireWalletAttestation = false;
            o.Database.Provider = provider;
            o.Database.ConnectionString = connectionString;
        });
        var provided = services.BuildServiceProvider();
        // Only the database step of the start-up: the other hosted services want a web server.
        await ActivatorUtilities.CreateInstance<DatabaseInitializer>(provided).StartAsync(CancellationToken.None);

        return new IssuerDatabase(provided);
    }

    public static AuthorizationGrantRecord Grant(DateTimeOffset expiresAt) =>
        new("wallet", "https://wallet.example/cb", "challenge", ["eu.europa.ec.eudi.pid_vc_sd_jwt"], false, "state", null, expiresAt);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
