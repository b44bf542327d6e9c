using System.Security.Cryptography;
using Wallet.Hosting;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Transactions;

/// <summary>Reads a transaction's result and event log for the relying party that owns it.</summary>
internal sealed class PresentationResultReader(ITransactionStore transactions, ITransactionEventLog events, TransactionJournal journal, TimeProvider time)
{
    /// <summary>The transaction, or null when it is unknown or belongs to another relying party.</summary>
    public async ValueTask<TransactionRecord?> FindAsync(string relyingPartyId, string transactionId, CancellationToken cancellationToken)
    {
        var transaction = await transactions.FindAsync(transactionId, cancellationToken).ConfigureAwait(false);
        return transaction is not null && string.Equals(transaction.RelyingPartyId, relyingPartyId, StringComparison.Ordinal) ? transaction : null;
    }

    /// <summary>The result for the relying party; null when the transaction is unknown or belongs to another relying party.</summary>
    public async ValueTask<PresentationStatusView?> GetStatusAsync(string relyingPartyId, string transactionId, string? responseCode, CancellationToken cancellationToken)
    {
        var transaction = await FindAsync(relyingPartyId, transactionId, cancellationToken).ConfigureAwait(false);
        return transaction is null ? null : await GetStatusAsync(transaction, responseCode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The result of a transaction the caller has already found for its owner.</summary>
    public async ValueTask<PresentationStatusView> GetStatusAsync(TransactionRecord transaction, string? responseCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);

        // Until a transaction is final the relying party sees "pending" (or "expired"): fetching the request and validating
        // the response are the Verifier's business.
        var expired = time.GetUtcNow() >= transaction.ExpiresAt;
        var empty = new Dictionary<string, IReadOnlyList<VerifiedCredential>>();
        if (!TransactionTransitions.IsFinal(transaction.Status))
        {
            return new(expired ? "expired" : "pending", empty, []);
        }

        if (transaction.ResponseCodeHash is { } expectedHash)
        {
            var presented = responseCode is { Length: > 0 and <= 256 } ? SecretHash.Bytes(responseCode) : null;
            if (presented is null || !CryptographicOperations.FixedTimeEquals(presented, expectedHash))
            {
                // OpenID4VP 1.0 §14.2: until the frontend presents the code from the redirect, the result is not released.
                await journal.LogAsync(transaction.Id, "result_withheld", presented is null ? "response_code missing" : "response_code mismatch", cancellationToken).ConfigureAwait(false);
                return new(expired ? "expired" : "pending", empty, []);
            }
        }

        var result = StoredTransaction.ResultOf(transaction);
        return transaction.Status == TransactionStatus.Verified
            ? new("verified", result.Credentials, [])
            : new("rejected", empty, result.Errors);
    }

    /// <summary>The event log; null when the transaction is unknown or belongs to another relying party.</summary>
    public async ValueTask<IReadOnlyList<TransactionEvent>?> GetEventsAsync(string relyingPartyId, string transactionId, CancellationToken cancellationToken)
    {
        var transaction = await FindAsync(relyingPartyId, transactionId, cancellationToken).ConfigureAwait(false);
        return transaction is null ? null : await events.ListAsync(transactionId, cancellationToken).ConfigureAwait(false);
    }
}
