namespace Wallet.Hosting.Database;

/// <summary>
/// Where a service keeps its state (section <c>Database</c> of the service's section, e.g. <c>Issuer__Database__Provider</c>);
/// specs/database.md.
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary>The database engine; <see cref="DatabaseProvider.Sqlite"/> by default.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string: required for <see cref="DatabaseProvider.PostgreSql"/> (e.g.
    /// <c>Host=db;Database=issuer;Username=issuer;Password=…</c>); for <see cref="DatabaseProvider.Sqlite"/> it replaces the
    /// file in the data folder when set.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending schema migrations at start-up (default true). Set false where the schema is changed by a separate,
    /// privileged step (<c>dotnet ef database update</c> or an SQL script, specs/database.md) and the service's database user
    /// may not change it.
    /// </summary>
    public bool ApplyMigrations { get; set; } = true;
}
