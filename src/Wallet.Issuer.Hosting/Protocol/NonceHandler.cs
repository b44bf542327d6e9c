using Microsoft.Extensions.Options;
using Wallet.Core.Security;
using Wallet.Hosting;
using Wallet.Issuer.Options;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>The Nonce Endpoint (OpenID4VCI 1.0 §7): an unpredictable, single-use <c>c_nonce</c> per call.</summary>
internal sealed class NonceHandler(INonceStore store, IOptions<IssuerOptions> options, TimeProvider timeProvider)
{
    public async ValueTask<string> IssueAsync(CancellationToken cancellationToken)
    {
        var nonce = RandomHandle.Create();
        await store.AddAsync(SecretHash.Of(nonce), timeProvider.GetUtcNow() + options.Value.CNonceLifetime, cancellationToken).ConfigureAwait(false);
        return nonce;
    }
}
