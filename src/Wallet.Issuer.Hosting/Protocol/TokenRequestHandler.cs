using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Hosting;
using Wallet.Issuer.Options;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The token endpoint (OpenID4VCI 1.0 §6, RFC 6749 §4.1.3 / §5) as a pipeline: form → grant type → client
/// authentication → DPoP proof → pre-authorized code and transaction code → DPoP-bound access token. DPoP is checked
/// before the code, so a <c>use_dpop_nonce</c> retry never burns the code.
/// </summary>
internal sealed class TokenRequestHandler(
    IOptions<IssuerOptions> options,
    IssuerEndpoints endpoints,
    IOfferStore offers,
    IAccessTokenStore tokens,
    IDpopReplayCache replayCache,
    DpopNonceService dpopNonces,
    WalletAttestationTrust attestationTrust,
    IAuthorizationCodeStore authorizationCodes,
    TimeProvider timeProvider)
{
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

        if (grantType is not (PreAuthorizedCodeGrant.GrantType or AuthorizationCodeGrant.GrantType))
        {
            return Fail(OAuthErrors.UnsupportedGrantType, "Only the authorization_code and pre-authorized code grants are supported.");
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
        return (new TokenResponse(accessToken, thumbprint is null ? "Bearer" : DpopProof.HeaderName, (long)settings.AccessTokenLifetime.TotalSeconds) { CredentialIdentifiers = grant.UsesAuthorizationDetails ? grant.ConfigurationIds : null }, null);
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

    private static string? Single(OAuthFormRequest request, string name) =>
        request.Form.TryGetValue(name, out var values) && values.Length == 1 ? values[0] : null;

    private static (TokenResponse?, ProtocolError?) Fail(string error, string description) =>
        (null, ProtocolError.Create(error, description));

    private static string Base64UrlToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
