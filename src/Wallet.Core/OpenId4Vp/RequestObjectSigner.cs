using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// Signs an <see cref="AuthorizationRequest"/> as a Request Object (RFC 9101 JAR; OpenID4VP 1.0 §5): <c>typ</c>
/// <c>oauth-authz-req+jwt</c>, the key's <c>alg</c>, and <c>x5c</c> with the signing certificate first and without
/// the trust anchor (HAIP 1.0 x5c rule).
/// </summary>
public static class RequestObjectSigner
{
    /// <summary>The <c>typ</c> of a Request Object (§5).</summary>
    public const string RequestObjectType = "oauth-authz-req+jwt";

    /// <summary>The media type of a Request Object served from <c>request_uri</c> (§5.10.1).</summary>
    public const string MediaType = "application/oauth-authz-req+jwt";

    /// <summary>Signs <paramref name="request"/> with <paramref name="signingKey"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// The key has no certificate chain, its leaf is self-signed, the chain ends in a self-signed certificate (the trust
    /// anchor must not be sent), or the leaf does not carry the request's <c>client_id</c>.
    /// </exception>
    public static string Sign(AuthorizationRequest request, SigningKey signingKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signingKey);
        var chain = signingKey.CertificateChain;
        if (chain.Count == 0)
        {
            throw new InvalidOperationException("The request signing key needs an X.509 certificate chain for x5c (OpenID4VP 1.0 §5.9.3).");
        }

        if (chain.Any(IsSelfSigned))
        {
            throw new InvalidOperationException("The request signing chain contains a self-signed certificate: the leaf must not be self-signed and the trust anchor must not be included (HAIP 1.0 §5).");
        }

        if (request.ClientId.CheckBoundTo(chain[0]) is { } error)
        {
            throw new InvalidOperationException(error.Message);
        }

        return JwsWriter.Sign(signingKey, RequestObjectType, request.ToPayload().ToJsonString(), includeCertificateChain: true);
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
