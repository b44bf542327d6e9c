using OAuthErrors = Wallet.Core.OAuth.OAuthErrors;
using Microsoft.Extensions.Options;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Security;
using Wallet.Hosting;
using Wallet.Verifier.Options;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Transactions;

/// <summary>
/// Receives the wallet's response at the response URI (OpenID4VP 1.0 §8.2, §8.3.1): accepts one per transaction, validates
/// it and stores the result, so that every accepted response ends verified or rejected.
/// </summary>
internal sealed partial class WalletResponseReceiver(
    ITransactionStore transactions,
    INonceStore nonces,
    IEphemeralKeyStore keys,
    IPresentationValidator validator,
    TransactionStateWriter states,
    TransactionUris uris,
    TransactionJournal journal,
    Statistics.VerifierStatistics statistics,
    Statistics.VerifierMetrics metrics,
    TimeProvider time,
    IOptions<VerifierOptions> options,
    ILogger<WalletResponseReceiver> logger)
{
    private static readonly OpenId4VpLimits Limits = OpenId4VpLimits.Default;

    /// <summary>Handles a response POSTed to the response URI of the transaction with <paramref name="requestId"/>.</summary>
    public async ValueTask<WalletResponseOutcome> ReceiveAsync(string requestId, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        var transaction = await transactions.FindByRequestIdAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (transaction is null)
        {
            return WalletResponseOutcome.Failed(OAuthErrors.InvalidRequest, "Unknown transaction.");
        }

        // 1. The transaction takes a response now (not expired, request fetched, not answered); judged again atomically in 4.
        var now = time.GetUtcNow();
        if (!TransactionTransitions.TryMove(transaction, TransactionStatus.ResponseReceived, now, out _, out var refused))
        {
            return await RefuseAsync(transaction, refused, cancellationToken).ConfigureAwait(false);
        }

        // 2. direct_post.jwt: the ephemeral key is deleted once a response was accepted.
        using var key = await StoredTransaction.LoadKeyAsync(keys, transaction, cancellationToken).ConfigureAwait(false);
        if (transaction.ResponseMode == ResponseModes.DirectPostJwt && key is null)
        {
            await journal.LogAsync(transaction.Id, "response_rejected", "no decryption key", cancellationToken).ConfigureAwait(false);
            return WalletResponseOutcome.Failed(OAuthErrors.InvalidRequest, "The transaction already has its response.");
        }

        // 3. The form is a well-formed (decrypted) response.
        if (!AuthorizationResponse.TryRead(form, transaction.ResponseMode, key, Limits, out var response, out var readErrors))
        {
            await journal.LogAsync(transaction.Id, "response_rejected", TransactionJournal.Codes(readErrors.Select(e => e.Code)), cancellationToken).ConfigureAwait(false);
            return WalletResponseOutcome.Failed(OAuthErrors.InvalidRequest, readErrors[0].Message);
        }

        // 4. Accepted: of two responses racing here only one moves the transaction.
        // The ephemeral key is deleted in the same write: it decrypts one response only.
        if (await states.TryMoveAsync(transaction, TransactionStatus.ResponseReceived, now, logged: null, deleteKey: true, cancellationToken).ConfigureAwait(false) is { } lost)
        {
            return await RefuseAsync(transaction, lost, cancellationToken).ConfigureAwait(false);
        }

        // 5. The transaction is now ResponseReceived and must end Verified or Rejected whatever happens next. A wallet that
        // hangs up must not cancel that, so the request's token stops here (status-list fetches have their own timeout);
        // a crash is finished by InterruptedResponseRecovery, which relies on the validation ending within its timeout.
        // The receipt and the validation steps are logged with the completion, in its write.
        List<TransactionEvent> logged = [journal.Event("response_received", response.IsError ? "wallet error response" : $"encrypted={response.ContentEncryption?.Name ?? "no"}")];
        PresentationResult result;
        using var deadline = new CancellationTokenSource(InterruptedResponseRecovery.ValidationTimeout, time);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            result = await ValidateAsync(transaction, response, key, now, deadline.Token).ConfigureAwait(false);
            logged.AddRange(result.Steps.Select(step => journal.Event("validation_step", step)));
            metrics.ValidationDuration(System.Diagnostics.Stopwatch.GetElapsedTime(started), result.IsVerified);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var late = PresentationResult.Rejected([new(VerifierErrorCodes.ProcessingInterrupted, "Validating the response took longer than the Verifier allows; it was rejected.")]);
            await states.TryCompleteAsync(transaction.Id, late, null, logged, run => statistics.CompletedAsync(transaction, late, run), CancellationToken.None).ConfigureAwait(false);

            return WalletResponseOutcome.Failed(OAuthErrors.ServerError, "The response could not be processed in time; the transaction is closed.");
        }
        catch (Exception e)
        {
            // A defect, not the wallet's input. The message may quote the presentation, so only the type and the stack are logged.
            LogValidationFailed(logger, transaction.Id, e.GetType().FullName, e.StackTrace);
            var failed = PresentationResult.Rejected([new(VerifierErrorCodes.InternalError, "The Verifier could not validate the response because of an internal error; it was rejected.")]);
            await states.TryCompleteAsync(transaction.Id, failed, null, logged, run => statistics.CompletedAsync(transaction, failed, run), CancellationToken.None).ConfigureAwait(false);

            return WalletResponseOutcome.Failed(OAuthErrors.ServerError, "The response could not be processed; the transaction is closed.");
        }

        // 6. Same device: OpenID4VP 1.0 §14.2, a fresh secret the frontend must present to read the result (session fixation).
        string? redirect = null;
        byte[]? codeHash = null;
        if (transaction.RedirectUri is not null)
        {
            var code = RandomHandle.Create();
            codeHash = SecretHash.Bytes(code);
            redirect = $"{transaction.RedirectUri}#response_code={code}";
        }

        // Not cancellable, for the same reason as 5.
        // Status, events and usage counts in one write (the Verifier's database).
        await states.TryCompleteAsync(transaction.Id, result, codeHash, logged, run => statistics.CompletedAsync(transaction, result, run), CancellationToken.None).ConfigureAwait(false);

        return new(RedirectUri: redirect);
    }

    private async ValueTask<WalletResponseOutcome> RefuseAsync(TransactionRecord transaction, TransactionTransitionError refused, CancellationToken cancellationToken)
    {
        await journal.LogAsync(transaction.Id, "response_rejected", refused.Code, cancellationToken).ConfigureAwait(false);
        return WalletResponseOutcome.Failed(OAuthErrors.InvalidRequest, refused.Description);
    }

    // Everything between accepting the response and storing its result; whatever it throws is caught by the caller.
    private async ValueTask<PresentationResult> ValidateAsync(TransactionRecord transaction, AuthorizationResponse response, VerifierEncryptionKey? key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (response.IsError)
        {
            return PresentationResult.Rejected([new(VerifierErrorCodes.WalletError, $"The wallet answered with the error '{response.Error}' (OpenID4VP 1.0 §8.5).")]);
        }

        var errors = new List<ResultError>();
        if (!string.Equals(response.State, transaction.State, StringComparison.Ordinal))
        {
            errors.Add(new(VerifierErrorCodes.StateMismatch, "The response's state differs from the request's (OpenID4VP 1.0 §5.3)."));
        }

        if (!await nonces.TryConsumeAsync(transaction.Nonce, now, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(new(VerifierErrorCodes.NonceReplayed, "The request nonce was already used or has expired (OpenID4VP 1.0 §14.1)."));
        }

        if (errors.Count > 0)
        {
            return PresentationResult.Rejected(errors);
        }

        // OpenID4VP 1.0 B.2.6.1: the handover carries the thumbprint of the ephemeral key for direct_post.jwt, null for direct_post.
        var encryption = ResponseEncryption.ForResponseMode(transaction.ResponseMode, key?.PublicKey);
        var result = await validator.ValidateAsync(StoredTransaction.QueryOf(transaction), StoredTransaction.TransactionDataOf(transaction), response.VpToken!, transaction.ClientId, transaction.Nonce, uris.ResponseUri(transaction.RequestId), encryption, cancellationToken).ConfigureAwait(false);
        // The stricter of the relying party's minimum now and the one the transaction was created with.
        var configured = options.Value.RelyingParties.FirstOrDefault(p => string.Equals(p.Id, transaction.RelyingPartyId, StringComparison.Ordinal))?.MinimumLevelOfAssurance;
        return LevelOfAssuranceRequirement.Apply(result, PresentationCreator.Stricter(configured, transaction.MinimumLevelOfAssurance));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Validating the response of transaction {TransactionId} threw {ExceptionType}; the transaction was rejected with verifier.internal_error. {StackTrace}")]
    private static partial void LogValidationFailed(ILogger logger, string transactionId, string? exceptionType, string? stackTrace);
}
