using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Storage;

namespace Wallet.Cli.Demo;

/// <summary>
/// The development wallet provider of the demo: a root (certificate only; its key is discarded) that the issuer
/// trusts, and a signer for Wallet Attestations, kept in the data folder.
/// </summary>
internal static class DemoWalletProvider
{
    public const string RootFile = "root.pem";
    public const string SignerFile = "signer.pem";
    public const string SignerKeyFile = "signer.key.pem";

    private static readonly TimeSpan RenewalMargin = TimeSpan.FromDays(1);

    /// <summary>The signer (with its certificate chain) and whether it was created now.</summary>
    public static (SigningKey Signer, bool Created) LoadOrCreate(string directory, DateTimeOffset now)
    {
        var rootPath = Path.Combine(directory, RootFile);
        var signerPath = Path.Combine(directory, SignerFile);
        var keyPath = Path.Combine(directory, SignerKeyFile);
        if (File.Exists(rootPath) && File.Exists(signerPath) && File.Exists(keyPath))
        {
            var signer = DevelopmentCertificates.ImportPem(File.ReadAllText(signerPath), File.ReadAllText(keyPath));
            if (signer.NotAfter.ToUniversalTime() > (now + RenewalMargin).UtcDateTime)
            {
                return (DevelopmentCertificates.ToSigningKey(signer), false);
            }

            signer.Dispose();
        }

        PrivateFiles.CreateDirectory(directory);
        var notBefore = now.AddMinutes(-5);
        using var root = DevelopmentCertificates.CreateRootCa(notBefore, "Wallet Development Wallet Provider Root", pathLength: 0);
        X509Certificate2 created = DevelopmentCertificates.CreateSigner(root, notBefore, "Wallet Development Wallet Provider");
        File.WriteAllText(signerPath, DevelopmentCertificates.ExportCertificatePem(created));
        PrivateFiles.WriteAllText(keyPath, DevelopmentCertificates.ExportPrivateKeyPem(created));

        // Written last: its presence marks a complete set.
        File.WriteAllText(rootPath, DevelopmentCertificates.ExportCertificatePem(root));
        return (DevelopmentCertificates.ToSigningKey(created), true);
    }
}
