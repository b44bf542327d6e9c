using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Core.Dcql;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Security;
using Wallet.Verifier.Options;
using Wallet.Verifier.Signing;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Transactions;

/// <summary>
/// The Verifier's protocol logic between the HTTP endpoints and Wallet.Core: creates transactions, serves signed
/// Request Objects, accepts one response per transaction, validates it and reports the result.
/// </summary>
internal sealed partial class PresentationService
{
    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web);
    private static readonly OpenId4VpLimits Limits = OpenId4VpLimits.Default;

    private readonly ITransactionStore _transactions;
    private readonly ITransactionEventLog _events;
    private readonly INonceStore _nonces;
    private readonly IEphemeralKeyStore _keys;
    private readonly RequestSigningCredentials _signing;
    private readonly IPresentationValidator _validator;
    private readonly TimeProvider _time;
    private readonly VerifierOptions _options;
    private readonly ILogger<PresentationService> _logger;

    public PresentationService(
        ITransactionStore transactions,
        ITransactionEventLog events,
        INonceStore nonces,
        IEphemeralKeyStore keys,
        RequestSigningCredentials signing,
        IPresentationValidator validator,
        TimeProvider time,
        IOptions<VerifierOptions> options,
        ILogger<PresentationService> logger)
    {
        _transactions = transactions;
        _events = events;
        _nonces = nonces;
        _keys = keys;
        _signing = signing;
        _validator = validator;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The Client Identifier prefixes a transaction can use with this deployment's request signing certificate.</summary>
    public IReadOnlyCollection<string> AvailableClientIdPrefixes => _signing.AvailablePrefixes;

    /// <summary>Creates a transaction for <paramref name="relyingPartyId"/>.</summary>
    public async ValueTask<CreatedPresentation> CreateAsync(string relyingPartyId, CreatePresentationCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var clientId = command.ClientIdPrefix is null
            ? _signing.ClientId
            : _signing.ClientIdFor(command.ClientIdPrefix) ?? throw new ArgumentException($"The request signing certificate cannot be bound to the prefix '{command.ClientIdPrefix}'.", nameof(command));
        var now = _time.GetUtcNow();
        var transaction = new TransactionRecord
        {
            Id = NewHandle(),
            RequestId = NewHandle(),
            RelyingPartyId = relyingPartyId,
            CreatedAt = now,
            ExpiresAt = now + _options.TransactionLifetime,
            Status = TransactionStatus.Pending,
            ResponseMode = command.ResponseMode,
            RequestUriMethod = command.RequestUriMethod,
            ClientId = clientId.Value,
            Nonce = NewHandle(32),
            State = NewHandle(),
            DcqlQuery = command.Query.Json.GetRawText(),
            RedirectUri = command.RedirectUri?.AbsoluteUri,
        };

        if (command.ResponseMode == ResponseModes.DirectPostJwt)
        {
            using var key = VerifierEncryptionKey.Generate();
            await _keys.SaveAsync(transaction.Id, key.KeyId, key.ExportPkcs8(), cancellationToken).ConfigureAwait(false);
        }

        await _nonces.AddAsync(transaction.Nonce, transaction.ExpiresAt, cancellationToken).ConfigureAwait(false);
        await _transactions.CreateAsync(transaction, cancellationToken).ConfigureAwait(false);
        await LogAsync(transaction.Id, "created", $"client_id_prefix={clientId.Prefix}; response_mode={command.ResponseMode}; request_uri_method={command.RequestUriMethod}; same_device={command.RedirectUri is not null}", cancellationToken).ConfigureAwait(false);
        return new CreatedPresentation(transaction.Id, AuthorizationRequestUriOf(transaction), RequestUri(transaction.RequestId).AbsoluteUri, transaction.ExpiresAt);
    }

    /// <summary>The transaction, or null when it is unknown or belongs to another relying party.</summary>
    public async ValueTask<TransactionRecord?> FindAsync(string relyingPartyId, string transactionId, CancellationToken cancellationToken)
    {
        var transaction = await _transactions.FindAsync(transactionId, cancellationToken).ConfigureAwait(false);
        return transaction is not null && string.Equals(transaction.RelyingPartyId, relyingPartyId, StringComparison.Ordinal) ? transaction : null;
    }

    /// <summary>The <c>openid4vp://</c> URI of a transaction (the same one <see cref="CreateAsync"/> returned).</summary>
    public string AuthorizationRequestUriOf(TransactionRecord transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new AuthorizationRequestUri(transaction.ClientId, RequestUri(transaction.RequestId), transaction.RequestUriMethod).ToUri();
    }

    /// <summary>Signs the Request Object of a pending transaction (OpenID4VP 1.0 §5.10). Null when the transaction is unknown, answered or expired.</summary>
    public async ValueTask<(string? RequestObject, string? Error)> GetRequestObjectAsync(string requestId, string method, WalletRequestUriParameters? walletParameters, CancellationToken cancellationToken)
    {
        var transaction = await _transactions.FindByRequestIdAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (transaction is null)
        {
            return (null, "invalid_request");
        }

        var now = _time.GetUtcNow();
        if (transaction.Status != TransactionStatus.Pending || now >= transaction.ExpiresAt)
        {
            await LogAsync(transaction.Id, "request_refused", now >= transaction.ExpiresAt ? "expired" : "already_answered", cancellationToken).ConfigureAwait(false);
            return (null, "invalid_request");
        }

        if (method != transaction.RequestUriMethod)
        {
            await LogAsync(transaction.Id, "request_refused", $"method={method}", cancellationToken).ConfigureAwait(false);
            return (null, "invalid_request_uri_method");
        }

        using var key = await LoadKeyAsync(transaction, cancellationToken).ConfigureAwait(false);
        var query = StoredQuery(transaction);
        var request = new AuthorizationRequest
        {
            ClientId = StoredClientId(transaction),
            ResponseMode = transaction.ResponseMode,
            ResponseUri = ResponseUri(transaction.RequestId),
            Nonce = transaction.Nonce,
            State = transaction.State,
            DcqlQuery = query,
            ClientMetadata = VerifierClientMetadata.Create(key),
            WalletNonce = walletParameters?.WalletNonce,
            IssuedAt = now,
            ExpiresAt = transaction.ExpiresAt,
        };
        await LogAsync(transaction.Id, "request_fetched", $"method={method}; wallet_nonce={walletParameters?.WalletNonce is not null}; wallet_metadata={walletParameters?.WalletMetadata is not null}", cancellationToken).ConfigureAwait(false);
        return (RequestObjectSigner.Sign(request, _signing.SigningKey), null);
    }

    /// <summary>Handles a response POSTed to the response URI (OpenID4VP 1.0 §8.2, §8.3.1).</summary>
    public async ValueTask<WalletResponseOutcome> HandleResponseAsync(string requestId, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        var transaction = await _transactions.FindByRequestIdAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (transaction is null)
        {
            return new(400, Error: "invalid_request", ErrorDescription: "Unknown transaction.");
        }

        var now = _time.GetUtcNow();
        if (now >= transaction.ExpiresAt)
        {
            await LogAsync(transaction.Id, "response_rejected", "expired", cancellationToken).ConfigureAwait(false);
            return new(400, Error: "invalid_request", ErrorDescription: "The transaction has expired.");
        }

        if (transaction.Status != TransactionStatus.Pending)
        {
            await LogAsync(transaction.Id, "response_rejected", "replay: the transaction already has its response", cancellationToken).ConfigureAwait(false);
            return new(400, Error: "invalid_request", ErrorDescription: "The transaction already has its response.");
        }

        using var key = await LoadKeyAsync(transaction, cancellationToken).ConfigureAwait(false);
        if (transaction.ResponseMode == ResponseModes.DirectPostJwt && key is null)
        {
            await LogAsync(transaction.Id, "response_rejected", "no decryption key", cancellationToken).ConfigureAwait(false);
            return new(400, Error: "invalid_request", ErrorDescription: "The transaction already has its response.");
        }

        if (!AuthorizationResponse.TryRead(form, transaction.ResponseMode, key, Limits, out var response, out var readErrors))
        {
            await LogAsync(transaction.Id, "response_rejected", Codes(readErrors.Select(e => e.Code)), cancellationToken).ConfigureAwait(false);
            return new(400, Error: "invalid_request", ErrorDescription: readErrors[0].Message);
        }

        if (!await _transactions.TryBeginResponseAsync(transaction.Id, now, cancellationToken).ConfigureAwait(false))
        {
            await LogAsync(transaction.Id, "response_rejected", "replay: the transaction already has its response", cancellationToken).ConfigureAwait(false);
            return new(400, Error: "invalid_request", ErrorDescription: "The transaction already has its response.");
        }

        // The transaction is now ResponseReceived and must end Verified or Rejected whatever happens next. A wallet that
        // hangs up must not cancel that, so the request's token stops here (status-list fetches have their own timeout);
        // a crash is finished at the next start (RejectInterruptedAsync).
        PresentationResult result;
        try
        {
            result = await ValidateAcceptedAsync(transaction, response, key, now, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A defect, not the wallet's input. The message may quote the presentation, so only the type and the stack are logged.
            LogValidationFailed(_logger, transaction.Id, e.GetType().FullName, e.StackTrace);
            var failed = PresentationResult.Rejected([new(VerifierErrorCodes.InternalError, "The Verifier could not validate the response because of an internal error; it was rejected.")]);
            await CompleteAsync(transaction.Id, failed, null).ConfigureAwait(false);
            return new(StatusCodes.Status500InternalServerError, Error: "server_error", ErrorDescription: "The response could not be processed; the transaction is closed.");
        }

        string? redirect = null;
        byte[]? codeHash = null;
        if (transaction.RedirectUri is not null)
        {
            // OpenID4VP 1.0 §14.2: a fresh secret the frontend must present to read the result (session fixation).
            var code = NewHandle(32);
            codeHash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(code));
            redirect = $"{transaction.RedirectUri}#response_code={code}";
        }

        await CompleteAsync(transaction.Id, result, codeHash).ConfigureAwait(false);
        return new(200, RedirectUri: redirect);
    }

    /// <summary>
    /// At start, before any request: rejects every transaction a crash left in <see cref="TransactionStatus.ResponseReceived"/>
    /// with <see cref="VerifierErrorCodes.ProcessingInterrupted"/> (specs/verifier.md, "Transaction states", says why it is
    /// not validated again). Returns how many.
    /// </summary>
    public async ValueTask<int> RejectInterruptedAsync(CancellationToken cancellationToken)
    {
        var result = PresentationResult.Rejected([new(VerifierErrorCodes.ProcessingInterrupted, "The Verifier stopped while validating the response; it was rejected at the next start.")]);
        var interrupted = await _transactions.RejectInterruptedAsync(JsonSerializer.Serialize(result, ResultJson), cancellationToken).ConfigureAwait(false);
        foreach (var id in interrupted)
        {
            await LogAsync(id, "rejected", VerifierErrorCodes.ProcessingInterrupted, cancellationToken).ConfigureAwait(false);
        }

        if (interrupted.Count > 0)
        {
            LogInterruptedRejected(_logger, interrupted.Count);
        }

        return interrupted.Count;
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

        var expired = _time.GetUtcNow() >= transaction.ExpiresAt;
        var empty = new Dictionary<string, IReadOnlyList<VerifiedCredential>>();
        if (transaction.Status is TransactionStatus.Pending or TransactionStatus.ResponseReceived)
        {
            return new(expired ? "expired" : "pending", empty, []);
        }

        if (transaction.ResponseCodeHash is { } expectedHash)
        {
            var presented = responseCode is { Length: > 0 and <= 256 } ? SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(responseCode)) : null;
            if (presented is null || !CryptographicOperations.FixedTimeEquals(presented, expectedHash))
            {
                // §14.2: until the frontend presents the code from the redirect, the result is not released.
                await LogAsync(transaction.Id, "result_withheld", presented is null ? "response_code missing" : "response_code mismatch", cancellationToken).ConfigureAwait(false);
                return new(expired ? "expired" : "pending", empty, []);
            }
        }

#pragma warning disable RS0030 // Our own row, serialized by this service; not input from another party.
        var result = JsonSerializer.Deserialize<PresentationResult>(transaction.ResultJson!, ResultJson)!;
#pragma warning restore RS0030
        return transaction.Status == TransactionStatus.Verified
            ? new("verified", result.Credentials, [])
            : new("rejected", empty, result.Errors);
    }

    /// <summary>The event log; null when the transaction is unknown or belongs to another relying party.</summary>
    public async ValueTask<IReadOnlyList<TransactionEvent>?> GetEventsAsync(string relyingPartyId, string transactionId, CancellationToken cancellationToken)
    {
        var transaction = await FindAsync(relyingPartyId, transactionId, cancellationToken).ConfigureAwait(false);
        return transaction is null ? null : await _events.ListAsync(transactionId, cancellationToken).ConfigureAwait(false);
    }

    // Everything between accepting the response and storing its result; whatever it throws is caught by the caller.
    private async ValueTask<PresentationResult> ValidateAcceptedAsync(TransactionRecord transaction, AuthorizationResponse response, VerifierEncryptionKey? key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _keys.DeleteAsync(transaction.Id, cancellationToken).ConfigureAwait(false);
        await LogAsync(transaction.Id, "response_received", response.IsError ? "wallet error response" : $"encrypted={response.ContentEncryption?.Name ?? "no"}", cancellationToken).ConfigureAwait(false);
        var result = await ValidateAsync(transaction, response, key, now, cancellationToken).ConfigureAwait(false);
        foreach (var step in result.Steps)
        {
            await LogAsync(transaction.Id, "validation_step", step, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    // The one transition out of ResponseReceived; not cancellable, for the same reason as above.
    private async ValueTask CompleteAsync(string transactionId, PresentationResult result, byte[]? codeHash)
    {
        var status = result.IsVerified ? TransactionStatus.Verified : TransactionStatus.Rejected;
        await _transactions.CompleteAsync(transactionId, status, JsonSerializer.Serialize(result, ResultJson), codeHash, CancellationToken.None).ConfigureAwait(false);
        await LogAsync(transactionId, result.IsVerified ? "verified" : "rejected", result.IsVerified ? null : Codes(result.Errors.Select(e => e.Code)), CancellationToken.None).ConfigureAwait(false);
    }

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

        if (!await _nonces.TryConsumeAsync(transaction.Nonce, now, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(new(VerifierErrorCodes.NonceReplayed, "The request nonce was already used or has expired (OpenID4VP 1.0 §14.1)."));
        }

        if (errors.Count > 0)
        {
            return PresentationResult.Rejected(errors);
        }

        var query = StoredQuery(transaction);
        // OpenID4VP 1.0 B.2.6.1: the handover carries the thumbprint of the ephemeral key for direct_post.jwt, null for direct_post.
        var encryption = ResponseEncryption.ForResponseMode(transaction.ResponseMode, key?.PublicKey);
        return await _validator.ValidateAsync(query, response.VpToken!, transaction.ClientId, transaction.Nonce, ResponseUri(transaction.RequestId), encryption, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<VerifierEncryptionKey?> LoadKeyAsync(TransactionRecord transaction, CancellationToken cancellationToken)
    {
        if (transaction.ResponseMode != ResponseModes.DirectPostJwt)
        {
            return null;
        }

        var stored = await _keys.FindAsync(transaction.Id, cancellationToken).ConfigureAwait(false);
        return stored is { } found ? VerifierEncryptionKey.FromPkcs8(found.Pkcs8, found.KeyId) : null;
    }

    // The stored Client Identifier was made by RequestSigningCredentials when the transaction was created.
    private static ClientId StoredClientId(TransactionRecord transaction) =>
        ClientId.TryParse(transaction.ClientId, Limits, out var clientId, out _) ? clientId : throw new InvalidOperationException("A stored client_id no longer parses.");

    // The stored query was validated when the transaction was created.
    private static DcqlQuery StoredQuery(TransactionRecord transaction) =>
        DcqlQuery.TryParse(transaction.DcqlQuery, out var query, out _) ? query : throw new InvalidOperationException("A stored DCQL query no longer parses.");

    private ValueTask LogAsync(string transactionId, string type, string? detail, CancellationToken cancellationToken) =>
        _events.AppendAsync(transactionId, new TransactionEvent(_time.GetUtcNow(), type, detail), cancellationToken);

    private Uri RequestUri(string requestId) => new(_options.PublicBaseUrl!, $"oid4vp/request/{requestId}");

    private Uri ResponseUri(string requestId) => new(_options.PublicBaseUrl!, $"oid4vp/response/{requestId}");

    private static string Codes(IEnumerable<string> codes) => string.Join(", ", codes.Distinct());

    private static string NewHandle(int bytes = RandomHandle.MinimumBytes) => RandomHandle.Create(bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Validating the response of transaction {TransactionId} threw {ExceptionType}; the transaction was rejected with verifier.internal_error. {StackTrace}")]
    private static partial void LogValidationFailed(ILogger logger, string transactionId, string? exceptionType, string? stackTrace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Count} transactions whose validation was interrupted by a stop (verifier.processing_interrupted).")]
    private static partial void LogInterruptedRejected(ILogger logger, int count);
}
