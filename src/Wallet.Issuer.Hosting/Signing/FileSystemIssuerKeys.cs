using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Storage;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Signing;

/// <summary>
/// Keys as PEM files in <c>{DataDirectory}/keys</c>: <c>root.pem</c> (certificate only) and, for each signer,
/// <c>{name}.pem</c> + <c>{name}.key.pem</c>. With <see cref="IssuerOptions.GenerateDevelopmentKeys"/>, a development
/// IACA and the three signers are generated on first run (<see cref="DevelopmentCertificates"/>); the root's private key
/// is not kept.
/// </summary>
internal sealed class FileSystemIssuerKeys : IIssuerKeys
{
    private static readonly string[] Signers = ["credential-signer", "document-signer", "status-list-signer"];
    private static readonly Lock GenerationLock = new();

    public FileSystemIssuerKeys(IOptions<IssuerOptions> options, TimeProvider timeProvider)
    {
        var folder = KeyFolder(options.Value.DataDirectory);
        lock (GenerationLock)
        {
            if (!Exist(options.Value.DataDirectory))
            {
                if (!options.Value.GenerateDevelopmentKeys)
                {
                    throw new InvalidOperationException($"No signing keys in '{folder}' and Issuer:GenerateDevelopmentKeys is off.");
                }

                Generate(folder, options.Value.IssuingCountry, timeProvider.GetUtcNow());
            }
        }

        RootCertificate = DevelopmentCertificates.ImportPem(File.ReadAllText(Path.Combine(folder, "root.pem")));
        CredentialSigner = Load(folder, Signers[0], "credential-signer");
        DocumentSigner = Load(folder, Signers[1], "document-signer");
        StatusListSigner = Load(folder, Signers[2], "status-list-signer");
    }

    public SigningKey CredentialSigner { get; }

    public SigningKey DocumentSigner { get; }

    public SigningKey StatusListSigner { get; }

    public X509Certificate2 RootCertificate { get; }

    public static string KeyFolder(string dataDirectory) => Path.Combine(dataDirectory, "keys");

    public static bool Exist(string dataDirectory)
    {
        var folder = KeyFolder(dataDirectory);
        return File.Exists(Path.Combine(folder, "root.pem"))
            && Signers.All(s => File.Exists(Path.Combine(folder, s + ".pem")) && File.Exists(Path.Combine(folder, s + ".key.pem")));
    }

    private static SigningKey Load(string folder, string name, string keyId)
    {
        var certificate = DevelopmentCertificates.ImportPem(File.ReadAllText(Path.Combine(folder, name + ".pem")), File.ReadAllText(Path.Combine(folder, name + ".key.pem")));
        return DevelopmentCertificates.ToSigningKey(certificate, keyId: keyId);
    }

    private static void Generate(string folder, string country, DateTimeOffset now)
    {
        PrivateFiles.CreateDirectory(folder);
        var notBefore = now.AddMinutes(-5);
        using var root = DevelopmentCertificates.CreateRootCa(notBefore, "Wallet Development PID IACA", country, pathLength: 0);
        using var credentialSigner = DevelopmentCertificates.CreateSigner(root, notBefore, "Wallet Development PID Issuer");
        using var documentSigner = DevelopmentCertificates.CreateDocumentSigner(root, notBefore, "Wallet Development PID Document Signer");
        using var statusSigner = DevelopmentCertificates.CreateStatusListSigner(root, notBefore, "Wallet Development PID Status List Signer");
        Write(folder, "credential-signer", credentialSigner);
        Write(folder, "document-signer", documentSigner);
        Write(folder, "status-list-signer", statusSigner);

        // Written last: its presence marks a complete key set.
        File.WriteAllText(Path.Combine(folder, "root.pem"), DevelopmentCertificates.ExportCertificatePem(root));
    }

    private static void Write(string folder, string name, X509Certificate2 certificate)
    {
        File.WriteAllText(Path.Combine(folder, name + ".pem"), DevelopmentCertificates.ExportCertificatePem(certificate));
        PrivateFiles.WriteAllText(Path.Combine(folder, name + ".key.pem"), DevelopmentCertificates.ExportPrivateKeyPem(certificate));
    }
}
