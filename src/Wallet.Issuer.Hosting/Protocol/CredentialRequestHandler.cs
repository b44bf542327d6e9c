using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Security;
using Wallet.Hosting;
using Wallet.Hosting.Statistics;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The Credential Endpoint (OpenID4VCI 1.0 §8) as a pipeline: access token → DPoP proof with <c>ath</c> and key binding
/// → request parsing → configuration → key proofs (with their key attestations) and the single-use <c>c_nonce</c> →
/// subject data → deferred (§9), or one credential per proven or attested holder key, each with its own holder key,
/// fresh salts or randoms, and its own status-list index.
/// </summary>
internal sealed class CredentialRequestHandler(
    IOptions<IssuerOptions> options,
    IssuerEndpoints endpoints,
    ResourceAccess access,
    CredentialRequestUnits units,
    WalletAttestationTrust walletProviders,
    CredentialMessageEnvelope envelope,
    CredentialIssuance issuance,
    IAuthenticSource authenticSource,
    IDeferredIssuanceStore deferredIssuances,
    Statistics.IssuerStatistics statistics,
    TimeProvider timeProvider)
{
    public async ValueTask<(CredentialResponse? Response, ProtocolError? Error)> HandleAsync(CredentialEndpointRequest request, CancellationToken cancellationToken)
    {
        // The proof and nonce the steps below accept, and the records of what they issue, are written in one unit.
        var unit = units.Begin();
        var records = new List<IssuedCredentialRecord>();
        var counted = new List<(UsageEvent, long)>();
        var (credentials, error, deferred) = await IssueAsync(request, unit, records, counted, cancellationToken).ConfigureAwait(false);

        // Only what was written is audited and counted: a request that lost a race issued nothing.
        var committed = error is null
            ? await unit.CommitAsync(records, new CredentialRequestOutcome(AuditRecorder.CredentialsIssued(records), counted), cancellationToken).ConfigureAwait(false)
            : await unit.CommitAsync([], cancellationToken).ConfigureAwait(false);

        if (error is null && committed == CredentialRequestCommit.Committed && deferred is not null)
        {
            // After the commit: a request whose nonce or proof lost a race leaves no transaction behind.
            await deferredIssuances.AddAsync(deferred, cancellationToken).ConfigureAwait(false);
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
            CredentialRequestCommit.NonceAlreadyUsed => BadRequest(OpenId4VciErrors.InvalidNonce, "The proofs' c_nonce was used by a concurrent request (OpenID4VCI 1.0 Sec. 8.3.1.2)."),
            CredentialRequestCommit.DpopProofReplayed => (null, ProtocolError.Create(OAuthErrors.InvalidDpopProof, "A DPoP proof with this jti from this key was already used (RFC 9449 Sec. 11.1).") with { IncludeDpopNonce = true, IsResourceServerError = true }),
            _ => (credentials, null),
        };
    }

    private async ValueTask<(CredentialResponse? Response, ProtocolError? Error, DeferredIssuanceRecord? Deferred)> IssueAsync(CredentialEndpointRequest request, CredentialRequestUnit unit, List<IssuedCredentialRecord> records, List<(UsageEvent, long)> counted, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();

        // Steps 1 and 2: the access token (RFC 6750 Sec. 2.1, RFC 9449 Sec. 7.1) and the DPoP proof bound to its key and
        // hash, the proof's jti recorded in this request's unit.
        var (token, accessError) = await access.AuthorizeAsync(request.Authorization, request.DpopHeaders, endpoints.Credential, unit.ReplayCache, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return (null, accessError, null);
        }

        // Step 3: the request body, decrypted when it came as a JWE (Sec. 10), and the response encryption it asks for,
        // checked before anything is consumed (Sec. 8.2: only an encrypted request may carry it).
        var (json, encrypted, envelopeError) = envelope.Open(request.IsJson, request.IsJwt, request.Body, "Credential");
        if (envelopeError is not null)
        {
            return (null, envelopeError, null);
        }

        var limits = OpenId4VciLimits.Default with { MaxProofs = Math.Max(1, settings.BatchSize) };
        if (!CredentialRequest.TryParse(json.Span, limits, out var credentialRequest, out var parseError))
        {
            return Refuse(CredentialRequest.WireErrorFor(parseError.Code), parseError.Message);
        }

        if (envelope.CheckResponseEncryption(credentialRequest.ResponseEncryption, encrypted, "Credential") is { } encryptionError)
        {
            return (null, encryptionError, null);
        }

        // Step 4: the configuration, which the token must authorize. With credential_identifiers in the token response
        // (authorization_details), requests name the identifier; this issuer uses the configuration id as identifier.
        string configurationId;
        if (token.UsesCredentialIdentifiers)
        {
            if (credentialRequest.CredentialIdentifier is not { } identifier)
            {
                return Refuse(OpenId4VciErrors.InvalidCredentialRequest, "The token response carried credential_identifiers; use credential_identifier (OpenID4VCI 1.0 Sec. 8.2).");
            }

            if (!token.ConfigurationIds.Contains(identifier, StringComparer.Ordinal))
            {
                return Refuse(OpenId4VciErrors.UnknownCredentialIdentifier, "The credential_identifier was not issued with this access token.");
            }

            configurationId = identifier;
        }
        else
        {
            if (credentialRequest.CredentialIdentifier is not null)
            {
                return Refuse(OpenId4VciErrors.UnknownCredentialIdentifier, "No credential_identifiers were issued with this access token; use credential_configuration_id (OpenID4VCI 1.0 Sec. 8.2).");
            }

            configurationId = credentialRequest.CredentialConfigurationId!;
            if (!settings.CredentialConfigurations.ContainsKey(configurationId))
            {
                return Refuse(OpenId4VciErrors.UnknownCredentialConfiguration, "The credential_configuration_id is not offered by this issuer.");
            }

            if (!token.ConfigurationIds.Contains(configurationId, StringComparer.Ordinal))
            {
                return Refuse(OpenId4VciErrors.InvalidCredentialRequest, "The access token does not authorize this credential configuration.");
            }
        }

        var configuration = settings.CredentialConfigurations[configurationId];

        // Step 5: the key proofs and the c_nonce (Appendix F.1, F.3). With key_attestations_required every proof carries a
        // key attestation from a trusted wallet provider (Appendix D.1, HAIP 1.0 Sec. 4.5.1), and every attested key gets
        // its own credential, at most batch_size of them.
        var proofValidator = new KeyProofValidator(new KeyProofValidatorOptions
        {
            CredentialIssuer = endpoints.Issuer,
            TimeProvider = timeProvider,
            RequireNonce = true,
            KeyAttestations = walletProviders.KeyAttestations,
            KeyAttestationsRequired = MetadataDocuments.KeyAttestationRequirementOf(configuration),
            MaxHolderKeys = Math.Max(1, settings.BatchSize),
        });
        ValueTask<bool> ConsumeNonce(string nonce, CancellationToken ct) => unit.ConsumeNonceAsync(SecretHash.Of(nonce), timeProvider.GetUtcNow(), ct);
        var proofs = credentialRequest.AttestationProof is { } attestation
            ? await proofValidator.ValidateAttestationAsync(attestation, ConsumeNonce, cancellationToken).ConfigureAwait(false)
            : await proofValidator.ValidateAsync(credentialRequest.JwtProofs, ConsumeNonce, token.ClientId, cancellationToken).ConfigureAwait(false);
        if (!proofs.Succeeded)
        {
            return Refuse(proofs.WireError, string.Join(" ", proofs.Errors.Select(e => e.Message)));
        }

        // Step 6: the subject, as the register holds it now.
        var (subject, subjectError) = await issuance.ResolveAsync(token.OfferId, token.PersonId, cancellationToken).ConfigureAwait(false);
        if (subject is null)
        {
            return (null, subjectError, null);
        }

        // Step 7: deferred (Sec. 9) when the configuration or the register asks for it. What is needed to issue later is
        // kept — the proved holder keys, the configuration, the subject reference, no claim values — and written only
        // if the unit commits.
        if (configuration.Deferred || (subject.PersonId is { } personId && await authenticSource.RequiresManualCheckAsync(personId, cancellationToken).ConfigureAwait(false)))
        {
            var transactionId = RandomHandle.Create(32);
            var record = new DeferredIssuanceRecord(Id(), SecretHash.Of(transactionId), token.TokenHash, configurationId, [.. proofs.HolderKeys.Select(k => k.ToJson())], now, token.ExpiresAt)
            {
                OfferId = token.OfferId,
                PersonId = subject.PersonId,
                LoggedIn = token.PersonId is not null,
                State = DeferredIssuanceState.Pending,
            };
            return (CredentialResponse.Deferred(transactionId, settings.DeferredInterval) with { Encryption = credentialRequest.ResponseEncryption }, null, record);
        }

        // Step 8: one credential per holder key (Sec. 8.3).
        var (issued, issueError) = await issuance.IssueAsync(subject, configurationId, configuration, proofs.HolderKeys, now, records, counted, cancellationToken).ConfigureAwait(false);
        return (issued is null ? null : issued with { Encryption = credentialRequest.ResponseEncryption }, issueError, null);
    }

    private static string Id() => RandomHandle.Create(16);

    private static (CredentialResponse?, ProtocolError?) BadRequest(string error, string description) =>
        (null, ProtocolError.Create(error, description));

    private static (CredentialResponse?, ProtocolError?, DeferredIssuanceRecord?) Refuse(string error, string description) =>
        (null, ProtocolError.Create(error, description), null);
}
