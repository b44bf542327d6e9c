using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Wallet.Core.Storage;

namespace Wallet.Hosting.Database;

/// <summary>
/// What the Issuer's and the Verifier's EF Core databases share: connecting to the configured provider, and bringing the
/// schema up to date, including databases created before migrations existed.
/// </summary>
internal static class RelationalDatabase
{
    // The EF Core version that wrote the migrations; recorded for a database adopted without running its first migration.
    private const string ProductVersion = "10.0.15";

    /// <summary>Adds to <paramref name="failures"/> what is wrong with the <c>Database</c> settings of <paramref name="section"/>.</summary>
    public static void Validate(DatabaseOptions options, string section, ICollection<string> failures)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{section}:Database:Provider must be Sqlite or PostgreSql.");
        }

        if (options.Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{section}:Database:ConnectionString is required when {section}:Database:Provider is PostgreSql (e.g. Host=db;Database={section.ToLowerInvariant()};Username=…;Password=…).");
        }
    }

    /// <summary>Connects to SQLite: the configured connection string, else <paramref name="fileName"/> in <paramref name="dataDirectory"/> (created private).</summary>
    public static void UseSqlite(DbContextOptionsBuilder builder, DatabaseOptions options, string dataDirectory, string fileName)
    {
        if (options.ConnectionString is { Length: > 0 } connectionString)
        {
            builder.UseSqlite(connectionString);
            return;
        }

        var database = Path.Combine(dataDirectory, fileName);
        PrivateFiles.PrepareSqliteDatabase(database);
        builder.UseSqlite($"Data Source={database}");
    }

    /// <summary>Connects to PostgreSQL with the configured connection string.</summary>
    public static void UsePostgreSql(DbContextOptionsBuilder builder, DatabaseOptions options) =>
        builder.UseNpgsql(options.ConnectionString ?? throw new InvalidOperationException("Database:ConnectionString is required for PostgreSql."));

    /// <summary>
    /// Applies the pending migrations. A SQLite database created by <c>EnsureCreated</c> (every version before migrations)
    /// already has the schema of <paramref name="baselineMigrationId"/> but no history: the history is created and that
    /// migration recorded as applied, so its data is kept and only later migrations run.
    /// </summary>
    /// <param name="db">A context of the database.</param>
    /// <param name="baselineMigrationId">The first migration, whose schema is what <c>EnsureCreated</c> made.</param>
    /// <param name="baselineTable">A table that the baseline creates, present in every database made before migrations.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    public static async Task MigrateAsync(DbContext db, string baselineMigrationId, string baselineTable, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            var history = db.GetService<IHistoryRepository>();
            if (!await history.ExistsAsync(cancellationToken).ConfigureAwait(false) && await SqliteTableExistsAsync(db, baselineTable, cancellationToken).ConfigureAwait(false))
            {
                await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken).ConfigureAwait(false);
                await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baselineMigrationId, ProductVersion)), cancellationToken).ConfigureAwait(false);
            }
        }

        // EF Core takes a database lock for the migration (PostgreSQL: on the history table), so instances starting together
        // apply each migration once.
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> SqliteTableExistsAsync(DbContext db, string table, CancellationToken cancellationToken)
    {
        var count = await db.Database
            .SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}")
            .SingleAsync(cancellationToken)
            .ConfigureAwait(false);
        return count > 0;
    }
}
