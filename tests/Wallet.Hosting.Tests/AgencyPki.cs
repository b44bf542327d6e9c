using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Hosting.Tests;

/// <summary>What the agency's HSM holds: its own IACA and the three signers under it. Nothing is written to disk but the IACA certificate.</summary>
public sealed class AgencyPki
{
    public const string CredentialKeyId = "agency-hsm-credential-1";

    public AgencyPki(DateTimeOffset now)
    {
        var notBefore = now.AddHours(-1);
        Root = DevelopmentCertificates.CreateRootCa(notBefore, "Agency PID IACA", "NO", pathLength: 0);
        CredentialSigner = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateSigner(Root, notBefore, "Agency PID Issuer"), keyId: CredentialKeyId);
        DocumentSigner = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateDocumentSigner(Root, notBefore, "Agency Document Signer"), keyId: "agency-hsm-document-1");
        StatusListSigner = DevelopmentCertificates.ToSigningKey(DevelopmentCertificates.CreateStatusListSigner(Root, notBefore, "Agency Status List Signer"), keyId: "agency-hsm-status-1");
    }

    public X509Certificate2 Root { get; }

    public SigningKey CredentialSigner { get; }

    public SigningKey DocumentSigner { get; }

    public SigningKey StatusListSigner { get; }

    /// <summary>Writes the IACA certificate (public) as PEM, for the Verifier's trust anchors.</summary>
    public string WriteRootPem(string folder)
    {
        var path = Path.Combine(folder, "agency-iaca.pem");
        File.WriteAllText(path, DevelopmentCertificates.ExportCertificatePem(Root));
        return path;
    }
}
