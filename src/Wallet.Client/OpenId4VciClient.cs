using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Security;

namespace Wallet.Client;

/// <summary>
/// The holder side of OpenID4VCI 1.0 over HTTP, profiled by HAIP 1.0: Credential Offers, the pre-authorized code grant
/// with <c>tx_code</c>, the authorization code grant with PAR and PKCE S256, DPoP-bound tokens (answering
/// <c>use_dpop_nonce</c> once per request), the Nonce Endpoint, <c>jwt</c> key proofs and key attestations (Appendix D, F.3). Received credentials go into
/// the <see cref="InMemoryCredentialStore"/>. Every failure is a <see cref="WalletFlowException"/> naming the step.
/// </summary>
public sealed class OpenId4VciClient
{
    private readonly WalletHttp _http;
    private readonly InMemoryCredentialStore _store;

    /// <summary>Creates the client. <paramref name="http"/> must not follow redirects on its own.</summary>
    public OpenId4VciClient(HttpClient http, WalletClientOptions options, InMemoryCredentialStore store)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        _http = new WalletHttp(http, options);
        _store = store;
    }

    private WalletClientOptions Options => _http.Options;

    /// <summary>Parses an offer link (by value or by reference, OpenID4VCI 1.0 §4.1) and discovers the issuer.</summary>
    public async Task<ResolvedOffer> ResolveOfferAsync(string offerLink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offerLink);
        var offer = await _http.StepAsync(WalletSteps.Offer, async () =>
        {
            if (!CredentialOfferLink.TryParse(offerLink, OpenId4VciLimits.Default, out var link, out var error))
            {
                throw WalletHttp.Fail(WalletSteps.Offer, error.Code, error.Message);
            }

            if (link.Offer is { } byValue)
            {
                return (byValue, $"offer by value from {byValue.CredentialIssuer}");
            }

            var response = await _http.GetAsync(WalletSteps.Offer, link.OfferUri!, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw WalletHttp.Refused(WalletSteps.Offer, response);
            }

            WalletHttp.JsonObjectOf(WalletSteps.Offer, response);
            if (!CredentialOffer.TryParse(response.Body, OpenId4VciLimits.Default, out var offer, out error))
            {
                throw WalletHttp.Fail(WalletSteps.Offer, error.Code, error.Message);
            }

            return (offer, $"offer by reference: {string.Join(", ", offer.CredentialConfigurationIds)}; grant {(offer.PreAuthorizedCode is null ? "authorization_code" : "pre-authorized_code")}{(offer.PreAuthorizedCode?.TxCode is null ? string.Empty : " with tx_code")}");
        }).ConfigureAwait(false);

        var issuer = await LoadIssuerAsync(offer.CredentialIssuer, cancellationToken).ConfigureAwait(false);
        return new ResolvedOffer(offer, issuer);
    }

    /// <summary>Fetches the Credential Issuer Metadata and its authorization server's metadata (the first listed, else the issuer itself).</summary>
    public Task<IssuerContext> LoadIssuerAsync(string credentialIssuer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialIssuer);
        return _http.StepAsync(WalletSteps.Metadata, async () =>
        {
            var response = await _http.GetAsync(WalletSteps.Metadata, WellKnown(credentialIssuer, "openid-credential-issuer"), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw WalletHttp.Refused(WalletSteps.Metadata, response);
            }

            var document = WalletHttp.JsonObjectOf(WalletSteps.Metadata, response);
            var (text, signedNote) = SignedValuesFirst(document, response.Body, credentialIssuer);
            if (!CredentialIssuerMetadata.TryParse(text, credentialIssuer, OpenId4VciLimits.Default, out var metadata, out var error))
            {
                throw WalletHttp.Fail(WalletSteps.Metadata, error.Code, error.Message);
            }

            var authorizationServer = metadata.AuthorizationServers.Count > 0 ? metadata.AuthorizationServers[0] : credentialIssuer;
            var asResponse = await _http.GetAsync(WalletSteps.Metadata, WellKnown(authorizationServer, "oauth-authorization-server"), cancellationToken).ConfigureAwait(false);
            if (!asResponse.IsSuccess)
            {
                throw WalletHttp.Refused(WalletSteps.Metadata, asResponse);
            }

            var asMetadata = AuthorizationServerMetadata.Parse(WalletHttp.JsonObjectOf(WalletSteps.Metadata, asResponse), authorizationServer);
            return (new IssuerContext(metadata, asMetadata), $"issuer and authorization server metadata: {metadata.CredentialConfigurations.Count} credential configurations{signedNote}");
        });
    }

    // §12.2.3: a Wallet that evaluates signed metadata establishes trust in its signer or rejects it, and the signed
    // values take precedence over the plain ones.
    private (string Json, string Note) SignedValuesFirst(JsonObject document, string body, string credentialIssuer)
    {
        if (Options.IssuerMetadataTrust is not { } trust)
        {
            return (body, string.Empty);
        }

        if (document[SignedIssuerMetadata.ParameterName] is not JsonValue value || !value.TryGetValue<string>(out var jwt))
        {
            return Options.RequireSignedIssuerMetadata
                ? throw WalletHttp.Fail(WalletSteps.Metadata, OpenId4VciErrorCodes.SignedMetadataMalformed, "The Credential Issuer Metadata has no string 'signed_metadata', which this wallet requires (OpenID4VCI 1.0 §12.2.3).")
                : (body, string.Empty);
        }

        if (!SignedIssuerMetadata.TryVerify(jwt, credentialIssuer, trust, _http.Now, out var signed, out var error))
        {
            throw WalletHttp.Fail(WalletSteps.Metadata, error.Code, error.Message);
        }

        foreach (var (name, signedValue) in signed.ToList())
        {
            document[name] = signedValue?.DeepClone();
        }

        document.Remove(SignedIssuerMetadata.ParameterName);
        return (document.ToJsonString(), ", signed_metadata verified");
    }

    /// <summary>Redeems the offer's pre-authorized code (OpenID4VCI 1.0 §6.1) with <paramref name="txCode"/> when the offer asks for one.</summary>
    public Task<IssuanceSession> RedeemPreAuthorizedCodeAsync(ResolvedOffer offer, string? txCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var grant = offer.Offer.PreAuthorizedCode
            ?? throw WalletHttp.Fail(WalletSteps.Token, WalletClientErrors.InvalidResponse, "The offer has no pre-authorized code grant.");
        if ((grant.TxCode is null) != (txCode is null))
        {
            throw WalletHttp.Fail(WalletSteps.Token, WalletClientErrors.TxCodeRequired, grant.TxCode is null ? "The offer asks for no transaction code, but one was given." : "The offer asks for a transaction code (tx_code, OpenID4VCI 1.0 §4.1.1).");
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = PreAuthorizedCodeGrant.GrantType,
            ["pre-authorized_code"] = grant.PreAuthorizedCode,
        };
        if (txCode is not null)
        {
            form["tx_code"] = txCode;
        }

        if (Options.WalletInstance is not null)
        {
            form["client_id"] = Options.WalletInstance.ClientId;
        }

        return RequestTokenAsync(offer.Issuer, form, "pre-authorized code", cancellationToken);
    }

    /// <summary>
    /// The authorization code flow (OpenID4VCI 1.0 §5, HAIP 1.0 §4): a pushed authorization request with PKCE S256,
    /// <c>dpop_jkt</c> and the wallet attestation, the user at the authorization endpoint through <paramref name="userAgent"/>,
    /// checks of <c>state</c> and <c>iss</c>, then the token request with the code verifier.
    /// </summary>
    public async Task<IssuanceSession> AuthorizeAsync(IssuerContext issuer, IReadOnlyList<string> configurationIds, IAuthorizationUserAgent userAgent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(configurationIds);
        var scopes = new List<string>();
        foreach (var id in configurationIds)
        {
            if (!issuer.Metadata.CredentialConfigurations.TryGetValue(id, out var configuration) || configuration.Scope is null)
            {
                throw WalletHttp.Fail(WalletSteps.PushedAuthorizationRequest, OAuthErrors.InvalidScope, $"The issuer has no scope for the credential configuration '{id}'.");
            }

            scopes.Add(configuration.Scope);
        }

        return await AuthorizeAsync(issuer, "scope", string.Join(' ', scopes), $"scope {string.Join(' ', scopes)}", userAgent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The authorization code flow with <c>authorization_details</c> of type <c>openid_credential</c> instead of scopes
    /// (OpenID4VCI 1.0 §5.1.1): each entry names a credential configuration and, optionally, the claims the wallet asks
    /// for (Appendix B.1), so the issuer issues only those and the ones it must always issue. The token response's
    /// <c>credential_identifiers</c> (§6.2) then name the credentials in <see cref="RequestCredentialsAsync"/>.
    /// </summary>
    public async Task<IssuanceSession> AuthorizeAsync(IssuerContext issuer, IReadOnlyList<CredentialAuthorizationDetail> authorizationDetails, IAuthorizationUserAgent userAgent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(authorizationDetails);
        var details = new JsonArray();
        foreach (var detail in authorizationDetails)
        {
            if (!issuer.Metadata.CredentialConfigurations.ContainsKey(detail.CredentialConfigurationId))
            {
                throw WalletHttp.Fail(WalletSteps.PushedAuthorizationRequest, WalletClientErrors.InvalidResponse, $"The issuer has no credential configuration '{detail.CredentialConfigurationId}'.");
            }

            var entry = new JsonObject { ["type"] = "openid_credential", ["credential_configuration_id"] = detail.CredentialConfigurationId };
            if (detail.Claims is { Count: > 0 } claims)
            {
                entry["claims"] = new JsonArray([.. claims.Select(c => (JsonNode)(c.Mandatory
                    ? new JsonObject { ["path"] = c.Path.ToJsonArray(), ["mandatory"] = true }
                    : new JsonObject { ["path"] = c.Path.ToJsonArray() }))]);
            }

            details.Add(entry);
        }

        var claimCount = authorizationDetails.Sum(d => d.Claims?.Count ?? 0);
        return await AuthorizeAsync(issuer, "authorization_details", details.ToJsonString(), $"authorization_details for {string.Join(' ', authorizationDetails.Select(d => d.CredentialConfigurationId))}{(claimCount > 0 ? $" with {claimCount} claim{(claimCount > 1 ? "s" : string.Empty)}" : string.Empty)}", userAgent, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IssuanceSession> AuthorizeAsync(IssuerContext issuer, string requestParameter, string requestValue, string requestDescription, IAuthorizationUserAgent userAgent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        var server = issuer.AuthorizationServer;
        if (server.PushedAuthorizationRequestEndpoint is null || server.AuthorizationEndpoint is null)
        {
            throw WalletHttp.Fail(WalletSteps.PushedAuthorizationRequest, WalletClientErrors.InvalidResponse, "The authorization server announces no PAR or authorization endpoint.");
        }

        var verifier = Pkce.CreateVerifier();
        var state = RandomHandle.Create(16);
        var dpopKey = SigningKey.Generate();
        var clientId = Options.ClientId;

        var requestUri = await _http.StepAsync(WalletSteps.PushedAuthorizationRequest, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, server.PushedAuthorizationRequestEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["response_type"] = "code",
                    ["client_id"] = clientId,
                    ["redirect_uri"] = Options.RedirectUri.AbsoluteUri,
                    ["code_challenge"] = Pkce.ComputeChallenge(verifier),
                    ["code_challenge_method"] = Pkce.S256,
                    [requestParameter] = requestValue,
                    ["state"] = state,
                    ["dpop_jkt"] = dpopKey.PublicJwk.ComputeThumbprintBase64Url(),
                }),
            };
            Options.WalletInstance?.Authenticate(request, server.Issuer, _http.Now);
            var response = await _http.SendAsync(WalletSteps.PushedAuthorizationRequest, request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw WalletHttp.Refused(WalletSteps.PushedAuthorizationRequest, response);
            }

            var uri = WalletHttp.RequiredString(WalletSteps.PushedAuthorizationRequest, WalletHttp.JsonObjectOf(WalletSteps.PushedAuthorizationRequest, response), "request_uri", 201);
            return (uri, $"pushed: PKCE S256, {requestDescription}, dpop_jkt{(Options.WalletInstance is null ? string.Empty : ", wallet attestation")}");
        }).ConfigureAwait(false);

        var code = await _http.StepAsync(WalletSteps.Authorize, async () =>
        {
            var authorizationUrl = new Uri($"{server.AuthorizationEndpoint.AbsoluteUri}?client_id={Uri.EscapeDataString(clientId)}&request_uri={Uri.EscapeDataString(requestUri)}");
            Uri redirect;
            try
            {
                redirect = await userAgent.AuthorizeAsync(authorizationUrl, Options.RedirectUri, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw WalletHttp.Fail(WalletSteps.Authorize, WalletClientErrors.Transport, e.Message, null, e);
            }

            return (ReadAuthorizationResponse(redirect, state, server), "user authenticated; code, state and iss checked (RFC 9207)");
        }).ConfigureAwait(false);

        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = AuthorizationCodeGrant.GrantType,
            ["code"] = code,
            ["redirect_uri"] = Options.RedirectUri.AbsoluteUri,
            ["code_verifier"] = verifier,
            ["client_id"] = clientId,
        };
        return await RequestTokenAsync(issuer, form, "authorization code + PKCE verifier", cancellationToken, dpopKey, clientId).ConfigureAwait(false);
    }

    /// <summary>
    /// Renews a session without the user (ARF ISSU_42, OpenID4VCI 1.0 §14.5): the refresh token with a DPoP proof of the
    /// same key (RFC 9449 §5) for a new access token and the rotated refresh token. The old refresh token is used up: the
    /// returned session replaces <paramref name="session"/>, and presenting the old one again revokes the grant.
    /// </summary>
    public Task<IssuanceSession> RefreshAsync(IssuanceSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var refreshToken = session.RefreshToken
            ?? throw WalletHttp.Fail(WalletSteps.Token, WalletClientErrors.InvalidResponse, "The issuer gave no refresh token; start a new authorization.");
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        };

        // Used up by this request whatever its outcome, so the session forgets it before sending.
        session.RefreshToken = null;
        return RequestTokenAsync(session.Issuer, form, "refresh token (rotated)", cancellationToken, session.DpopKey, session.ClientId);
    }

    /// <summary>
    /// True when a batch of <paramref name="configuration"/> must be renewed under its <c>credential_reuse_policy</c>:
    /// the unused credentials are down to <c>reissue_trigger_unused</c> (ARF ISSU_45) or the lifetime left is down to
    /// <c>reissue_trigger_lifetime_left</c> (ISSU_50). Without a policy, when nothing is left unused or the batch has expired.
    /// </summary>
    public static bool IsReissuanceDue(CredentialConfiguration configuration, int unused, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var option = configuration.ReusePolicy is { Options.Count: > 0 } policy ? policy.Options[0] : null;
        var unusedTrigger = option?.ReissueTriggerUnused ?? 0;
        var lifetimeTrigger = option?.ReissueTriggerLifetimeLeft ?? TimeSpan.Zero;
        return unused <= unusedTrigger || (expiresAt is { } end && end - now <= lifetimeTrigger);
    }

    /// <summary>
    /// Gets a fresh <c>c_nonce</c> and requests <paramref name="count"/> credentials of <paramref name="configurationId"/>,
    /// one new holder key and key proof each (OpenID4VCI 1.0 §8, Appendix F.1), and stores them.
    /// </summary>
    /// <param name="session">The session with its DPoP-bound access token.</param>
    /// <param name="configurationId">The configuration to request.</param>
    /// <param name="count">How many credentials (one key proof each).</param>
    /// <param name="encryption">When to encrypt the request and ask for an encrypted response (§10); <see cref="WalletClientOptions.CredentialEncryption"/> when null.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task<IReadOnlyList<StoredCredential>> RequestCredentialsAsync(IssuanceSession session, string configurationId, int count = 1, CredentialEncryptionPolicy? encryption = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var metadata = session.Issuer.Metadata;
        if (!metadata.CredentialConfigurations.TryGetValue(configurationId, out var configuration))
        {
            throw WalletHttp.Fail(WalletSteps.Credential, OpenId4VciErrors.UnknownCredentialConfiguration, $"The issuer offers no configuration '{configurationId}'.");
        }

        var nonce = await FetchNonceAsync(session, cancellationToken).ConfigureAwait(false);
        var received = await _http.StepAsync(WalletSteps.Credential, async () =>
        {
            var holderKeys = Enumerable.Range(0, count).Select(_ => SigningKey.Generate()).ToArray();
            var (proofs, proofNote) = Proofs(configuration, holderKeys, metadata.CredentialIssuer, nonce, session.ClientId);
            var body = new JsonObject { ["proofs"] = proofs };
            if (session.CredentialIdentifiers.Contains(configurationId))
            {
                body["credential_identifier"] = configurationId;
            }
            else
            {
                body["credential_configuration_id"] = configurationId;
            }

            using var envelope = CredentialMessageEncryption.For(metadata, encryption ?? Options.CredentialEncryption, WalletSteps.Credential);
            var (response, retried) = await SendWithDpopAsync(
                WalletSteps.Credential,
                () => new HttpRequestMessage(HttpMethod.Post, metadata.CredentialEndpoint) { Content = envelope is null ? new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") : envelope.Encrypt(body) },
                metadata.CredentialEndpoint,
                session.DpopKey,
                () => session.DpopNonce,
                n => session.DpopNonce = n,
                session.AccessToken,
                cancellationToken).ConfigureAwait(false);
            var deferred = response.StatusCode == HttpStatusCode.Accepted;
            if (deferred)
            {
                // §8.3: 202 with a transaction_id; the credentials come from the Deferred Credential Endpoint (§9).
                response = await PollDeferredAsync(session, envelope is null ? response : envelope.Open(WalletSteps.Credential, response, Options.MaxResponseBytes), envelope, cancellationToken).ConfigureAwait(false);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw WalletHttp.Refused(WalletSteps.Credential, response);
            }

            // Errors are never encrypted (§8.3.1); a success answers an encrypted request asking for it with a JWE (§8.3),
            // which PollDeferredAsync has already opened for a deferred one.
            var json = WalletHttp.JsonObjectOf(WalletSteps.Credential, envelope is null || deferred ? response : envelope.Open(WalletSteps.Credential, response, Options.MaxResponseBytes));
            if (json["credentials"] is not JsonArray credentials || credentials.Count != holderKeys.Length)
            {
                throw WalletHttp.Fail(WalletSteps.Credential, WalletClientErrors.InvalidResponse, $"Expected 'credentials' with {holderKeys.Length} entries (deferred issuance is not supported).", 200);
            }

            var notificationId = json["notification_id"] is JsonValue id && id.TryGetValue<string>(out var n) && n.Length > 0 ? n : null;
            var stored = new List<StoredCredential>();
            try
            {
                for (var i = 0; i < credentials.Count; i++)
                {
                    var text = credentials[i] is JsonObject entry && entry["credential"] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
                    var credential = Store(text, configuration, configurationId, metadata.CredentialIssuer, holderKeys[i]);
                    await VerifyReceivedAsync(credential, text!, cancellationToken).ConfigureAwait(false);
                    credential.NotificationId = notificationId;
                    stored.Add(credential);
                }
            }
            catch (WalletFlowException) when (notificationId is not null && Options.SendNotifications && metadata.NotificationEndpoint is not null)
            {
                // §11.1: one credential of a batch that cannot be stored fails the whole batch.
                await TryNotifyAsync(session, notificationId, NotificationEvents.CredentialFailure, "The wallet could not store the credentials.", cancellationToken).ConfigureAwait(false);
                throw;
            }

            foreach (var credential in stored)
            {
                _store.Add(credential);
            }

            return ((IReadOnlyList<StoredCredential>)stored, $"{stored.Count} × {configuration.Format} ({stored[0].Type}), {proofNote}, DPoP{(retried ? " after use_dpop_nonce" : string.Empty)}{(deferred ? ", deferred" : string.Empty)}{(envelope is null ? string.Empty : ", " + envelope.Description)}; stored");
        }).ConfigureAwait(false);
        if (received[0].NotificationId is { } notificationId && Options.SendNotifications && metadata.NotificationEndpoint is not null)
        {
            await TryNotifyAsync(session, notificationId, NotificationEvents.CredentialAccepted, null, cancellationToken).ConfigureAwait(false);
        }

        return received;
    }

    /// <summary>
    /// Polls the Deferred Credential Endpoint (OpenID4VCI 1.0 §9.1) with the <c>transaction_id</c> of a 202 response,
    /// waiting the issuer's <c>interval</c> before each poll, until it answers anything but 202 (§9.2) or
    /// <see cref="WalletClientOptions.MaxDeferredWait"/> runs out. The final response is returned as it came.
    /// </summary>
    private async Task<WalletHttpResponse> PollDeferredAsync(IssuanceSession session, WalletHttpResponse accepted, CredentialMessageEncryption? envelope, CancellationToken cancellationToken)
    {
        var metadata = session.Issuer.Metadata;
        if (metadata.DeferredCredentialEndpoint is not { } endpoint)
        {
            throw WalletHttp.Fail(WalletSteps.DeferredCredential, WalletClientErrors.InvalidResponse, "The issuer answered 202 but announces no deferred_credential_endpoint (OpenID4VCI 1.0 §12.2.4).", 202);
        }

        var waited = TimeSpan.Zero;
        var response = accepted;
        while (true)
        {
            var json = WalletHttp.JsonObjectOf(WalletSteps.DeferredCredential, response);
            if (json["transaction_id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var transactionId) || transactionId.Length == 0
                || json["interval"] is not JsonValue intervalValue || !intervalValue.TryGetValue<long>(out var seconds) || seconds < 1
                || json["credentials"] is not null)
            {
                throw WalletHttp.Fail(WalletSteps.DeferredCredential, WalletClientErrors.InvalidResponse, "A 202 Credential Response must carry a transaction_id and a positive interval, and no credentials (OpenID4VCI 1.0 §8.3).", 202);
            }

            // The issuer's interval, but never past the wallet's own limit (an issuer cannot keep it waiting for ever).
            var interval = TimeSpan.FromSeconds(Math.Min(seconds, 3600));
            if (waited + interval > Options.MaxDeferredWait)
            {
                throw WalletHttp.Fail(WalletSteps.DeferredCredential, WalletClientErrors.DeferredTimeout, $"The deferred issuance was still pending after {waited.TotalSeconds:0} s; transaction_id kept by the issuer.", 202);
            }

            await Task.Delay(interval, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            waited += interval;
            var body = new JsonObject { ["transaction_id"] = transactionId };
            (response, _) = await SendWithDpopAsync(
                WalletSteps.DeferredCredential,
                () => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = envelope is null ? new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") : envelope.Encrypt(body) },
                endpoint,
                session.DpopKey,
                () => session.DpopNonce,
                n => session.DpopNonce = n,
                session.AccessToken,
                cancellationToken).ConfigureAwait(false);
            // §9.2 with §10: each poll asks again for an encrypted answer, so every success (200 or 202) is opened here.
            if (envelope is not null && response.IsSuccess)
            {
                response = envelope.Open(WalletSteps.DeferredCredential, response, Options.MaxResponseBytes);
            }

            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return response;
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="notificationEvent"/> for the Credential Response with <paramref name="notificationId"/> to
    /// the issuer's Notification Endpoint (OpenID4VCI 1.0 §11), with the session's DPoP-bound access token; for
    /// example <see cref="NotificationEvents.CredentialDeleted"/> when the user deletes the credentials.
    /// </summary>
    public Task NotifyAsync(IssuanceSession session, string notificationId, string notificationEvent, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(notificationId);
        ArgumentException.ThrowIfNullOrEmpty(notificationEvent);
        var endpoint = session.Issuer.Metadata.NotificationEndpoint
            ?? throw WalletHttp.Fail(WalletSteps.Notification, WalletClientErrors.InvalidResponse, "The issuer has no notification_endpoint (OpenID4VCI 1.0 §12.2.4).");
        var body = new NotificationRequest { NotificationId = notificationId, Event = notificationEvent, EventDescription = description }.ToJsonObject().ToJsonString();
        return _http.StepAsync(WalletSteps.Notification, async () =>
        {
            var (response, _) = await SendWithDpopAsync(
                WalletSteps.Notification,
                () => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
                endpoint,
                session.DpopKey,
                () => session.DpopNonce,
                n => session.DpopNonce = n,
                session.AccessToken,
                cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw WalletHttp.Refused(WalletSteps.Notification, response);
            }

            return (true, $"{notificationEvent} sent");
        });
    }

    // The credentials are the wallet's whatever the notification's fate: §11 makes the endpoint informational.
    private async Task TryNotifyAsync(IssuanceSession session, string notificationId, string notificationEvent, string? description, CancellationToken cancellationToken)
    {
        try
        {
            await NotifyAsync(session, notificationId, notificationEvent, description, cancellationToken).ConfigureAwait(false);
        }
        catch (WalletFlowException)
        {
            // Reported through StepCompleted's absence only; a refused notification never undoes the issuance.
        }
    }

    private Task<string> FetchNonceAsync(IssuanceSession session, CancellationToken cancellationToken)
    {
        var endpoint = session.Issuer.Metadata.NonceEndpoint
            ?? throw WalletHttp.Fail(WalletSteps.Nonce, WalletClientErrors.InvalidResponse, "The issuer has no nonce_endpoint; key proofs need a c_nonce.");
        return _http.StepAsync(WalletSteps.Nonce, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
            var response = await _http.SendAsync(WalletSteps.Nonce, request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw WalletHttp.Refused(WalletSteps.Nonce, response);
            }

            session.DpopNonce = WalletHttp.DpopNonceOf(response) ?? session.DpopNonce;
            return (WalletHttp.RequiredString(WalletSteps.Nonce, WalletHttp.JsonObjectOf(WalletSteps.Nonce, response), "c_nonce", 200), "fresh c_nonce (and DPoP-Nonce)");
        });
    }

    private Task<IssuanceSession> RequestTokenAsync(IssuerContext issuer, Dictionary<string, string> form, string grantDescription, CancellationToken cancellationToken, SigningKey? dpopKey = null, string? clientId = null)
    {
        var server = issuer.AuthorizationServer;
        var key = dpopKey ?? SigningKey.Generate();
        string? nonce = null;
        clientId ??= Options.WalletInstance?.ClientId;
        return _http.StepAsync(WalletSteps.Token, async () =>
        {
            var (response, retried) = await SendWithDpopAsync(
                WalletSteps.Token,
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, server.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
                    Options.WalletInstance?.Authenticate(request, server.Issuer, _http.Now);
                    return request;
                },
                server.TokenEndpoint,
                key,
                () => nonce,
                n => nonce = n,
                accessToken: null,
                cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw WalletHttp.Refused(WalletSteps.Token, response);
            }

            var json = WalletHttp.JsonObjectOf(WalletSteps.Token, response);
            var accessToken = WalletHttp.RequiredString(WalletSteps.Token, json, "access_token", 200);
            var tokenType = WalletHttp.RequiredString(WalletSteps.Token, json, "token_type", 200);
            if (!tokenType.Equals("DPoP", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 9449 §5: a token requested with a DPoP proof that comes back as Bearer is not bound; refuse it.
                throw WalletHttp.Fail(WalletSteps.Token, WalletClientErrors.InvalidResponse, $"token_type is '{tokenType}', not DPoP (RFC 9449 §5).", 200);
            }

            var identifiers = (json["authorization_details"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .SelectMany(d => d["credential_identifiers"] as JsonArray ?? [])
                .Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
                .OfType<string>()
                .ToArray();
            var session = new IssuanceSession(issuer, accessToken, key, nonce, identifiers, clientId)
            {
                RefreshToken = json["refresh_token"] is JsonValue refresh && refresh.TryGetValue<string>(out var refreshToken) && refreshToken.Length > 0 ? refreshToken : null,
            };
            return (session, $"{grantDescription} → DPoP-bound access token{(retried ? " (after use_dpop_nonce)" : string.Empty)}{(Options.WalletInstance is null ? string.Empty : ", wallet attestation")}");
        });
    }

    /// <summary>Sends with a DPoP proof; when the server answers <c>use_dpop_nonce</c> with a fresh nonce, retries once (RFC 9449 §8, §9).</summary>
    private async Task<(WalletHttpResponse Response, bool Retried)> SendWithDpopAsync(
        string step,
        Func<HttpRequestMessage> create,
        Uri uri,
        SigningKey key,
        Func<string?> getNonce,
        Action<string> setNonce,
        string? accessToken,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(key, request.Method.Method, uri, _http.Now, getNonce(), accessToken));
            if (accessToken is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", $"DPoP {accessToken}");
            }

            var sentNonce = getNonce();
            var response = await _http.SendAsync(step, request, cancellationToken).ConfigureAwait(false);
            var fresh = WalletHttp.DpopNonceOf(response);
            if (fresh is not null)
            {
                setNonce(fresh);
            }

            if (attempt == 0 && !response.IsSuccess && fresh is not null && fresh != sentNonce
                && WalletHttp.Refused(step, response).Error.Error == OAuthErrors.UseDpopNonce)
            {
                continue;
            }

            return (response, attempt > 0);
        }
    }

    private string ReadAuthorizationResponse(Uri redirect, string state, AuthorizationServerMetadata server)
    {
        if (!redirect.GetLeftPart(UriPartial.Path).Equals(Options.RedirectUri.GetLeftPart(UriPartial.Path), StringComparison.Ordinal))
        {
            throw WalletHttp.Fail(WalletSteps.Authorize, WalletClientErrors.RedirectMismatch, "The authorization ended somewhere other than the wallet's redirect_uri.");
        }

        var query = ParseQuery(redirect.Query);
        if (query.TryGetValue("error", out var error))
        {
            throw WalletHttp.Fail(WalletSteps.Authorize, error, query.GetValueOrDefault("error_description") ?? string.Empty);
        }

        if (!query.TryGetValue("state", out var returnedState) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(returnedState), Encoding.UTF8.GetBytes(state)))
        {
            throw WalletHttp.Fail(WalletSteps.Authorize, WalletClientErrors.StateMismatch, "The authorization response's state is not the one sent (RFC 6749 §10.12).");
        }

        query.TryGetValue("iss", out var iss);
        if ((server.IssParameterSupported || iss is not null) && !string.Equals(iss, server.Issuer, StringComparison.Ordinal))
        {
            throw WalletHttp.Fail(WalletSteps.Authorize, WalletClientErrors.IssuerMismatch, "The authorization response's iss is missing or not the authorization server's (RFC 9207 §2.4).");
        }

        return query.TryGetValue("code", out var code) && code.Length > 0
            ? code
            : throw WalletHttp.Fail(WalletSteps.Authorize, WalletClientErrors.InvalidResponse, "The authorization response has no code.");
    }

    // Appendix F.1 / F.3: without key_attestations_required one jwt proof per key; with it one key attestation for all keys
    // (HAIP 1.0 Sec. 4.5.1: a batch's keys in a single attestation), either in the key_attestation header of one jwt proof
    // signed by the first key, or alone as the attestation proof type. The issuer binds the credentials in the keys' order.
    private (JsonObject Proofs, string Note) Proofs(CredentialConfiguration configuration, SigningKey[] holderKeys, string credentialIssuer, string nonce, string? clientId)
    {
        if (configuration.KeyAttestationsRequired is null)
        {
            return (new JsonObject { [KeyProof.ProofType] = new JsonArray(holderKeys.Select(k => (JsonNode)KeyProof.Create(k, credentialIssuer, _http.Now, nonce, clientId)).ToArray()) },
                $"key proof{(holderKeys.Length > 1 ? "s" : string.Empty)} with c_nonce");
        }

        var attester = Options.KeyAttester
            ?? throw WalletHttp.Fail(WalletSteps.Credential, WalletClientErrors.KeyAttestationUnavailable, "The configuration requires a key attestation (key_attestations_required, OpenID4VCI 1.0 Sec. 12.2.4) and this wallet has no key attester.");
        var attestation = attester([.. holderKeys.Select(k => k.PublicJwk)], nonce, _http.Now);
        if (Options.UseAttestationProofType && configuration.SupportsAttestationProof)
        {
            return (new JsonObject { [KeyAttestation.ProofType] = new JsonArray(attestation) }, $"key attestation of {holderKeys.Length} key{(holderKeys.Length > 1 ? "s" : string.Empty)} as attestation proof with c_nonce");
        }

        return (new JsonObject { [KeyProof.ProofType] = new JsonArray(KeyProof.CreateWithKeyAttestation(holderKeys[0], credentialIssuer, _http.Now, nonce, clientId, attestation)) },
            $"key proof with key attestation of {holderKeys.Length} key{(holderKeys.Length > 1 ? "s" : string.Empty)} and c_nonce");
    }

    private static StoredCredential Store(string? credential, CredentialConfiguration configuration, string configurationId, string credentialIssuer, SigningKey holderKey)
    {
        if (credential is null)
        {
            throw WalletHttp.Fail(WalletSteps.Credential, WalletClientErrors.InvalidResponse, "A 'credentials' entry has no string 'credential'.", 200);
        }

        Wallet.Core.VerificationError? error;
        switch (configuration.Format)
        {
            case DcqlFormats.SdJwtVc:
                if (StoredSdJwtVc.TryCreate(credential, credentialIssuer, configurationId, holderKey, out var sdJwtVc, out error))
                {
                    return sdJwtVc;
                }

                break;
            case DcqlFormats.MsoMdoc:
                if (StoredMdoc.TryCreate(credential, credentialIssuer, configurationId, holderKey, out var mdoc, out error))
                {
                    return mdoc;
                }

                break;
            default:
                error = new(WalletClientErrors.InvalidCredential, $"The format '{configuration.Format}' is not supported by this wallet.");
                break;
        }

        throw WalletHttp.Fail(WalletSteps.Credential, error.Code, error.Message, 200);
    }

    // The wallet's own check of what it is handed, with the deployment's one verification policy; nothing is stored
    // unless every credential of the response passes.
    private async ValueTask VerifyReceivedAsync(StoredCredential credential, string text, CancellationToken cancellationToken)
    {
        if (Options.CredentialVerification is not { } verifiers)
        {
            return;
        }

        IReadOnlyList<Wallet.Core.VerificationError> errors = credential switch
        {
            StoredSdJwtVc => (await verifiers.SdJwtVc.VerifyAsync(text, keyBinding: null, cancellationToken).ConfigureAwait(false)).Errors,
            StoredMdoc mdoc => (await verifiers.Mdoc.VerifyIssuerSignedAsync(mdoc.IssuerSigned, cancellationToken).ConfigureAwait(false)).Errors,
            _ => [new(WalletClientErrors.InvalidCredential, $"The format '{credential.Format}' cannot be verified by this wallet.")],
        };
        if (errors.Count > 0)
        {
            throw WalletHttp.Fail(WalletSteps.Credential, WalletClientErrors.InvalidCredential, $"The issued {credential.Format} did not verify: {string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}"))}", 200);
        }
    }

    internal static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));

            // A repeated parameter is ambiguous (RFC 6749 §3.1): the first one wins only if never repeated.
            if (!values.TryAdd(name, value))
            {
                values[name] = string.Empty;
            }
        }

        return values;
    }

    private static Uri WellKnown(string identifier, string name)
    {
        // OpenID4VCI 1.0 §12.2.2 / RFC 8414 §3.1: the well-known segment goes between host and path.
        var uri = new Uri(identifier);
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/.well-known/" + name + uri.AbsolutePath.TrimEnd('/'));
    }
}
