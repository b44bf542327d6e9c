using Microsoft.EntityFrameworkCore;

namespace Wallet.Verifier.Stores.Ef;

/// <summary>
/// The Verifier's database. Times are stored as Unix milliseconds, which SQLite and PostgreSQL compare alike. One subclass
/// per provider (<see cref="SqliteVerifierDbContext"/>, <see cref="PostgreSqlVerifierDbContext"/>), because EF Core keeps
/// one migration history per context type and the providers' migrations differ in their column types.
/// </summary>
internal abstract class VerifierDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The first migration: the schema that <c>EnsureCreated</c> made before migrations existed.</summary>
    public const string BaselineMigration = "20261203122000_Initial";

    public DbSet<TransactionEntity> Transactions => Set<TransactionEntity>();

    public DbSet<TransactionEventEntity> Events => Set<TransactionEventEntity>();

    public DbSet<NonceEntity> Nonces => Set<NonceEntity>();

    public DbSet<EphemeralKeyEntity> EphemeralKeys => Set<EphemeralKeyEntity>();

    public DbSet<WebhookDeliveryEntity> WebhookDeliveries => Set<WebhookDeliveryEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TransactionEntity>(e =>
        {
            e.HasKey(t => t.Id);
            e.HasIndex(t => t.RequestId).IsUnique();
            e.HasIndex(t => t.ExpiresAt);
        });
        modelBuilder.Entity<TransactionEventEntity>(e =>
        {
            e.HasKey(t => t.Sequence);
            e.HasIndex(t => t.TransactionId);
        });
        modelBuilder.Entity<NonceEntity>(e =>
        {
            e.HasKey(n => n.Value);
            e.HasIndex(n => n.ExpiresAt);
        });
        modelBuilder.Entity<EphemeralKeyEntity>(e => e.HasKey(k => k.TransactionId));
        modelBuilder.Entity<WebhookDeliveryEntity>(e =>
        {
            e.HasKey(d => d.Id);
            e.HasIndex(d => new { d.State, d.NextAttemptAt });
            e.HasIndex(d => d.TransactionId);
        });
        Wallet.Hosting.Statistics.UsageCounterEntity.Configure(modelBuilder);
    }
}

internal sealed class TransactionEntity
{
    public string Id { get; set; } = string.Empty;

    public string RequestId { get; set; } = string.Empty;

    public string RelyingPartyId { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    public int Status { get; set; }

    public string ResponseMode { get; set; } = string.Empty;

    public string RequestUriMethod { get; set; } = string.Empty;

    public string ClientId { get; set; } = string.Empty;

    public string Nonce { get; set; } = string.Empty;

    public string State { get; set; } = string.Empty;

    public string DcqlQuery { get; set; } = string.Empty;

    public string? TransactionData { get; set; }

    public string? RedirectUri { get; set; }

    public byte[]? ResponseCodeHash { get; set; }

    public string? ResultJson { get; set; }

    public string? RepresentationCheckJson { get; set; }

    public string? MinimumLevelOfAssurance { get; set; }
}

internal sealed class TransactionEventEntity
{
    public long Sequence { get; set; }

    public string TransactionId { get; set; } = string.Empty;

    public long At { get; set; }

    public string Type { get; set; } = string.Empty;

    public string? Detail { get; set; }
}

internal sealed class NonceEntity
{
    public string Value { get; set; } = string.Empty;

    public long ExpiresAt { get; set; }

    public bool Consumed { get; set; }
}

internal sealed class EphemeralKeyEntity
{
    public string TransactionId { get; set; } = string.Empty;

    public string KeyId { get; set; } = string.Empty;

    public byte[] Pkcs8 { get; set; } = [];
}

internal sealed class WebhookDeliveryEntity
{
    public string Id { get; set; } = string.Empty;

    public string RelyingPartyId { get; set; } = string.Empty;

    public string TransactionId { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    public int State { get; set; }

    public int Attempts { get; set; }

    public long NextAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }
}
