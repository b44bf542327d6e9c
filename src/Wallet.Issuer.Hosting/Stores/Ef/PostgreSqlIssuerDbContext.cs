using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>The issuer's database on PostgreSQL, with the migrations under <c>Migrations/PostgreSql</c>.</summary>
internal sealed class PostgreSqlIssuerDbContext(DbContextOptions<PostgreSqlIssuerDbContext> options) : IssuerDbContext(options);
