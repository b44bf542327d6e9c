namespace Wallet.Core.StatusList;

/// <summary>
/// One issuer-side Status List as stored: its <c>uri</c>, the current statuses, which entries have been handed
/// out, and a version for optimistic concurrency.
/// </summary>
public sealed class StatusListRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="uri">The list's <c>uri</c>, also the <c>sub</c> of its Status List Token.</param>
    /// <param name="statuses">The current statuses.</param>
    /// <param name="allocationBitmap">One bit per entry of <paramref name="statuses"/>, least significant first, set when handed out.</param>
    /// <param name="version">Incremented on every change; stores compare it before replacing.</param>
    public StatusListRecord(Uri uri, StatusList statuses, ReadOnlyMemory<byte> allocationBitmap, long version)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(statuses);
        if (allocationBitmap.Length != (statuses.Count + 7) / 8)
        {
            throw new ArgumentException($"The allocation bitmap for {statuses.Count} entries is {(statuses.Count + 7) / 8} bytes long.", nameof(allocationBitmap));
        }

        Uri = uri;
        Statuses = statuses;
        AllocationBitmap = allocationBitmap.ToArray();
        Version = version;
    }

    /// <summary>The list's <c>uri</c>.</summary>
    public Uri Uri { get; }

    /// <summary>The current statuses.</summary>
    public StatusList Statuses { get; }

    /// <summary>The allocation bitmap (see <see cref="StatusListIndexAllocator.ToBitmap"/>).</summary>
    public ReadOnlyMemory<byte> AllocationBitmap { get; }

    /// <summary>The version, for optimistic concurrency.</summary>
    public long Version { get; }
}
