using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.SdJwt;
using Wallet.Core.Security;

namespace Wallet.Client;

/// <summary>
/// The holder side of OpenID4VP 1.0 over HTTP, profiled by HAIP 1.0: fetches the signed Request Object by reference
/// (GET, or POST with <c>wallet_nonce</c>), validates it against <see cref="WalletClientOptions.VerifierTrust"/>, matches
/// the DCQL query against the stored credentials, presents SD-JWT VCs with a KB-JWT (<c>aud</c> = <c>client_id</c>) and
/// mdocs with a DeviceResponse over the OpenID4VP handover, encrypts the response for <c>direct_post.jwt</c> and posts
/// it. Every failure is a <see cref="WalletFlowException"/> naming the step.
/// </summary>
public sealed class OpenId4VpClient
{
    private const string WalletMetadata =
        """{"vp_formats_supported":{"dc+sd-jwt":{"sd-jwt_alg_values":["ES256"],"kb-jwt_alg_values":["ES256"]},"mso_mdoc":{"issuerauth_alg_values":[-7],"deviceauth_alg_values":[-7]}},"client_id_prefixes_supported":["x509_hash","x509_san_dns"],"response_modes_supported":["direct_post","direct_post.jwt"],"request_object_signing_alg_values_supported":["ES256"],"authorization_encryption_alg_values_supported":["ECDH-ES"],"authorization_encryption_enc_values_supported":["A128GCM","A256GCM"]}""";

    private readonly WalletHttp _http;
    private readonly InMemoryCredentialStore _store;
    private readonly RequestObjectValidator _validator;
    private readonly Func<IReadOnlyList<TransactionData>, bool>? _approveTransactionData;

    /// <summary>Creates the client; <see cref="WalletClientOptions.VerifierTrust"/> must be set.</summary>
    public OpenId4VpClient(HttpClient http, WalletClientOptions options, InMemoryCredentialStore store)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        if (options.VerifierTrust is null)
        {
            throw new ArgumentException("WalletClientOptions.VerifierTrust must name the Verifier trust anchors.", nameof(options));
        }

