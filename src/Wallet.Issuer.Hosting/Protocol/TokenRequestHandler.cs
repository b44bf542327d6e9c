using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Security;
using Wallet.Hosting;
using Wallet.Issuer.Options;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The token endpoint (OpenID4VCI 1.0 §6, RFC 6749 §4.1.3 / §5 / §6) as a pipeline: form → grant type → client
/// authentication → DPoP proof → pre-authorized code and transaction code, authorization code, or refresh token →
/// DPoP-bound access token. DPoP is checked before the code or refresh token, so a <c>use_dpop_nonce</c> retry never
/// burns either.
/// </summary>
/// <remarks>
/// Refresh tokens come only with the authorization code grant: there the person authenticated and consented at this
/// server, which is what bounds the grant's lifetime (<c>Issuer:RefreshTokenLifetime</c>). A pre-authorized code proves no
/// consent to this server, and an offer's inline claims are deleted with the offer, so a later re-issuance could not
/// repeat the same values (ARF ISSU_43); OpenID4VCI 1.0 §6 makes the refresh token optional.
/// </remarks>
internal sealed class TokenRequestHandler(
    IOptions<IssuerOptions> options,
    IssuerEndpoints endpoints,
    IOfferStore offers,
    IAccessTokenStore tokens,
    IRefreshTokenStore refreshTokens,
    IDpopReplayCache replayCache,
    DpopNonceService dpopNonces,
    WalletAttestationTrust attestationTrust,
    IAuthorizationCodeStore authorizationCodes,
    TimeProvider timeProvider)
{
    /// <summary>The refresh token grant type (RFC 6749 §6).</summary>
    public const string RefreshTokenGrantType = "refresh_token";

    public async ValueTask<(TokenResponse? Response, ProtocolError? Error)> HandleAsync(OAuthFormRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!request.IsForm)
        {
            return Fail(OAuthErrors.InvalidRequest, "The token request must be application/x-www-form-urlencoded (RFC 6749 Sec. 4.1.3).");
        }

        if (request.Form.FirstOrDefault(p => p.Value.Length > 1) is { Key: { } repeated })
        {
            return Fail(OAuthErrors.InvalidRequest, $"The parameter '{repeated}' is repeated (RFC 6749 Sec. 3.2).");
        }

        var grantType = Single(request, "grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return Fail(OAuthErrors.InvalidRequest, "The grant_type parameter is missing.");
        }

        if (grantType is not (PreAuthorizedCodeGrant.GrantType or AuthorizationCodeGrant.GrantType or RefreshTokenGrantType))
        {
            return Fail(OAuthErrors.UnsupportedGrantType, "Only the authorization_code, refresh_token and pre-authorized code grants are supported.");
        }

        string? clientId = null;
        if (settings.RequireWalletAttestation)
        {
            var authentication = attestationTrust.Validator.Validate(new ClientAttestationRequest(request.AttestationHeaders, request.AttestationPopHeaders, Single(request, "client_id")));
            if (!authentication.Succeeded)
            {
                return (null, ProtocolError.Create(authentication.WireError!, "Client authentication with a Wallet Attestation failed (HAIP 1.0 Sec. 4.4.1): " + string.Join(" ", authentication.Errors.Select(e => e.Message))));
            }

            clientId = authentication.ClientId;
        }

        var (thumbprint, dpopError) = await ValidateDpopAsync(request, cancellationToken).ConfigureAwait(false);
        if (dpopError is not null)
        {
            return (null, dpopError);
        }

        if (grantType == RefreshTokenGrantType)
        {
            return await RefreshAsync(request, clientId, thumbprint, cancellationToken).ConfigureAwait(false);
        }

        if (grantType == AuthorizationCodeGrant.GrantType)
        {
            return await RedeemAuthorizationCodeAsync(request, clientId, thumbprint, cancellationToken).ConfigureAwait(false);
        }

        var code = Single(request, "pre-authorized_code");
        if (string.IsNullOrEmpty(code))
        {
            return Fail(OAuthErrors.InvalidRequest, "The pre-authorized_code parameter is missing (OpenID4VCI 1.0 Sec. 6.1).");
        }

        var codeHash = SecretHash.Of(code);
        var txCode = Single(request, "tx_code");
        var now = timeProvider.GetUtcNow();
        var (outcome, offer) = await offers.RedeemAsync(codeHash, txCode is null ? null : SecretHash.OfTransactionCode(codeHash, txCode), settings.TxCodeMaxAttempts, now, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case RedemptionOutcome.Redeemed:
                break;
            case RedemptionOutcome.TxCodeMissing:
                return Fail(OAuthErrors.InvalidRequest, "The offer requires a tx_code and none was sent (OpenID4VCI 1.0 Sec. 6.3).");
            case RedemptionOutcome.TxCodeUnexpected:
                return Fail(OAuthErrors.InvalidRequest, "A tx_code was sent but the offer has none (OpenID4VCI 1.0 Sec. 6.3).");
            case RedemptionOutcome.TxCodeWrong:
                return Fail(OAuthErrors.InvalidGrant, "The tx_code is wrong (OpenID4VCI 1.0 Sec. 6.3).");
            case RedemptionOutcome.AttemptsExhausted:
                return Fail(OAuthErrors.InvalidGrant, "The tx_code is wrong and the attempt limit is reached; the pre-authorized code is no longer valid.");
            case RedemptionOutcome.Expired:
                return Fail(OAuthErrors.InvalidGrant, "The pre-authorized code has expired.");
            default:
                return Fail(OAuthErrors.InvalidGrant, "The pre-authorized code is unknown or was already used.");
        }

        var accessToken = Base64UrlToken();
        var expiresAt = now + settings.AccessTokenLifetime;
        await tokens.AddAsync(new AccessTokenRecord(SecretHash.Of(accessToken), offer!.OfferId, thumbprint, offer.ConfigurationIds, expiresAt) { ClientId = clientId }, cancellationToken).ConfigureAwait(false);
        return (new TokenResponse(accessToken, thumbprint is null ? "Bearer" : DpopProof.HeaderName, (long)settings.AccessTokenLifetime.TotalSeconds), null);
    }

    /// <summary>RFC 6749 Sec. 4.1.3 with PKCE (RFC 7636 Sec. 4.6) and DPoP code binding (RFC 9449 Sec. 10).</summary>
    private async ValueTask<(TokenResponse? Response, ProtocolError? Error)> RedeemAuthorizationCodeAsync(OAuthFormRequest request, string? authenticatedClient, string? thumbprint, CancellationToken cancellationToken)
    {
        var code = Single(request, "code");
        var redirectUri = Single(request, "redirect_uri");
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(redirectUri))
        {
            return Fail(OAuthErrors.InvalidRequest, "The code and redirect_uri parameters are required (RFC 6749 Sec. 4.1.3).");
        }

        var now = timeProvider.GetUtcNow();
        var grant = await authorizationCodes.RedeemAsync(SecretHash.Of(code), now, cancellationToken).ConfigureAwait(false);
        if (grant is null)
        {
            return Fail(OAuthErrors.InvalidGrant, "The authorization code is unknown, used or expired.");
        }

        var clientId = authenticatedClient ?? Single(request, "client_id");
        if (!string.Equals(clientId, grant.ClientId, StringComparison.Ordinal))
        {
            return Fail(OAuthErrors.InvalidGrant, "The code was issued to another client (RFC 6749 Sec. 4.1.3).");
        }

        if (!string.Equals(redirectUri, grant.RedirectUri, StringComparison.Ordinal))
        {
            return Fail(OAuthErrors.InvalidGrant, "The redirect_uri differs from the authorization request (RFC 6749 Sec. 4.1.3).");
        }

        if (!Pkce.TryVerify(Single(request, "code_verifier"), grant.CodeChallenge, out var pkceError))
        {
            return Fail(OAuthErrors.InvalidGrant, pkceError.Message);
        }

        if (grant.DpopJkt is not null && !string.Equals(grant.DpopJkt, thumbprint, StringComparison.Ordinal))
        {
            return Fail(OAuthErrors.InvalidGrant, "The DPoP key is not the one named by dpop_jkt in the authorization request (RFC 9449 Sec. 10).");
        }

        var settings = options.Value;
        var accessToken = Base64UrlToken();
        var record = new AccessTokenRecord(SecretHash.Of(accessToken), null, thumbprint, grant.ConfigurationIds, now + settings.AccessTokenLifetime)
        {
            ClientId = authenticatedClient,
            PersonId = grant.PersonId,
            UsesCredentialIdentifiers = grant.UsesAuthorizationDetails,
        };
        await tokens.AddAsync(record, cancellationToken).ConfigureAwait(false);

        // RFC 9449 §5: a public client's refresh token must be bound to its DPoP key, so an unbound grant gets none.
        string? refreshToken = null;
        if (settings.IssueRefreshTokens && thumbprint is not null && grant.PersonId is not null)
        {
            refreshToken = RandomHandle.Create();
            await refreshTokens.AddAsync(
                new RefreshTokenRecord(SecretHash.Of(refreshToken), RandomHandle.Create(), thumbprint, grant.ConfigurationIds, now, now + settings.RefreshTokenLifetime)
                {
                    ClientId = clientId,
                    PersonId = grant.PersonId,
                    UsesCredentialIdentifiers = grant.UsesAuthorizationDetails,
                    IssuedAt = now,
                },
                cancellationToken).ConfigureAwait(false);
        }

        return (new TokenResponse(accessToken, thumbprint is null ? "Bearer" : DpopProof.HeaderName, (long)settings.AccessTokenLifetime.TotalSeconds) { CredentialIdentifiers = grant.UsesAuthorizationDetails ? grant.ConfigurationIds : null, RefreshToken = refreshToken }, null);
    }

    /// <summary>
    /// RFC 6749 §6 with rotation: every use returns a new refresh token and uses up the old one, and a used one presented
    /// again revokes the grant (RFC 9700 §4.14.2). The token is bound to the DPoP key of the grant (RFC 9449 §5).
    /// </summary>
    private async ValueTask<(TokenResponse? Response, ProtocolError? Error)> RefreshAsync(OAuthFormRequest request, string? authenticatedClient, string? thumbprint, CancellationToken cancellationToken)
    {
        // 1. RFC 6749 §6: the refresh_token parameter.
        var presented = Single(request, "refresh_token");
        if (string.IsNullOrEmpty(presented))
        {
            return Fail(OAuthErrors.InvalidRequest, "The refresh_token parameter is missing (RFC 6749 Sec. 6).");
        }

        var hash = SecretHash.Of(presented);
        var token = await refreshTokens.FindAsync(hash, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return Fail(OAuthErrors.InvalidGrant, "The refresh token is unknown.");
        }

        // 2. RFC 9449 §5: the proof must be made with the key the refresh token is bound to. Checked before rotation, so
        // a copy of the token without the key can neither use nor burn it.
        if (thumbprint is null || !string.Equals(token.KeyThumbprint, thumbprint, StringComparison.Ordinal))
        {
            return Fail(OAuthErrors.InvalidGrant, "The refresh token is bound to another DPoP key (RFC 9449 Sec. 5).");
        }

        // 3. RFC 6749 §6: issued to the authenticated client.
        if (authenticatedClient is not null && !string.Equals(authenticatedClient, token.ClientId, StringComparison.Ordinal))
        {
            return Fail(OAuthErrors.InvalidGrant, "The refresh token was issued to another client (RFC 6749 Sec. 6).");
        }

        // 4. RFC 6749 §6: a scope may narrow the grant, never widen it.
        var configurationIds = token.ConfigurationIds;
        if (Single(request, "scope") is { } scope)
        {
            var requested = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var configurations = options.Value.CredentialConfigurations;
            var narrowed = configurationIds.Where(id => configurations.TryGetValue(id, out var c) && requested.Contains(c.Scope, StringComparer.Ordinal)).ToList();
            if (requested.Length == 0 || narrowed.Count != requested.Distinct(StringComparer.Ordinal).Count())
            {
                return Fail(OAuthErrors.InvalidScope, "The scope asks for more than the person granted (RFC 6749 Sec. 6).");
            }

            configurationIds = narrowed;
        }

        // 5. Rotation: the old token is used up, the successor keeps the grant's end (consent lifetime).
        var now = timeProvider.GetUtcNow();
        var successorToken = RandomHandle.Create();
        var outcome = await refreshTokens.RotateAsync(hash, token with { TokenHash = SecretHash.Of(successorToken), IssuedAt = now }, now, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case RefreshOutcome.Rotated:
                break;
            case RefreshOutcome.Reused:
                return Fail(OAuthErrors.InvalidGrant, "The refresh token was already used; every refresh token of this grant is now revoked (RFC 9700 Sec. 4.14.2).");
            case RefreshOutcome.Expired:
                return Fail(OAuthErrors.InvalidGrant, "The grant has ended: the person's consent has expired; start a new authorization.");
            case RefreshOutcome.Revoked:
                return Fail(OAuthErrors.InvalidGrant, "The grant was revoked; start a new authorization.");
            default:
                return Fail(OAuthErrors.InvalidGrant, "The refresh token is unknown.");
        }

        // 6. A new DPoP-bound access token for the same person and configurations, never outliving the grant.
        var settings = options.Value;
        var accessToken = Base64UrlToken();
        var expiresAt = Min(now + settings.AccessTokenLifetime, token.ExpiresAt);
        await tokens.AddAsync(
            new AccessTokenRecord(SecretHash.Of(accessToken), null, thumbprint, configurationIds, expiresAt)
            {
                ClientId = authenticatedClient,
                PersonId = token.PersonId,
                UsesCredentialIdentifiers = token.UsesCredentialIdentifiers,
            },
            cancellationToken).ConfigureAwait(false);
        return (new TokenResponse(accessToken, DpopProof.HeaderName, (long)(expiresAt - now).TotalSeconds) { CredentialIdentifiers = token.UsesCredentialIdentifiers ? configurationIds : null, RefreshToken = successorToken }, null);
    }

    private async ValueTask<(string? Thumbprint, ProtocolError? Error)> ValidateDpopAsync(OAuthFormRequest request, CancellationToken cancellationToken)
    {
        if (request.DpopHeaders.Count == 0 && !options.Value.RequireDpop)
        {
            return (null, null);
        }

        var validator = new DpopProofValidator(new DpopValidatorOptions
        {
            TimeProvider = timeProvider,
            ReplayCache = new SecretHashingDpopReplayCache(replayCache),
            NonceValidator = options.Value.RequireDpopNonce ? dpopNonces.IsValid : null,
            AlgorithmPolicy = DpopNonceService.Algorithms,
        });
        var result = await validator.ValidateAsync(new DpopValidationRequest(request.DpopHeaders, "POST", endpoints.Token), cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return (result.Thumbprint, null);
        }

        return (null, ProtocolError.Create(result.WireError!, string.Join(" ", result.Errors.Select(e => e.Message))) with { IncludeDpopNonce = true });
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string? Single(OAuthFormRequest request, string name) =>
        request.Form.TryGetValue(name, out var values) && values.Length == 1 ? values[0] : null;

    private static (TokenResponse?, ProtocolError?) Fail(string error, string description) =>
        (null, ProtocolError.Create(error, description));

    private static string Base64UrlToken() => RandomHandle.Create();
}
