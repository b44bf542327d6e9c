using Microsoft.Extensions.Options;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Protocol;

/// <summary>The public URLs of every endpoint, derived from the Credential Issuer Identifier (never from request headers).</summary>
internal sealed class IssuerEndpoints
{
    public IssuerEndpoints(IOptions<IssuerOptions> options)
    {
        Issuer = options.Value.IssuerUrl;
        var uri = new Uri(Issuer);
        BasePath = uri.AbsolutePath.TrimEnd('/');
        Origin = uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The Credential Issuer Identifier (also the authorization server issuer).</summary>
    public string Issuer { get; }

    /// <summary>The path part of the identifier, without trailing slash ("" at the root).</summary>
    public string BasePath { get; }

    /// <summary>Scheme, host and port of the identifier.</summary>
    public string Origin { get; }

    public Uri Token => At("/token");

    public Uri PushedAuthorizationRequest => At("/par");

    public Uri Authorization => At("/authorize");

    public Uri Nonce => At("/nonce");

    public Uri Credential => At("/credential");

    public Uri Notification => At("/notification");

    public Uri DeferredCredential => At("/deferred_credential");

    public Uri Jwks => At("/jwks");

    public Uri StatusList(string id) => At("/status-lists/" + id);

    /// <summary>The Type Metadata registry (draft-ietf-oauth-sd-jwt-vc-18 §4.3.2): a type's document is at this URL plus the percent-encoded <c>vct</c>.</summary>
    public Uri TypeMetadataRegistry => At("/type-metadata");

    public Uri Offer(string id) => At("/credential-offers/" + id);

    /// <summary>An endpoint path under the identifier.</summary>
    public Uri At(string path) => new(Issuer + path);

    /// <summary>A well-known URL: the well-known segment inserted between host and path (RFC 8414 §3, OpenID4VCI §12.2.2).</summary>
    public string WellKnownPath(string name) => "/.well-known/" + name + BasePath;
}
