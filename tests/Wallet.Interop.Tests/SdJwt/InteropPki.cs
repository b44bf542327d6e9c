using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>
/// A development root and an SD-JWT VC issuer certificate under it (directly or through an intermediate CA), shared by
/// both sides of a test: the peer signs with the issuer's key and sends the chain in <c>x5c</c>, or checks our
/// <c>x5c</c> against the root.
/// </summary>
public sealed class InteropPki : IDisposable
{
    public InteropPki(string rootName = "Interop Test Root", bool withIntermediate = false)
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        Root = DevelopmentCertificates.CreateRootCa(notBefore, rootName);
        Intermediate = withIntermediate ? DevelopmentCertificates.CreateIntermediateCa(Root, notBefore, "Interop Intermediate CA") : null;
        Issuer = DevelopmentCertificates.CreateSigner(Intermediate ?? Root, notBefore, "Interop SD-JWT VC Issuer");
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2? Intermediate { get; }

    public X509Certificate2 Issuer { get; }

    public string RootPem => DevelopmentCertificates.ExportCertificatePem(Root);

    /// <summary>The issuer's chain as PEM, leaf first, without the root (the CLI's <c>--x5c</c>).</summary>
    public string IssuerPem => string.Join('\n', Chain.Select(DevelopmentCertificates.ExportCertificatePem)) + "\n";

    /// <summary>The issuer's private key as PKCS#8 PEM, for the peer and the CLI.</summary>
    public string IssuerKeyPem => DevelopmentCertificates.ExportPrivateKeyPem(Issuer);

    /// <summary>The <c>x5c</c> header value: leaf first, the anchor is not sent (HAIP 1.0 §6.1.1).</summary>
    public string[] X5c => Chain.Select(c => Convert.ToBase64String(c.RawData)).ToArray();

    /// <summary>Our signing key for the issuer certificate, carrying the chain for <c>x5c</c>.</summary>
    public SigningKey IssuerSigningKey() => DevelopmentCertificates.ToSigningKey(Issuer, Intermediate is null ? null : [Intermediate]);

    private X509Certificate2[] Chain => Intermediate is null ? [Issuer] : [Issuer, Intermediate];

    /// <summary>A trust validator that accepts exactly this root.</summary>
    public X509ChainValidator TrustValidator() => new(TrustAnchorStore.FromCertificates([Root]));

    public void Dispose()
    {
        Issuer.Dispose();
        Intermediate?.Dispose();
        Root.Dispose();
    }
}
