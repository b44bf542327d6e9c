using System.Collections.Concurrent;
using Wallet.Core.OAuth;

namespace Wallet.Core.Tests.TestSupport;

public sealed class InMemoryReplayCache : IDpopReplayCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public ValueTask<bool> TryAddAsync(string proofId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_seen.TryAdd(proofId, expiresAt));
}
