using Microsoft.Extensions.Options;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Hosting;
using Wallet.Hosting.Statistics;
using Wallet.Issuer.Options;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The Deferred Credential Endpoint (OpenID4VCI 1.0 §9) as a pipeline: access token and DPoP proof (as at the Credential
/// Endpoint) → request → the <c>transaction_id</c>, which must belong to this access token → pending: 202 again (§9.2);
/// refused: <c>credential_request_denied</c> (§9.3); completed: the transaction is taken once, atomically, and the
/// credentials are issued from the register as at the Credential Endpoint. The <c>transaction_id</c> is then invalid (§9.1).
/// </summary>
internal sealed class DeferredCredentialRequestHandler(
    IOptions<IssuerOptions> options,
    IssuerEndpoints endpoints,
    ResourceAccess access,
    CredentialRequestUnits units,
    IDeferredIssuanceStore store,
    CredentialIssuance issuance,
    Statistics.IssuerStatistics statistics,
    TimeProvider timeProvider)
{
    public async ValueTask<(CredentialResponse? Response, ProtocolError? Error)> HandleAsync(CredentialEndpointRequest request, CancellationToken cancellationToken)
    {
        var unit = units.Begin();
        var records = new List<IssuedCredentialRecord>();
        var counted = new List<(UsageEvent, long)>();
        var (response, error, taken) = await DeliverAsync(request, unit, records, counted, cancellationToken).ConfigureAwait(false);

        var committed = error is null
            ? await unit.CommitAsync(records, new CredentialRequestOutcome(AuditRecorder.CredentialsIssued(records), counted), cancellationToken).ConfigureAwait(false)
            : await unit.CommitAsync([], cancellationToken).ConfigureAwait(false);

        if (taken is not null && (error is not null || committed != CredentialRequestCommit.Committed))
        {
            // Nothing left the issuer: the transaction is handed back, so the Wallet's next poll can still collect it.
            await store.TryMoveAsync(taken.DeferredId, DeferredIssuanceState.Delivered, DeferredIssuanceState.Ready, timeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }

        if (error is null && committed == CredentialRequestCommit.Committed)
        {
            foreach (var (usage, count) in counted)
            {
                statistics.IssuedCommitted(usage, count);
            }
        }

        return committed switch
        {
            _ when error is not null => (null, error),
            CredentialRequestCommit.DpopProofReplayed => (null, ProtocolError.Create(OAuthErrors.InvalidDpopProof, "A DPoP proof with this jti from this key was already used (RFC 9449 Sec. 11.1).") with { IncludeDpopNonce = true, IsResourceServerError = true }),
            CredentialRequestCommit.NonceAlreadyUsed => throw new InvalidOperationException("A deferred credential request consumes no c_nonce."),
            _ => (response, null),
        };
    }

    private async ValueTask<(CredentialResponse? Response, ProtocolError? Error, DeferredIssuanceRecord? Taken)> DeliverAsync(CredentialEndpointRequest request, CredentialRequestUnit unit, List<IssuedCredentialRecord> records, List<(UsageEvent, long)> counted, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();

        // Step 1: the access token and its DPoP proof, as at the Credential Endpoint (Sec. 9.1: "a valid Access Token").
        var (token, accessError) = await access.AuthorizeAsync(request.Authorization, request.DpopHeaders, endpoints.DeferredCredential, unit.ReplayCache, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return (null, accessError, null);
        }

        // Step 2: the request body (Sec. 9.1).
        if (!request.IsJson)
        {
            return Refuse(OpenId4VciErrors.InvalidCredentialRequest, "The Deferred Credential Request must be application/json (OpenID4VCI 1.0 Sec. 9.1).");
        }

        if (!DeferredCredentialRequest.TryParse(request.Body.Span, OpenId4VciLimits.Default, out var deferredRequest, out var parseError))
        {
            return Refuse(DeferredCredentialRequest.WireErrorFor(parseError.Code), parseError.Message);
        }

        // Step 3: the transaction, which only the access token it was created for may poll; a delivered one is used up (Sec. 9.1, 9.3).
        var record = await store.FindAsync(SecretHash.Of(deferredRequest.TransactionId), now, cancellationToken).ConfigureAwait(false);
        if (record is null || record.State == DeferredIssuanceState.Delivered || !string.Equals(record.TokenHash, token.TokenHash, StringComparison.Ordinal))
        {
            return Refuse(OpenId4VciErrors.InvalidTransactionId, "The transaction_id is unknown, was already used, or belongs to another access token (OpenID4VCI 1.0 Sec. 9.3).");
        }

        switch (record.State)
        {
            case DeferredIssuanceState.Pending:
                // Sec. 9.2: not ready yet — the same transaction_id and the interval to wait.
                return (CredentialResponse.Deferred(deferredRequest.TransactionId, settings.DeferredInterval), null, null);
            case DeferredIssuanceState.Refused:
                return Refuse(OpenId4VciErrors.CredentialRequestDenied, "The Credential Issuer refused this issuance; the Wallet should stop polling (OpenID4VCI 1.0 Sec. 9.3).");
        }

        // Step 4: take the completed transaction; of two concurrent polls only one can (Sec. 9.1: invalidated after delivery).
        if (await store.TryMoveAsync(record.DeferredId, DeferredIssuanceState.Ready, DeferredIssuanceState.Delivered, now, cancellationToken).ConfigureAwait(false) is null)
        {
            return Refuse(OpenId4VciErrors.InvalidTransactionId, "The transaction_id was used by a concurrent request (OpenID4VCI 1.0 Sec. 9.1).");
        }

        // Step 5: issue as the Credential Endpoint would have: the register's data now, the keys the proofs proved then.
        if (!settings.CredentialConfigurations.TryGetValue(record.ConfigurationId, out var configuration))
        {
            return (null, ProtocolError.Create(OpenId4VciErrors.CredentialRequestDenied, "The credential configuration is no longer offered."), record);
        }

        var holderKeys = new List<PublicJwk>(record.HolderKeys.Count);
        foreach (var json in record.HolderKeys)
        {
            if (!PublicJwk.TryParse(json, out var key, out _))
            {
                throw new InvalidOperationException($"A stored holder key of deferred issuance '{record.DeferredId}' is not a public JWK.");
            }

            holderKeys.Add(key);
        }

        var (subject, subjectError) = await issuance.ResolveAsync(record.OfferId, record.LoggedIn ? record.PersonId : null, cancellationToken).ConfigureAwait(false);
        if (subject is null)
        {
            return (null, subjectError, record);
        }

        var (issued, issueError) = await issuance.IssueAsync(subject, record.ConfigurationId, configuration, holderKeys, now, records, counted, cancellationToken).ConfigureAwait(false);
        return (issued, issueError, record);
    }

    private static (CredentialResponse?, ProtocolError?, DeferredIssuanceRecord?) Refuse(string error, string description) =>
        (null, ProtocolError.Create(error, description), null);
}
