using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Issuer.Options;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Protocol;

/// <summary>Builds the discovery documents from the options: issuer metadata, authorization server metadata, JWT VC issuer metadata, JWKS.</summary>
internal sealed class MetadataDocuments(IOptions<IssuerOptions> options, IssuerEndpoints endpoints, IIssuerKeys keys, CredentialMessageEnvelope envelope, TimeProvider timeProvider)
{
    private static readonly IReadOnlyList<JwsAlgorithm> ProofAlgorithms = JwsAlgorithm.All;

    // Signing on every fetch would let anyone make the issuer sign at will; the metadata only changes with a restart.
    private static readonly TimeSpan SignedMetadataReuse = TimeSpan.FromHours(1);

    private (string Jwt, DateTimeOffset SignedAt)? _signed;

    /// <summary>
    /// The Credential Issuer Metadata document: <see cref="CredentialIssuer"/>, and with <c>Issuer:SignMetadata</c> the
    /// same parameters again as <c>signed_metadata</c> (OpenID4VCI 1.0 §12.2.3).
    /// </summary>
    public JsonObject CredentialIssuerDocument()
    {
        var document = CredentialIssuer.ToJsonObject();
        // A host's own signing key without a certificate chain has nothing a Wallet could trust (HAIP 1.0 §4.1).
        if (options.Value.SignMetadata && keys.CredentialSigner.CertificateChain.Count > 0)
        {
            var now = timeProvider.GetUtcNow();
            if (_signed is not { } signed || now - signed.SignedAt >= SignedMetadataReuse || now < signed.SignedAt)
            {
                signed = (SignedIssuerMetadata.Create(document, keys.CredentialSigner, now), now);
                _signed = signed;
            }

            document[SignedIssuerMetadata.ParameterName] = signed.Jwt;
        }

        return document;
    }

    public CredentialIssuerMetadata CredentialIssuer => new()
    {
        RequestEncryption = envelope.Metadata().Request,
        ResponseEncryption = envelope.Metadata().Response,
        CredentialIssuer = endpoints.Issuer,
        CredentialEndpoint = endpoints.Credential,
        NonceEndpoint = endpoints.Nonce,
        NotificationEndpoint = endpoints.Notification,
        DeferredCredentialEndpoint = endpoints.DeferredCredential,
        BatchSize = options.Value.BatchSize >= 2 ? options.Value.BatchSize : null,
        Display = [.. options.Value.Display.Select(ToDisplay)],
        CredentialConfigurations = options.Value.CredentialConfigurations.ToDictionary(c => c.Key, c => ToConfiguration(c.Value) with { ReusePolicy = ReusePolicy(options.Value) }, StringComparer.Ordinal),
    };

    public JsonObject AuthorizationServer()
    {
        var algorithms = new JsonArray(DpopNonceService.Algorithms.Allowed.Select(a => (JsonNode)a.Name).ToArray());
        return new JsonObject
        {
            ["issuer"] = endpoints.Issuer,
            ["authorization_endpoint"] = endpoints.Authorization.AbsoluteUri,
            ["token_endpoint"] = endpoints.Token.AbsoluteUri,
            ["pushed_authorization_request_endpoint"] = endpoints.PushedAuthorizationRequest.AbsoluteUri,
            ["require_pushed_authorization_requests"] = true,
            ["jwks_uri"] = endpoints.Jwks.AbsoluteUri,
            ["grant_types_supported"] = options.Value.IssueRefreshTokens
                ? new JsonArray(AuthorizationCodeGrant.GrantType, PreAuthorizedCodeGrant.GrantType, TokenRequestHandler.RefreshTokenGrantType)
                : new JsonArray(AuthorizationCodeGrant.GrantType, PreAuthorizedCodeGrant.GrantType),
            ["response_types_supported"] = new JsonArray("code"),
            ["response_modes_supported"] = new JsonArray("query"),
            ["authorization_response_iss_parameter_supported"] = true,
            ["authorization_details_types_supported"] = new JsonArray(AuthorizationRequest.OpenIdCredentialType),
            ["pre-authorized_grant_anonymous_access_supported"] = !options.Value.RequireWalletAttestation,
            ["code_challenge_methods_supported"] = new JsonArray(Pkce.S256),
            ["dpop_signing_alg_values_supported"] = algorithms,
            ["token_endpoint_auth_methods_supported"] = new JsonArray(ClientAttestation.AuthenticationMethod),
            ["client_attestation_signing_alg_values_supported"] = algorithms.DeepClone(),
            ["client_attestation_pop_signing_alg_values_supported"] = algorithms.DeepClone(),
            ["client_attestation_pop_methods_supported"] = new JsonArray("attestation_pop_jwt"),
            ["scopes_supported"] = new JsonArray(options.Value.CredentialConfigurations.Values.Select(c => (JsonNode)c.Scope).ToArray()),
        };
    }

