using Microsoft.EntityFrameworkCore;

namespace Wallet.Hosting.Statistics;

/// <summary>
/// One bucket of the statistics table <c>UsageCounters</c>. The key is the whole bucket, so the table holds one row per
/// combination and hour, never one per event; it has no column an event log or a credential record shares.
/// </summary>
internal sealed class UsageCounterEntity
{
    /// <summary>Unix seconds of the start of the UTC hour.</summary>
    public long Hour { get; set; }

    public string Event { get; set; } = string.Empty;

    public string CredentialType { get; set; } = string.Empty;

    public string Format { get; set; } = string.Empty;

    public string RelyingParty { get; set; } = string.Empty;

    public string LevelOfAssurance { get; set; } = string.Empty;

    public string AgeBand { get; set; } = string.Empty;

    public string ErrorCode { get; set; } = string.Empty;

    public long Count { get; set; }

    /// <summary>Adds the table to a service's model (called from its <c>OnModelCreating</c>).</summary>
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UsageCounterEntity>(e =>
        {
            e.ToTable("UsageCounters");
            e.HasKey(c => new { c.Hour, c.Event, c.CredentialType, c.Format, c.RelyingParty, c.LevelOfAssurance, c.AgeBand, c.ErrorCode });
            e.Property(c => c.Event).HasMaxLength(64);
            e.Property(c => c.CredentialType).HasMaxLength(256);
            e.Property(c => c.Format).HasMaxLength(32);
            e.Property(c => c.RelyingParty).HasMaxLength(128);
            e.Property(c => c.LevelOfAssurance).HasMaxLength(32);
            e.Property(c => c.AgeBand).HasMaxLength(32);
            e.Property(c => c.ErrorCode).HasMaxLength(128);
        });
    }
}
