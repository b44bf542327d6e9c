using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>
/// A development root and an SD-JWT VC issuer certificate under it, shared by both sides of a test: the peer signs
/// with the issuer's key and sends the certificate in <c>x5c</c>, or checks our <c>x5c</c> against the root.
/// </summary>
public sealed class InteropPki : IDisposable
{
    public InteropPki(string rootName = "Interop Test Root")
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        Root = DevelopmentCertificates.CreateRootCa(notBefore, rootName);
        Issuer = DevelopmentCertificates.CreateSigner(Root, notBefore, "Interop SD-JWT VC Issuer");
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Issuer { get; }

    public string RootPem => DevelopmentCertificates.ExportCertificatePem(Root);

    public string IssuerPem => DevelopmentCertificates.ExportCertificatePem(Issuer);

    /// <summary>The issuer's private key as PKCS#8 PEM, for the peer and the CLI.</summary>
    public string IssuerKeyPem => DevelopmentCertificates.ExportPrivateKeyPem(Issuer);

    /// <summary>The <c>x5c</c> header value: the leaf only, the anchor is not sent (HAIP 1.0 §6.1.1).</summary>
    public string[] X5c => [Convert.ToBase64String(Issuer.RawData)];

    /// <summary>Our signing key for the issuer certificate, carrying the chain for <c>x5c</c>.</summary>
    public SigningKey IssuerSigningKey() => DevelopmentCertificates.ToSigningKey(Issuer);

    /// <summary>A trust validator that accepts exactly this root.</summary>
    public X509ChainValidator TrustValidator() => new(TrustAnchorStore.FromCertificates([Root]));

    public void Dispose()
    {
        Issuer.Dispose();
        Root.Dispose();
    }
}
