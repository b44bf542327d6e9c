using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;
using Wallet.Hosting;
using Wallet.Issuer.Options;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The access token and DPoP checks of the issuer's protected resources: RFC 6750 §2.1, RFC 9449 §7.1 with <c>ath</c>,
/// the token's key and the replay cache. The Credential Endpoint passes its request unit's replay cache, so the proof's
/// <c>jti</c> is recorded in the same transaction as what it issues.
/// </summary>
internal sealed class ResourceAccess(IOptions<IssuerOptions> options, IAccessTokenStore tokens, IDpopReplayCache replayCache, DpopNonceService dpopNonces, TimeProvider timeProvider)
{
    public ValueTask<(AccessTokenRecord? Token, ProtocolError? Error)> AuthorizeAsync(IReadOnlyList<string> authorization, IReadOnlyList<string> dpopHeaders, Uri endpoint, CancellationToken cancellationToken) =>
        AuthorizeAsync(authorization, dpopHeaders, endpoint, replayCache, cancellationToken);

    public async ValueTask<(AccessTokenRecord? Token, ProtocolError? Error)> AuthorizeAsync(IReadOnlyList<string> authorization, IReadOnlyList<string> dpopHeaders, Uri endpoint, IDpopReplayCache proofReplayCache, CancellationToken cancellationToken)
    {
        if (authorization.Count != 1 || authorization[0].Split(' ', 2) is not [var scheme, var accessToken] || string.IsNullOrEmpty(accessToken))
        {
            return Unauthorized("A single Authorization header with a DPoP access token is required.");
        }

        var token = await tokens.FindAsync(SecretHash.Of(accessToken), timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return Unauthorized("The access token is unknown or has expired.");
        }

        var dpopScheme = string.Equals(scheme, DpopProof.HeaderName, StringComparison.OrdinalIgnoreCase);
        if (token.KeyThumbprint is null)
        {
            return string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase) ? (token, null) : Unauthorized("The access token is a bearer token.");
        }

        if (!dpopScheme)
        {
            // RFC 9449 Sec. 7.2: a DPoP-bound token is never accepted as a bearer token.
            return Unauthorized("The access token is DPoP-bound and must be sent with the DPoP scheme.");
        }

        var validator = new DpopProofValidator(new DpopValidatorOptions
        {
            TimeProvider = timeProvider,
            ReplayCache = new SecretHashingDpopReplayCache(proofReplayCache),
            NonceValidator = options.Value.RequireDpopNonce ? dpopNonces.IsValid : null,
            AlgorithmPolicy = DpopNonceService.Algorithms,
        });
        var dpop = await validator.ValidateAsync(new DpopValidationRequest(dpopHeaders, "POST", endpoint) { AccessToken = accessToken, BoundKeyThumbprint = token.KeyThumbprint }, cancellationToken).ConfigureAwait(false);
        return dpop.Succeeded
            ? (token, null)
            : (null, ProtocolError.Create(dpop.WireError!, string.Join(" ", dpop.Errors.Select(e => e.Message))) with { IncludeDpopNonce = true, IsResourceServerError = true });
    }

    private static (AccessTokenRecord?, ProtocolError?) Unauthorized(string description) =>
        (null, ProtocolError.Create(OAuthErrors.InvalidToken, description) with { IsResourceServerError = true });
}
