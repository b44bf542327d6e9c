namespace Wallet.Core.StatusList;

/// <summary>
/// Issuer-side storage of Status Lists. Lists are keyed by the exact text of their <c>uri</c>
/// (<see cref="Uri.OriginalString"/>). Updates are compare-and-swap on <see cref="StatusListRecord.Version"/>,
/// which is what makes index allocation free of double allocation across concurrent issuers (§13.3).
/// </summary>
public interface IStatusListStore
{
    /// <summary>Adds a new list; false when a list with the same <c>uri</c> exists.</summary>
    ValueTask<bool> TryAddAsync(StatusListRecord record, CancellationToken cancellationToken = default);

    /// <summary>The list stored under <paramref name="uri"/>, or null.</summary>
    ValueTask<StatusListRecord?> FindAsync(Uri uri, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored list with <paramref name="record"/> only if the stored version is still
    /// <paramref name="expectedVersion"/>; false otherwise (someone else changed it, or it does not exist).
    /// </summary>
    ValueTask<bool> TryReplaceAsync(StatusListRecord record, long expectedVersion, CancellationToken cancellationToken = default);
}
