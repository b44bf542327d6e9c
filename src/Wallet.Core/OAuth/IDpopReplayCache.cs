namespace Wallet.Core.OAuth;

/// <summary>
/// Remembers DPoP proofs already accepted, for as long as their <c>iat</c> is inside the acceptance window
/// (RFC 9449 §11.1). Implementations must make <see cref="TryAddAsync"/> atomic across concurrent requests and
/// server instances sharing the cache.
/// </summary>
public interface IDpopReplayCache
{
    /// <summary>
    /// Records <paramref name="proofId"/> until <paramref name="expiresAt"/>. False when it was already recorded and
    /// has not expired, which means the proof is a replay.
    /// </summary>
    /// <param name="proofId">An opaque identifier of the proof: the key thumbprint and the <c>jti</c>.</param>
    /// <param name="expiresAt">When the entry may be forgotten: the proof can no longer pass the <c>iat</c> check after it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<bool> TryAddAsync(string proofId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
