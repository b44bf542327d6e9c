using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>The issuer's database on SQLite, with the migrations under <c>Migrations/Sqlite</c>.</summary>
internal sealed class SqliteIssuerDbContext(DbContextOptions<SqliteIssuerDbContext> options) : IssuerDbContext(options);
