namespace Wallet.Core.StatusList;

/// <summary>An <see cref="IStatusListStore"/> in process memory, for tests, development and single-instance hosts.</summary>
public sealed class InMemoryStatusListStore : IStatusListStore
{
    private readonly Dictionary<string, StatusListRecord> records = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <inheritdoc />
    public ValueTask<bool> TryAddAsync(StatusListRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return ValueTask.FromResult(records.TryAdd(record.Uri.OriginalString, record));
        }
    }

    /// <inheritdoc />
    public ValueTask<StatusListRecord?> FindAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return ValueTask.FromResult(records.GetValueOrDefault(uri.OriginalString));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryReplaceAsync(StatusListRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var key = record.Uri.OriginalString;
            if (!records.TryGetValue(key, out var current) || current.Version != expectedVersion)
            {
                return ValueTask.FromResult(false);
            }

            records[key] = record;
            return ValueTask.FromResult(true);
        }
    }
}
