using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Wallet.Hosting.Statistics;

/// <summary>
/// Counts events into the <c>UsageCounters</c> table of a service's database: one upsert of the event's bucket per event
/// (<c>INSERT … ON CONFLICT … DO UPDATE</c>, the same statement on SQLite and PostgreSQL), never a scan of a log.
/// </summary>
/// <typeparam name="TContext">The service's context; its model includes <see cref="UsageCounterEntity"/>.</typeparam>
internal sealed partial class UsageCounter<TContext>(IDbContextFactory<TContext> factory, TimeProvider time, ILogger<UsageCounter<TContext>> logger)
    where TContext : DbContext
{
    private static readonly string[] KeyProperties = [nameof(UsageCounterEntity.Hour), nameof(UsageCounterEntity.Event), nameof(UsageCounterEntity.CredentialType), nameof(UsageCounterEntity.Format), nameof(UsageCounterEntity.RelyingParty), nameof(UsageCounterEntity.LevelOfAssurance), nameof(UsageCounterEntity.AgeBand), nameof(UsageCounterEntity.ErrorCode)];
    private string? _upsert;

    /// <summary>
    /// Adds <paramref name="count"/> to the bucket of <paramref name="usage"/> in the current UTC hour. A failure is logged
    /// and swallowed: statistics never decide the outcome of the protocol step that is counted.
    /// </summary>
    public ValueTask CountAsync(UsageEvent usage, long count = 1) => CountAsync(usage, count, null);

    /// <summary>
    /// As <see cref="CountAsync(UsageEvent, long)"/>, with the upsert run by <paramref name="run"/> (a service's write
    /// queue) on the context it passes; null runs it on a context of its own.
    /// </summary>
    public async ValueTask CountAsync(UsageEvent usage, long count, Func<Func<TContext, Task>, ValueTask>? run)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var hour = time.GetUtcNow().ToUnixTimeSeconds();
        hour -= ((hour % 3600) + 3600) % 3600;
        object[] values = [hour, Bounded(usage.Event, 64), Bounded(usage.CredentialType, 256), Bounded(usage.Format, 32), Bounded(usage.RelyingParty, 128), Bounded(usage.LevelOfAssurance, 32), Bounded(usage.AgeBand, 32), Bounded(usage.ErrorCode, 128), count];
        Task Upsert(TContext db) => db.Database.ExecuteSqlRawAsync(_upsert ??= UpsertSql(db), values, CancellationToken.None);
        try
        {
            if (run is not null)
            {
                await run(Upsert).ConfigureAwait(false);
                return;
            }

            // Not cancellable: the event has happened, whether or not its client is still there.
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            await Upsert(db).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
        {
            LogCountFailed(logger, usage.Event, e.GetType().FullName);
        }
    }

    /// <summary>Every counter of the UTC days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public async ValueTask<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<UsageCounterEntity>().AsNoTracking().Where(c => c.Hour >= start && c.Hour < end).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new UsageCount(DateTimeOffset.FromUnixTimeSeconds(r.Hour), new UsageEvent(r.Event, r.CredentialType, r.Format, r.RelyingParty, r.LevelOfAssurance, r.AgeBand, r.ErrorCode), r.Count))];
    }

    // Names from the model, so a provider's naming convention (PostgreSQL snake_case) is followed.
    private static string UpsertSql(TContext db)
    {
        var entity = db.Model.FindEntityType(typeof(UsageCounterEntity)) ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no UsageCounters table.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var keys = string.Join(", ", KeyProperties.Select(Column));
        var count = Column(nameof(UsageCounterEntity.Count));
        var placeholders = string.Join(", ", Enumerable.Range(0, KeyProperties.Length + 1).Select(i => "{" + i + "}"));
        return $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({keys}, {count}) VALUES ({placeholders}) "
            + $"ON CONFLICT ({keys}) DO UPDATE SET {count} = {sql.DelimitIdentifier(table.Name)}.{count} + excluded.{count}";
    }

    private static string Bounded(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage counter of a {Event} event could not be written ({ExceptionType}); the event itself is unaffected.")]
    private static partial void LogCountFailed(ILogger logger, string @event, string? exceptionType);
}
