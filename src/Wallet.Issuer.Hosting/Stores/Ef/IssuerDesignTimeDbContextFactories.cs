using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Wallet.Issuer.Stores.Ef;

// For the dotnet-ef tool only (bash .ci/add-migration, specs/database.md): `migrations add` needs no connection;
// `database update` and `migrations script` read Issuer__Database__ConnectionString.

/// <summary>Design-time SQLite context.</summary>
internal sealed class SqliteIssuerDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteIssuerDbContext>
{
    public SqliteIssuerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIssuerDbContext>().UseSqlite(Environment.GetEnvironmentVariable("Issuer__Database__ConnectionString") ?? "Data Source=issuer.db").Options);
}

/// <summary>Design-time PostgreSQL context.</summary>
internal sealed class PostgreSqlIssuerDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlIssuerDbContext>
{
    public PostgreSqlIssuerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlIssuerDbContext>().UseNpgsql(Environment.GetEnvironmentVariable("Issuer__Database__ConnectionString") ?? "Host=localhost;Database=issuer").Options);
}
