using Npgsql;

namespace Wallet.Cli.Tests;

/// <summary>
/// The <c>postgres</c> service of <c>deploy/compose.yaml</c>, played by the CI's throw-away cluster: initialised once as the
/// postgres image initialises an empty volume (the <c>POSTGRES_USER</c> role, the <c>POSTGRES_DB</c> database, then the
/// mounted <c>deploy/postgres-init.sql</c> as that user), so a service's compose connection string only needs its host
/// and port pointed at the cluster.
/// </summary>
internal static class ComposePostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _initialised;

    /// <summary><paramref name="composeConnectionString"/> with <c>Host=postgres;Port=5432</c> replaced by the cluster's address.</summary>
    public static async Task<string> ConnectionStringAsync(string root, IReadOnlyDictionary<string, string> postgresEnvironment, string composeConnectionString)
    {
        var cluster = await PostgreSqlCluster.SharedAsync();
        var user = postgresEnvironment["POSTGRES_USER"];
        await Gate.WaitAsync();
        try
        {
            if (!_initialised)
            {
                await ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE ROLE \"{user}\" LOGIN SUPERUSER");
                await ExecuteAsync(cluster.ConnectionString("postgres"), $"CREATE DATABASE \"{postgresEnvironment["POSTGRES_DB"]}\" OWNER \"{user}\"");
                var asUser = new NpgsqlConnectionStringBuilder(cluster.ConnectionString(postgresEnvironment["POSTGRES_DB"])) { Username = user }.ConnectionString;
                foreach (var statement in Statements(await File.ReadAllTextAsync(Path.Combine(root, "deploy", "postgres-init.sql"))))
                {
                    // One statement per command: CREATE DATABASE may not run inside the implicit transaction of a batch.
                    await ExecuteAsync(asUser, statement);
                }

                _initialised = true;
            }
        }
        finally
        {
            Gate.Release();
        }

        return new NpgsqlConnectionStringBuilder(composeConnectionString) { Host = "127.0.0.1", Port = cluster.Port }.ConnectionString;
    }

    /// <summary>How many migrations the service recorded in its database: proof that it ran on PostgreSQL.</summary>
    public static async Task<long> AppliedMigrationsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static IEnumerable<string> Statements(string script) =>
        string.Join('\n', script.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .Split(';')
            .Select(s => s.Trim())
            .Where(s => s.Length > 0);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
