using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// The database of all issuer state, on SQLite or PostgreSQL (<c>Issuer:Database</c>). Times are Unix seconds, because
/// SQLite cannot compare <see cref="DateTimeOffset"/> values in queries. The schema is migrated at start
/// (<see cref="DatabaseInitializer"/>, specs/database.md); each provider has its own context type and migrations
/// (<c>Stores/Ef/Migrations/Sqlite</c>, <c>…/PostgreSql</c>), so only this assembly derives from it.
/// </summary>
public abstract class IssuerDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>The first migration: the schema that <c>EnsureCreated</c> made before migrations existed.</summary>
    internal const string BaselineMigration = "20261203130001_Initial";

    private protected IssuerDbContext(DbContextOptions options)
        : base(options)
    {
    }

    internal DbSet<OfferEntity> Offers => Set<OfferEntity>();

    internal DbSet<NonceEntity> Nonces => Set<NonceEntity>();

    internal DbSet<DpopProofEntity> DpopProofs => Set<DpopProofEntity>();

    internal DbSet<AccessTokenEntity> AccessTokens => Set<AccessTokenEntity>();

    internal DbSet<RefreshTokenEntity> RefreshTokens => Set<RefreshTokenEntity>();

    internal DbSet<IssuedCredentialEntity> IssuedCredentials => Set<IssuedCredentialEntity>();

    internal DbSet<StatusListEntity> StatusLists => Set<StatusListEntity>();

    internal DbSet<AuthorizationGrantEntity> AuthorizationGrants => Set<AuthorizationGrantEntity>();

    internal DbSet<PersonEntity> Persons => Set<PersonEntity>();

    /// <summary>The ASP.NET Core data-protection key ring, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal DbSet<AuditEntryEntity> AuditEntries => Set<AuditEntryEntity>();

    internal DbSet<RepresentationEntity> Representations => Set<RepresentationEntity>();

    internal DbSet<DeferredIssuanceEntity> DeferredIssuances => Set<DeferredIssuanceEntity>();

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
        modelBuilder.Entity<RefreshTokenEntity>(e =>
        {
            e.HasKey(t => t.TokenHash);
            e.HasIndex(t => t.FamilyId);
            e.HasIndex(t => t.PersonId);
            e.HasIndex(t => t.ExpiresAt);
        });
        modelBuilder.Entity<IssuedCredentialEntity>(e =>
        {
            e.HasKey(c => c.CredentialId);
            e.HasIndex(c => c.PersonId);
            e.HasIndex(c => c.RepresentationId);
            e.HasIndex(c => c.NotificationId);
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
        modelBuilder.Entity<RepresentationEntity>(e =>
        {
            e.HasKey(r => r.RepresentationId);
            e.HasIndex(r => r.RepresentativePersonId);
        });
        modelBuilder.Entity<DeferredIssuanceEntity>(e =>
        {
            e.HasKey(d => d.DeferredId);
            e.HasIndex(d => d.TransactionIdHash).IsUnique();
            e.HasIndex(d => d.State);
        });
        Wallet.Hosting.Statistics.UsageCounterEntity.Configure(modelBuilder);
    }
}
