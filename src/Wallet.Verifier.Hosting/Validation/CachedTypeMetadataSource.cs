using System.Collections.Concurrent;
using Wallet.Core.TypeMetadata;

namespace Wallet.Verifier.Validation;

/// <summary>
/// Reuses retrieved Type Metadata documents for a short time, at most a bounded number of them. Only found documents
/// are kept, as the exact bytes: the processor checks <c>vct#integrity</c> against them at every use (§4.3.4, §5), so
/// a cached document never stands in for one with another integrity value; failures are retried on the next use.
/// </summary>
internal sealed class CachedTypeMetadataSource(ITypeMetadataSource inner, TimeProvider timeProvider, TimeSpan lifetime, int maxEntries) : ITypeMetadataSource
{
    private readonly ConcurrentDictionary<string, (ReadOnlyMemory<byte> Document, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<TypeMetadataRetrieval> RetrieveAsync(string vct, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(vct, out var entry) && entry.Expires > now)
        {
            return TypeMetadataRetrieval.Found(entry.Document);
        }

        var retrieval = await inner.RetrieveAsync(vct, cancellationToken).ConfigureAwait(false);
        if (retrieval.IsFound && lifetime > TimeSpan.Zero)
        {
            if (_entries.Count >= maxEntries)
            {
                foreach (var stale in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
                {
                    _entries.TryRemove(stale, out _);
                }
            }

            // Still full of live entries: the document is used but not kept, so the cache stays bounded.
            if (_entries.Count < maxEntries)
            {
                _entries[vct] = (retrieval.Document.Value.ToArray(), now + lifetime);
            }
        }

        return retrieval;
    }
}