    public JsonObject JwtVcIssuer() => new()
    {
        ["issuer"] = endpoints.Issuer,
        ["jwks"] = Jwks(),
    };

    public JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(
            WithChain(keys.CredentialSigner),
            WithChain(keys.StatusListSigner)),
    };

    private static JsonObject WithChain(SigningKey key)
    {
        var jwk = key.PublicJwk.ToJsonObject();
        jwk["use"] = "sig";
        jwk["alg"] = key.Algorithm.Name;
        jwk["x5c"] = new JsonArray(key.CertificateChain.Select(c => (JsonNode)Convert.ToBase64String(c.RawData)).ToArray());
        return jwk;
    }

    private static CredentialConfiguration ToConfiguration(CredentialConfigurationOptions c) => new()
    {
        Format = c.Format,
        Scope = c.Scope,
        Vct = c.Format == CredentialFormats.DcSdJwt ? c.Vct : null,
        Doctype = c.Format == CredentialFormats.MsoMdoc ? c.Doctype : null,
        CredentialSigningAlgorithms = [JwsAlgorithm.ES256],
        CryptographicBindingMethods = [c.Format == CredentialFormats.MsoMdoc ? "cose_key" : "jwk"],
        ProofSigningAlgorithms = ProofAlgorithms,
        KeyAttestationsRequired = KeyAttestationRequirementOf(c),
        SupportsAttestationProof = c.KeyAttestationsRequired is not null,
        Display = [.. c.Display.Select(ToDisplay)],
        Claims = [.. c.Claims.Select(claim => new ClaimDescription(ClaimPath.Of([.. claim.Path]), claim.Mandatory, [.. claim.Display.Select(d => new ClaimDisplay(d.Value, d.Key))]))],
    };

    /// <summary>The configuration's <c>key_attestations_required</c> (OpenID4VCI 1.0 §12.2.4), as the credential endpoint enforces it.</summary>
    internal static KeyAttestationRequirement? KeyAttestationRequirementOf(CredentialConfigurationOptions c) => c.KeyAttestationsRequired is { } required
        ? new KeyAttestationRequirement { KeyStorage = [.. required.KeyStorage], UserAuthentication = [.. required.UserAuthentication] }
        : null;

    /// <summary>
    /// ARF ISSU_40: method A (once-only, in batches) when batches are on, otherwise method B (limited-time). Every
    /// configuration shares the batch size and the triggers, because the Credential Endpoint applies one batch limit.
    /// </summary>
    private static CredentialReusePolicy ReusePolicy(IssuerOptions o) => o.BatchSize >= 2
        ? CredentialReusePolicy.OnceOnly(o.BatchSize, o.ReissueTriggerUnused, o.EffectiveReissueTriggerLifetimeLeft)
        : new CredentialReusePolicy { Options = [new CredentialReuseOption([CredentialReuseOption.LimitedTime]) { ReissueTriggerLifetimeLeft = o.EffectiveReissueTriggerLifetimeLeft }] };

    private static CredentialDisplay ToDisplay(DisplayOptions d) => new()
    {
        Name = d.Name,
        Locale = d.Locale,
        Description = d.Description,
        BackgroundColor = d.BackgroundColor,
        TextColor = d.TextColor,
    };
}
