using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;
using Wallet.Core.Security;
using Wallet.Core.Trust;
using Wallet.Hosting;
using Wallet.Issuer.Authentication;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The front half of the authorization code flow: the PAR endpoint (RFC 9126; required, HAIP 1.0 §4) with client
/// authentication as at the token endpoint, and the authorization endpoint, which only accepts pushed requests and
/// ends, after user authentication, in a redirect with <c>code</c>, <c>state</c> and <c>iss</c> (RFC 9207).
/// </summary>
internal sealed class AuthorizationHandler(
    IOptions<IssuerOptions> options,
    IssuerEndpoints endpoints,
    IPushedAuthorizationRequestStore pushedRequests,
    IAuthorizationCodeStore codes,
    WalletAttestationTrust attestationTrust,
    IAuthenticSource authenticSource,
    IOfferStore offers,
    TimeProvider timeProvider)
{
    public const string RequestUriPrefix = "urn:ietf:params:oauth:request_uri:";

    private const string InvalidAuthorizationDetails = "invalid_authorization_details";

    // Options are validated at start, so the schemes are allowable here.
    private readonly RedirectUriPolicy _redirectUris = new(options.Value.AdditionalRedirectUriSchemes);

    public async ValueTask<(string? RequestUri, long ExpiresIn, ProtocolError? Error)> PushAsync(OAuthFormRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!request.IsForm)
        {
            return Fail(OAuthErrors.InvalidRequest, "The pushed authorization request must be application/x-www-form-urlencoded (RFC 9126 Sec. 2.1).");
        }

        if (!AuthorizationRequest.TryParse(request.Form, _redirectUris, out var parsed, out var error))
        {
            // RFC 9396 Sec. 5: authorization details that do not conform to their type's definition.
            return Fail(error.Code == OAuthErrorCodes.AuthorizationRequestDetailsClaimsInvalid ? InvalidAuthorizationDetails : OAuthErrors.InvalidRequest, error.Message);
        }

        if (settings.RequireWalletAttestation)
        {
            // HAIP 1.0 Sec. 4.3: the wallet authenticates at the PAR endpoint as at the token endpoint; client_id = sub.
            var authentication = attestationTrust.Validator.Validate(new ClientAttestationRequest(request.AttestationHeaders, request.AttestationPopHeaders, parsed.ClientId));
            if (!authentication.Succeeded)
            {
                return (null, 0, ProtocolError.Create(OAuthErrors.InvalidClient, "Client authentication with a Wallet Attestation failed: " + string.Join(" ", authentication.Errors.Select(e => e.Message))));
            }
        }

        // OpenID4VCI Sec. 5.1.2: each scope maps to one credential type; unknown scopes are ignored.
        var fromScopes = settings.CredentialConfigurations.Where(c => parsed.Scopes.Contains(c.Value.Scope, StringComparer.Ordinal)).Select(c => c.Key);
        var unknownDetail = parsed.AuthorizationDetailsConfigurationIds.FirstOrDefault(id => !settings.CredentialConfigurations.ContainsKey(id));
        if (unknownDetail is not null)
        {
            return Fail(InvalidAuthorizationDetails, "An authorization_details entry names a credential_configuration_id this issuer does not offer (RFC 9396 Sec. 5).");
        }

        // OpenID4VCI 1.0 Sec. 5.1.1, Appendix B.1: each requested claim must be one the configuration describes; an
        // unknown path is refused rather than ignored, so a Wallet never believes it asked for less than it gets.
        Dictionary<string, IReadOnlyList<string>>? requestedClaims = null;
        foreach (var detail in parsed.AuthorizationDetails.Where(d => d.Claims is not null))
        {
            var configuration = settings.CredentialConfigurations[detail.CredentialConfigurationId];
            if (detail.Claims!.FirstOrDefault(c => !RequestedClaims.IsClaimOf(c.Path, configuration)) is { } unknownClaim)
            {
                return Fail(InvalidAuthorizationDetails, $"The claim path {unknownClaim.Path.ToJsonArray().ToJsonString()} is not a claim of '{detail.CredentialConfigurationId}' (OpenID4VCI 1.0 Appendix B.1, RFC 9396 Sec. 5).");
            }

            requestedClaims ??= new(StringComparer.Ordinal);
            requestedClaims[detail.CredentialConfigurationId] = requestedClaims.TryGetValue(detail.CredentialConfigurationId, out var earlier)
                ? [.. earlier.Concat(RequestedClaims.Encode(detail.Claims!)).Distinct(StringComparer.Ordinal)]
                : RequestedClaims.Encode(detail.Claims!);
        }

        var configurationIds = parsed.AuthorizationDetailsConfigurationIds.Concat(fromScopes).Distinct(StringComparer.Ordinal).ToList();
        if (configurationIds.Count == 0)
        {
            return Fail(OAuthErrors.InvalidScope, "No requested scope names a credential this issuer offers (OpenID4VCI 1.0 Sec. 5.1.2).");
        }

        var now = timeProvider.GetUtcNow();
        string? offerId = null;
        if (parsed.IssuerState is { } issuerState)
        {
            // OpenID4VCI 1.0 Sec. 5.1.3: issuer_state binds the request to the offer; it is checked, never trusted blindly.
            var offer = issuerState.Length > 128 ? null : await offers.FindByIssuerStateAsync(SecretHash.Of(issuerState), now, cancellationToken).ConfigureAwait(false);
            if (offer is null)
            {
                return Fail(OAuthErrors.InvalidRequest, "The issuer_state is unknown, used or expired (OpenID4VCI 1.0 Sec. 5.1.3).");
            }

            if (configurationIds.Any(c => !offer.ConfigurationIds.Contains(c, StringComparer.Ordinal)))
            {
                return Fail(OAuthErrors.InvalidRequest, "The request asks for a credential configuration that the offer named by issuer_state does not offer.");
            }

            offerId = offer.OfferId;
        }

        var id = Random();
        var record = new AuthorizationGrantRecord(parsed.ClientId, parsed.RedirectUri.OriginalString, parsed.CodeChallenge, configurationIds, parsed.AuthorizationDetailsConfigurationIds.Count > 0, parsed.State, parsed.DpopJkt, now + settings.PushedRequestLifetime)
        {
            OfferId = offerId,
            RequestedClaims = requestedClaims,
        };
        await pushedRequests.AddAsync(id, record, cancellationToken).ConfigureAwait(false);
        return (RequestUriPrefix + id, (long)settings.PushedRequestLifetime.TotalSeconds, null);
    }

    /// <summary>The pushed request for the authorization endpoint, or why it cannot be used (shown to the user, never redirected).</summary>
    public async ValueTask<(AuthorizationGrantRecord? Request, string? Problem)> FindAsync(string? clientId, string? requestUri, CancellationToken cancellationToken)
    {
        if (requestUri is null || !requestUri.StartsWith(RequestUriPrefix, StringComparison.Ordinal) || requestUri.Length > RequestUriPrefix.Length + 64)
        {
            return (null, "This issuer only accepts pushed authorization requests: request_uri is missing or malformed (RFC 9126 Sec. 4).");
        }

        var request = await pushedRequests.FindAsync(requestUri[RequestUriPrefix.Length..], timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return (null, "The request_uri is unknown, used or expired.");
        }

        return clientId == request.ClientId ? (request, null) : (null, "The client_id does not match the pushed request (RFC 9126 Sec. 4).");
    }

    /// <summary>
    /// Completes authentication: consumes the pushed request and returns the redirect to the client, with a code when
    /// <paramref name="user"/> reached level of assurance high and is known to the authentic source, else with
    /// <c>access_denied</c> (RFC 6749 Sec. 4.1.2.1).
    /// </summary>
    public async ValueTask<(Uri? Redirect, string? Problem)> CompleteAsync(string? requestUri, AuthenticatedUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (requestUri is null || !requestUri.StartsWith(RequestUriPrefix, StringComparison.Ordinal))
        {
            return (null, "The request_uri is missing.");
        }

        var now = timeProvider.GetUtcNow();
        var request = await pushedRequests.ConsumeAsync(requestUri[RequestUriPrefix.Length..], now, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return (null, "The request_uri is unknown, used or expired.");
        }

        // PID is issued only after an authentication at level of assurance high (PID Rule Book; eIDAS Art. 8); an agency
        // may configure a lower level for another attestation, and the highest level any requested configuration needs applies.
        var required = request.ConfigurationIds
            .Select(id => options.Value.CredentialConfigurations.TryGetValue(id, out var c) ? c.MinimumLevelOfAssurance ?? LevelOfAssurance.High : LevelOfAssurance.High)
            .DefaultIfEmpty(LevelOfAssurance.High)
            .Max();
        if (user.LevelOfAssurance is not { } reachedLevel || reachedLevel < required)
        {
            var reached = user.LevelOfAssurance is { } level ? $"level of assurance {level}" : "no known level of assurance";
            var needed = required == LevelOfAssurance.High ? "issuing PID requires level of assurance high" : $"the requested credentials require level of assurance {required.ToString().ToLowerInvariant()}";
            return (Redirect(request, "error=access_denied&error_description=" + Uri.EscapeDataString(OAuthErrorDescription.Sanitize(
                $"The sign-in (acr '{user.Acr ?? "none"}') reached {reached}; {needed}."))), null);
        }

        if (await authenticSource.FindAsync(user.PersonId, cancellationToken).ConfigureAwait(false) is null)
        {
            return (Redirect(request, "error=access_denied&error_description=" + Uri.EscapeDataString("The authentic source has no PID data for the signed-in person.")), null);
        }

        if (request.OfferId is { } boundOffer)
        {
            // The offer was made for one person: only that person may take it, and only once.
            var offer = await offers.FindAsync(boundOffer, cancellationToken).ConfigureAwait(false);
            if (offer is null || !string.Equals(offer.PersonId, user.PersonId, StringComparison.Ordinal))
            {
                return (Redirect(request, "error=access_denied&error_description=" + Uri.EscapeDataString("The signed-in person is not the person the credential offer was made for.")), null);
            }

            if (!await offers.RedeemAuthorizationCodeOfferAsync(boundOffer, now, cancellationToken).ConfigureAwait(false))
            {
                return (Redirect(request, "error=access_denied&error_description=" + Uri.EscapeDataString("The credential offer was already used or has expired.")), null);
            }
        }

        var code = Random();
        await codes.AddAsync(SecretHash.Of(code), request with { PersonId = user.PersonId, ExpiresAt = now + options.Value.AuthorizationCodeLifetime }, cancellationToken).ConfigureAwait(false);
        return (Redirect(request, "code=" + Uri.EscapeDataString(code)), null);
    }

    /// <summary>The redirect to the client with <paramref name="parameters"/>, its <c>state</c> and <c>iss</c> (RFC 9207).</summary>
    private Uri Redirect(AuthorizationGrantRecord request, string parameters)
    {
        var query = parameters
            + (request.State is { } state ? "&state=" + Uri.EscapeDataString(state) : string.Empty)
            + "&iss=" + Uri.EscapeDataString(endpoints.Issuer);
        var separator = request.RedirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new Uri(request.RedirectUri + separator + query);
    }

    private static (string?, long, ProtocolError?) Fail(string error, string description) => (null, 0, ProtocolError.Create(error, description));

    private static string Random() => RandomHandle.Create();
}