        _http = new WalletHttp(http, options);
        _store = store;
        _approveTransactionData = options.ApproveTransactionData;
        _validator = new RequestObjectValidator(new RequestObjectValidatorOptions { ChainValidator = options.VerifierTrust, TimeProvider = options.TimeProvider, TransactionDataTypes = TransactionDataType.Known });
    }

    /// <summary>Fetches the Request Object named by <paramref name="authorizationRequestUri"/> and validates it (OpenID4VP 1.0 §5.10, §5.9).</summary>
    public Task<AuthorizationRequest> FetchRequestAsync(string authorizationRequestUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationRequestUri);
        return _http.StepAsync(WalletSteps.RequestObject, async () =>
        {
            if (!AuthorizationRequestUri.TryParse(authorizationRequestUri, out var reference, out var error))
            {
                throw WalletHttp.Fail(WalletSteps.RequestObject, error.Code, error.Message);
            }

            string? walletNonce = null;
            using var message = new HttpRequestMessage(reference.RequestUriMethod == RequestUriMethods.Post ? HttpMethod.Post : HttpMethod.Get, reference.RequestUri);
            if (reference.RequestUriMethod == RequestUriMethods.Post)
            {
                // §5.10.1: a fresh wallet_nonce the Request Object must echo, against replay of a captured object.
                walletNonce = RandomHandle.Create(16);
                message.Content = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal) { ["wallet_nonce"] = walletNonce, ["wallet_metadata"] = WalletMetadata });
            }

            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(RequestObjectSigner.MediaType));
            var response = await _http.SendAsync(WalletSteps.RequestObject, message, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw WalletHttp.Refused(WalletSteps.RequestObject, response);
            }

            if (response.MediaType != RequestObjectSigner.MediaType)
            {
                throw WalletHttp.Fail(WalletSteps.RequestObject, WalletClientErrors.InvalidResponse, $"The Request Object comes as '{response.MediaType}', not {RequestObjectSigner.MediaType} (RFC 9101 §10.2).", (int)response.StatusCode);
            }

            var result = _validator.Validate(response.Body, reference.ClientId, walletNonce);
            if (!result.IsValid)
            {
                var first = result.Errors.Count > 0 ? result.Errors[0] : new Wallet.Core.VerificationError(WalletClientErrors.InvalidResponse, "The Request Object is not valid.");
                throw WalletHttp.Fail(WalletSteps.RequestObject, first.Code, string.Join("; ", result.Errors.Select(e => e.ToString())));
            }

            var request = result.Request!;
            return (request, $"{reference.RequestUriMethod.ToUpperInvariant()} request object: signature and x5c chain to the verifier root, client_id {request.ClientId.Prefix}, {request.ResponseMode}");
        });
    }

    /// <summary>Fetches, validates and answers the request of <paramref name="authorizationRequestUri"/>.</summary>
    public async Task<PresentationResult> RespondAsync(string authorizationRequestUri, CancellationToken cancellationToken = default)
    {
        var request = await FetchRequestAsync(authorizationRequestUri, cancellationToken).ConfigureAwait(false);
        return await PresentAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Matches the request's DCQL query, presents the first matching credential of each requested Credential Query with
    /// only the claims asked for, and posts the (encrypted) response. When nothing matches, the Verifier gets an
    /// <c>access_denied</c> error response (§8.5) and the step <c>dcql</c> fails.
    /// </summary>
    public async Task<PresentationResult> PresentAsync(AuthorizationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var held = _store.Credentials;
        var match = await _http.StepAsync(WalletSteps.Dcql, async () =>
        {
            var result = DcqlMatcher.Match(request.DcqlQuery, held.Select(c => c.ToDcqlCredential()));
            if (!result.CanBeSatisfied)
            {
                await PostAsync(request, AuthorizationResponseWriter.CreateError(request, "access_denied", "No credential in the wallet matches the query."), cancellationToken).ConfigureAwait(false);
                var first = result.Errors[0];
                throw WalletHttp.Fail(WalletSteps.Dcql, first.Code, string.Join("; ", result.Errors.Select(e => e.ToString())));
            }

            return (result, $"{result.RequestedCredentialQueryIds.Count} credential quer{(result.RequestedCredentialQueryIds.Count == 1 ? "y" : "ies")} matched among {held.Count} stored credentials");
        }).ConfigureAwait(false);

        if (request.TransactionData.Count > 0)
        {
            await _http.StepAsync(WalletSteps.Consent, async () =>
            {
                // §8.5: an entry none of whose credentials will be presented cannot be authorized (invalid_transaction_data).
                var uncovered = request.TransactionData.FirstOrDefault(t => !t.CredentialIds.Any(match.RequestedCredentialQueryIds.Contains));
                if (uncovered is not null)
                {
                    await PostAsync(request, AuthorizationResponseWriter.CreateError(request, OpenId4VpErrors.InvalidTransactionData, "A referenced credential is not available in the wallet."), cancellationToken).ConfigureAwait(false);
                    throw WalletHttp.Fail(WalletSteps.Consent, TransactionDataErrorCodes.HashesMissing, $"No credential the wallet presents is one the '{uncovered.Type}' transaction data names ({string.Join(", ", uncovered.CredentialIds)}).");
                }

                if (_approveTransactionData is null || !_approveTransactionData(request.TransactionData))
                {
                    await PostAsync(request, AuthorizationResponseWriter.CreateError(request, "access_denied", "The End-User did not authorize the transaction."), cancellationToken).ConfigureAwait(false);
                    throw WalletHttp.Fail(WalletSteps.Consent, WalletClientErrors.ConsentDenied, "The transaction data was not approved (WalletClientOptions.ApproveTransactionData), so nothing was signed or sent.");
                }

                return (true, $"{request.TransactionData.Count} transaction data entr{(request.TransactionData.Count == 1 ? "y" : "ies")} approved: {string.Join(", ", request.TransactionData.Select(t => t.Type))}");
            }).ConfigureAwait(false);
        }

        var (form, presented) = await _http.StepAsync(WalletSteps.Present, () =>
        {
            var presentations = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var presented = new List<PresentedCredential>();
            var unsigned = request.TransactionData.ToList();
            foreach (var id in match.RequestedCredentialQueryIds)
            {
                match.TryGetCredentialQueryMatch(id, out var queryMatch);
                var candidate = queryMatch!.Candidates[0];
                var credential = held[candidate.CredentialIndex];
                // §5.1: an entry naming several queries is signed by the first of them presented, and only by it.
                var toSign = unsigned.Where(t => t.CredentialIds.Contains(id, StringComparer.Ordinal)).ToList();
                unsigned.RemoveAll(toSign.Contains);
                presentations[id] = [Present(request, credential, candidate.PathsToDisclose, toSign)];
                presented.Add(new PresentedCredential(id, credential.Format, credential.Type, [.. candidate.PathsToDisclose.Select(p => p.ToString())]) { SignedTransactionData = [.. toSign.Select(t => t.Type)] });
            }

            var fields = AuthorizationResponseWriter.CreateResponse(request, VpToken.Create(presentations));
            var how = request.ResponseMode == ResponseModes.DirectPostJwt ? "encrypted to the verifier's ephemeral key (ECDH-ES JWE)" : "in the clear (direct_post)";
            return Task.FromResult(((fields, (IReadOnlyList<PresentedCredential>)presented), $"{string.Join(", ", presented.Select(p => $"{p.Format} ({p.DisclosedClaims.Count} claims)"))}; response {how}"));
        }).ConfigureAwait(false);

        var redirect = await _http.StepAsync(WalletSteps.Response, async () =>
        {
            var uri = await PostAsync(request, form, cancellationToken).ConfigureAwait(false);
            return (uri, uri is null ? "accepted by the verifier" : "accepted; verifier returned a same-device redirect_uri with response_code");
        }).ConfigureAwait(false);

        return new PresentationResult(presented, redirect);
    }

    private string Present(AuthorizationRequest request, StoredCredential credential, IReadOnlyList<Wallet.Core.Claims.ClaimPath> paths, List<TransactionData> transactionData)
    {
        switch (credential)
        {
            case StoredSdJwtVc sdJwtVc:
                // OpenID4VP 1.0 B.3.6: the KB-JWT's aud is the client_id (with its prefix), its nonce the request's.
                // B.3.3: the KB-JWT signs the hashes of the transaction data this credential authorizes.
                return SdJwtHolder.Present(sdJwtVc.Issued, paths, new KeyBindingOptions(sdJwtVc.HolderKey, request.ClientId.Value, request.Nonce, _http.Now)
                {
                    AdditionalClaims = transactionData.Count > 0 ? TransactionDataHashes.CreateClaims(transactionData) : null,
                });
            case StoredMdoc mdoc:
                // OpenID4VP 1.0 B.2.6.1: the handover binds client_id, nonce, response_uri and, when encrypted, the JWK thumbprint.
                var transcript = SessionTranscript.ForOpenId4VpRedirect(
                    request.ClientId.Value,
                    request.Nonce,
                    ResponseEncryption.ForResponseMode(request.ResponseMode, request.ClientMetadata.EncryptionKey),
                    request.ResponseUri.AbsoluteUri);
                return MdocPresenter.Present(mdoc.IssuerSigned, mdoc.HolderKey, paths, transcript).ToBase64Url();
            default:
                throw WalletHttp.Fail(WalletSteps.Present, WalletClientErrors.InvalidCredential, $"Cannot present the format '{credential.Format}'.");
        }
    }

    private async Task<Uri?> PostAsync(AuthorizationRequest request, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.ResponseUri) { Content = new FormUrlEncodedContent(fields) };
        var response = await _http.SendAsync(WalletSteps.Response, message, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw WalletHttp.Refused(WalletSteps.Response, response);
        }

        if (response.Body.Length == 0)
        {
            return null;
        }

        var json = WalletHttp.JsonObjectOf(WalletSteps.Response, response);
        if (json["redirect_uri"] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        // §8.2: the wallet sends the user there; only https (or loopback http) is followed.
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? uri
            : throw WalletHttp.Fail(WalletSteps.Response, WalletClientErrors.InvalidResponse, "The verifier's redirect_uri is not an absolute https URL.", (int)response.StatusCode);
    }
}
