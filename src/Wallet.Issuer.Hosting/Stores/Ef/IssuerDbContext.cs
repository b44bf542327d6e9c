using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// The embedded SQLite store of all issuer state. Times are Unix seconds, because SQLite cannot compare
/// <see cref="DateTimeOffset"/> values in queries. Schema changes are not migrated yet: the database is created on
/// first run (<see cref="DatabaseInitializer"/>).
/// </summary>
public sealed class IssuerDbContext(DbContextOptions<IssuerDbContext> options) : DbContext(options)
{
    internal DbSet<OfferEntity> Offers => Set<OfferEntity>();

    internal DbSet<NonceEntity> Nonces => Set<NonceEntity>();

    internal DbSet<DpopProofEntity> DpopProofs => Set<DpopProofEntity>();

    internal DbSet<AccessTokenEntity> AccessTokens => Set<AccessTokenEntity>();

    internal DbSet<IssuedCredentialEntity> IssuedCredentials => Set<IssuedCredentialEntity>();

    internal DbSet<StatusListEntity> StatusLists => Set<StatusListEntity>();

    internal DbSet<AuthorizationGrantEntity> AuthorizationGrants => Set<AuthorizationGrantEntity>();

    internal DbSet<PersonEntity> Persons => Set<PersonEntity>();

    internal DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OfferEntity>(e =>
        {
            e.HasKey(o => o.OfferId);
            e.HasIndex(o => o.CodeHash).IsUnique();
        });
        modelBuilder.Entity<NonceEntity>().HasKey(n => n.Nonce);
        modelBuilder.Entity<DpopProofEntity>(e =>
        {
            e.HasKey(p => p.ProofId);
            e.HasIndex(p => p.ExpiresAt);
        });
        modelBuilder.Entity<AccessTokenEntity>().HasKey(t => t.TokenHash);
        modelBuilder.Entity<IssuedCredentialEntity>(e =>
        {
            e.HasKey(c => c.CredentialId);
            e.HasIndex(c => c.PersonId);
        });
        modelBuilder.Entity<StatusListEntity>().HasKey(s => s.Uri);
        modelBuilder.Entity<AuthorizationGrantEntity>().HasKey(g => g.Key);
        modelBuilder.Entity<PersonEntity>().HasKey(p => p.PersonId);
        modelBuilder.Entity<AuditEntryEntity>(e =>
        {
            // The sequence is the database's own (autoincrement / identity), so entries from every instance get one order.
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(a => a.At);
            e.HasIndex(a => a.CredentialId);
        });
        Wallet.Hosting.Statistics.UsageCounterEntity.Configure(modelBuilder);
    }
}
