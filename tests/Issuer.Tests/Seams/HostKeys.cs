using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Trust;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Tests.Seams;

/// <summary>A host's own key provider (in production an HSM): keys that exist only in memory, under the host's own IACA.</summary>
public sealed class HostKeys : IIssuerKeys
{
    public const string CredentialKeyId = "host-hsm-credential";

    public HostKeys(DateTimeOffset now)
    {
        var notBefore = now.AddHours(-1);
        RootCertificate = DevelopmentCertificates.CreateRootCa(notBefore, "Host Agency IACA", "NO", pathLength: 0);
        CredentialSigner = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(RootCertificate, notBefore, "Host Agency PID Issuer"), keyId: CredentialKeyId);
        DocumentSigner = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateDocumentSigner(RootCertificate, notBefore, "Host Agency Document Signer"), keyId: "host-hsm-document");
        StatusListSigner = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateStatusListSigner(RootCertificate, notBefore, "Host Agency Status List Signer"), keyId: "host-hsm-status");
    }

    public SigningKey CredentialSigner { get; }

    public SigningKey DocumentSigner { get; }

    public SigningKey StatusListSigner { get; }

    public X509Certificate2 RootCertificate { get; }
}
