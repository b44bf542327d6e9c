using Wallet.Core.OAuth;
using Wallet.Hosting;

namespace Wallet.Issuer.Stores;

/// <summary>
/// Hands the replay cache the <see cref="SecretHash"/> of each proof id (key thumbprint and <c>jti</c>) rather than the id,
/// so the cache, like every store, is keyed by fixed-length hashes and never hashes anything itself.
/// </summary>
internal sealed class SecretHashingDpopReplayCache(IDpopReplayCache inner) : IDpopReplayCache
{
    public ValueTask<bool> TryAddAsync(string proofId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        inner.TryAddAsync(SecretHash.Of(proofId), expiresAt, cancellationToken);
}
