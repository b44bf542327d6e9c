using Microsoft.Extensions.Options;
using Wallet.Core.OpenId4Vp;
using Wallet.Verifier.Options;
using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Transactions;

/// <summary>The URIs of a transaction under <see cref="VerifierOptions.PublicBaseUrl"/>; the wallet sees only its request handle.</summary>
internal sealed class TransactionUris(IOptions<VerifierOptions> options)
{
    /// <summary>Where the wallet fetches the signed Request Object.</summary>
    public Uri RequestUri(string requestId) => new(options.Value.PublicBaseUrl!, $"oid4vp/request/{requestId}");

    /// <summary>Where the wallet posts its response.</summary>
    public Uri ResponseUri(string requestId) => new(options.Value.PublicBaseUrl!, $"oid4vp/response/{requestId}");

    /// <summary>The <c>openid4vp://</c> URI of a transaction, for a QR code or a same-device link.</summary>
    public string AuthorizationRequestUriOf(TransactionRecord transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new AuthorizationRequestUri(transaction.ClientId, RequestUri(transaction.RequestId), transaction.RequestUriMethod).ToUri();
    }
}
