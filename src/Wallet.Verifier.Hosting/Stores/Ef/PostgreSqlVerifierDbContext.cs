using Microsoft.EntityFrameworkCore;

namespace Wallet.Verifier.Stores.Ef;

/// <summary>The Verifier's database on PostgreSQL, with the migrations under <c>Migrations/PostgreSql</c>.</summary>
internal sealed class PostgreSqlVerifierDbContext(DbContextOptions<PostgreSqlVerifierDbContext> options) : VerifierDbContext(options);
