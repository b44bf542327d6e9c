namespace Wallet.Hosting.Database;

/// <summary>The database a service keeps its state in (<c>Issuer:Database:Provider</c>, <c>Verifier:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file in the service's data folder: one instance, nothing to install (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by any number of instances of the service.</summary>
    PostgreSql,
}
