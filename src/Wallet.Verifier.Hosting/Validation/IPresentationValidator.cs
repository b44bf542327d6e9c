using Wallet.Core.Dcql;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;

namespace Wallet.Verifier.Validation;

/// <summary>Validates the <c>vp_token</c> of one transaction (OpenID4VP 1.0 §8.6); <see cref="PresentationValidator"/> is the implementation.</summary>
internal interface IPresentationValidator
{
    /// <summary>Validates <paramref name="vpToken"/> against the request it answers.</summary>
    /// <param name="query">The request's DCQL query.</param>
    /// <param name="transactionData">The request's <c>transaction_data</c>; each entry must be authorized by the KB-JWT of a presentation for one of its Credential Queries (B.3.3).</param>
    /// <param name="vpToken">The received presentations.</param>
    /// <param name="clientId">The full Client Identifier (KB-JWT <c>aud</c>, handover).</param>
    /// <param name="nonce">The request nonce.</param>
    /// <param name="responseUri">The request's <c>response_uri</c> (handover).</param>
    /// <param name="encryption">The ephemeral key the response was encrypted to for <c>direct_post.jwt</c>, else <see cref="ResponseEncryption.None"/> (handover, OpenID4VP 1.0 B.2.6.1).</param>
    /// <param name="cancellationToken">Cancels status list fetches.</param>
    ValueTask<PresentationResult> ValidateAsync(DcqlQuery query, IReadOnlyList<TransactionData> transactionData, VpToken vpToken, string clientId, string nonce, Uri responseUri, ResponseEncryption encryption, CancellationToken cancellationToken);
}
