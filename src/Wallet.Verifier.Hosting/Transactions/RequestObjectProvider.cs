using Wallet.Core.OpenId4Vp;
using Wallet.Verifier.Signing;
using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Transactions;

/// <summary>Serves the signed Request Object of a transaction to the wallet (OpenID4VP 1.0 §5.10) and records the fetch.</summary>
internal sealed class RequestObjectProvider(
    ITransactionStore transactions,
    IEphemeralKeyStore keys,
    RequestSigningCredentials signing,
    TransactionStateWriter states,
    TransactionUris uris,
    TransactionJournal journal,
    TimeProvider time)
{
    /// <summary>
    /// Signs the Request Object of a transaction that is pending or whose request was fetched before, and moves it to
    /// <see cref="TransactionStatus.RequestFetched"/>. Null with an OAuth error when the transaction is unknown, answered or
    /// expired (<c>invalid_request</c>), fetched with the wrong method (<c>invalid_request_uri_method</c>), or when nothing
    /// in the Wallet's <c>wallet_metadata</c> fits (<see cref="WalletMetadataFit"/>; then the transaction stays as it was, so
    /// a wallet that can answer may still fetch it).
    /// </summary>
    public async ValueTask<(string? RequestObject, string? Error, string? Description)> GetAsync(string requestId, string method, WalletRequestUriParameters? walletParameters, CancellationToken cancellationToken)
    {
        var transaction = await transactions.FindByRequestIdAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (transaction is null)
        {
            return (null, "invalid_request", null);
        }

        // Answered or expired first, as the wallet learns nothing from the method of a request it may no longer fetch.
        var now = time.GetUtcNow();
        if (!TransactionTransitions.TryMove(transaction, TransactionStatus.RequestFetched, now, out _, out var refused))
        {
            return await RefuseAsync(transaction, refused.Code, "invalid_request", cancellationToken).ConfigureAwait(false);
        }

        if (method != transaction.RequestUriMethod)
        {
            return await RefuseAsync(transaction, $"method={method}", "invalid_request_uri_method", cancellationToken).ConfigureAwait(false);
        }

        var verifierMetadata = VerifierClientMetadata.Create(null);
        var encValues = verifierMetadata.EncryptedResponseEncValuesSupported;
        if (walletParameters?.WalletMetadata is { } walletJson)
        {
            if (!WalletMetadata.TryParse(walletJson, out var wallet, out var invalid))
            {
                return await RefuseAsync(transaction, invalid.Code, Wallet.Core.OAuth.OAuthErrors.InvalidRequest, cancellationToken, invalid.Message).ConfigureAwait(false);
            }

            if (!WalletMetadataFit.TryChoose(wallet, signing.SigningKey.Algorithm, transaction.ResponseMode == ResponseModes.DirectPostJwt, encValues, StoredTransaction.QueryOf(transaction), verifierMetadata.VpFormatsSupported, out var fitting, out var unfit, out var why))
            {
                return await RefuseAsync(transaction, $"wallet_metadata {unfit}", unfit, cancellationToken, why).ConfigureAwait(false);
            }

            encValues = fitting;
        }

        // The fetch is logged in the move's own write.
        var fetched = journal.Event("request_fetched", $"method={method}; wallet_nonce={walletParameters?.WalletNonce is not null}; wallet_metadata={walletParameters?.WalletMetadata is not null}");
        if (await states.TryMoveAsync(transaction, TransactionStatus.RequestFetched, now, fetched, deleteKey: false, cancellationToken).ConfigureAwait(false) is { } lost)
        {
            return await RefuseAsync(transaction, lost.Code, "invalid_request", cancellationToken).ConfigureAwait(false);
        }

        using var key = await StoredTransaction.LoadKeyAsync(keys, transaction, cancellationToken).ConfigureAwait(false);
        var clientMetadata = VerifierClientMetadata.Create(key);
        var request = new AuthorizationRequest
        {
            ClientId = StoredTransaction.ClientIdOf(transaction),
            ResponseMode = transaction.ResponseMode,
            ResponseUri = uris.ResponseUri(transaction.RequestId),
            Nonce = transaction.Nonce,
            State = transaction.State,
            DcqlQuery = StoredTransaction.QueryOf(transaction),
            TransactionData = StoredTransaction.TransactionDataOf(transaction),
            ClientMetadata = key is null ? clientMetadata : clientMetadata.WithEncValues(encValues),
            WalletNonce = walletParameters?.WalletNonce,
            IssuedAt = now,
            ExpiresAt = transaction.ExpiresAt,
        };
        return (RequestObjectSigner.Sign(request, signing.SigningKey), null, null);
    }

    private async ValueTask<(string? RequestObject, string? Error, string? Description)> RefuseAsync(TransactionRecord transaction, string detail, string error, CancellationToken cancellationToken, string? description = null)
    {
        await journal.LogAsync(transaction.Id, "request_refused", detail, cancellationToken).ConfigureAwait(false);
        return (null, error, description);
    }
}
