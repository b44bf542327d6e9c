using Microsoft.EntityFrameworkCore;

namespace Wallet.Verifier.Stores.Ef;

/// <summary>The Verifier's database on SQLite, with the migrations under <c>Migrations/Sqlite</c>.</summary>
internal sealed class SqliteVerifierDbContext(DbContextOptions<SqliteVerifierDbContext> options) : VerifierDbContext(options);
