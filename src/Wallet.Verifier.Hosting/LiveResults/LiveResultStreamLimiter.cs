using Microsoft.Extensions.Options;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.LiveResults;

/// <summary>Counts open event streams per relying party, so one party cannot hold every connection of the server.</summary>
internal sealed class LiveResultStreamLimiter(IOptions<VerifierOptions> options)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A lease to dispose when the stream ends; null when <paramref name="relyingPartyId"/> has its maximum open.</summary>
    public IDisposable? TryAcquire(string relyingPartyId)
    {
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(relyingPartyId);
            if (open >= options.Value.LiveResults.MaxStreamsPerRelyingParty)
            {
                return null;
            }

            _open[relyingPartyId] = open + 1;
        }

        return new Lease(this, relyingPartyId);
    }

    private void Release(string relyingPartyId)
    {
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(relyingPartyId) - 1;
            if (open <= 0)
            {
                _open.Remove(relyingPartyId);
            }
            else
            {
                _open[relyingPartyId] = open;
            }
        }
    }

    private sealed class Lease(LiveResultStreamLimiter owner, string relyingPartyId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(relyingPartyId);
            }
        }
    }
}
