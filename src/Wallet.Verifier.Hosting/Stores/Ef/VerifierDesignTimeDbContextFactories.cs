using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Wallet.Verifier.Stores.Ef;

// For the dotnet-ef tool only (bash .ci/add-migration, specs/database.md): `migrations add` needs no connection;
// `database update` and `migrations script` read Verifier__Database__ConnectionString.

/// <summary>Design-time SQLite context.</summary>
internal sealed class SqliteVerifierDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteVerifierDbContext>
{
    public SqliteVerifierDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVerifierDbContext>().UseSqlite(Environment.GetEnvironmentVariable("Verifier__Database__ConnectionString") ?? "Data Source=verifier.db").Options);
}

/// <summary>Design-time PostgreSQL context.</summary>
internal sealed class PostgreSqlVerifierDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgreSqlVerifierDbContext>
{
    public PostgreSqlVerifierDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlVerifierDbContext>().UseNpgsql(Environment.GetEnvironmentVariable("Verifier__Database__ConnectionString") ?? "Host=localhost;Database=verifier").Options);
}
