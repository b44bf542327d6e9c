using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wallet.Hosting.Database;
using Wallet.Verifier.Options;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Stores.Ef;

namespace Wallet.Verifier.Tests;

/// <summary>
/// The Verifier's stores on one database as an instance of the service sees them: its own service provider, the start-up
/// migration run. Two of these on one PostgreSQL database are two instances.
/// </summary>
internal sealed class VerifierDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private VerifierDatabase(ServiceProvider services) => _services = services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ITransactionStore Transactions => _services.GetRequiredService<ITransactionStore>();

    public INonceStore Nonces => _services.GetRequiredService<INonceStore>();

    public IEphemeralKeyStore Keys => _services.GetRequiredService<IEphemeralKeyStore>();

    public ITransactionEventLog Events => _services.GetRequiredService<ITransactionEventLog>();

    public VerifierDbContextFactory Contexts => _services.GetRequiredService<VerifierDbContextFactory>();

    /// <summary>A database of <paramref name="provider"/>: a new SQLite folder, or a new PostgreSQL database.</summary>
    public static async Task<(string DataDirectory, string? ConnectionString)> NewAsync(DatabaseProvider provider)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"verifier-db-tests-{Guid.NewGuid():N}");
        var connectionString = provider == DatabaseProvider.PostgreSql ? await (await PostgreSqlCluster.SharedAsync()).CreateDatabaseAsync() : null;
        return (dataDirectory, connectionString);
    }

    /// <summary>Starts an instance on the database (migrating it).</summary>
    public static async Task<VerifierDatabase> OpenAsync(DatabaseProvider provider, string dataDirectory, string? connectionString, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddLogging(l => l.ClearProviders());
        services.AddVerifier(o =>
        {
            o.PublicBaseUrl = new Uri(VerifierApp.PublicBaseUrl);
            o.DataDirectory = dataDirectory;
            o.TrustAnchors.Add($"{TestCredentials.RootPemPath}|high");
            o.RelyingParties.Add(new RelyingPartyOptions { Id = "rp1", ApiKeySha256 = VerifierApp.Sha256Hex(VerifierApp.ApiKey) });
            o.Database.Provider = provider;
            o.Database.ConnectionString = connectionString;
        });
        var provided = services.BuildServiceProvider();
        foreach (var initializer in provided.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }

        return new VerifierDatabase(provided);
    }

    public static TransactionRecord NewTransaction(DateTimeOffset now, string id, TransactionStatus status = TransactionStatus.RequestFetched) => new()
    {
        Id = id,
        RequestId = "req-" + id,
        RelyingPartyId = "rp1",
        CreatedAt = now,
        ExpiresAt = now.AddMinutes(5),
        Status = status,
        ResponseMode = "direct_post.jwt",
        RequestUriMethod = "post",
        ClientId = "x509_hash:abc",
        Nonce = "nonce-" + id,
        State = "state-" + id,
        DcqlQuery = "{}",
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
