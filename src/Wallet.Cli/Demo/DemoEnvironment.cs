using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;
using Wallet.Core.Storage;

namespace Wallet.Cli.Demo;

/// <summary>
/// The demo's data folder: <c>issuer/</c> and <c>verifier/</c> (their SQLite files and generated keys),
/// <c>tls/</c> (the localhost certificate) and <c>wallet-provider/</c> (the development wallet provider). Created on
/// the first run, reused afterwards.
/// </summary>
internal sealed class DemoEnvironment : IDisposable
{
    private DemoEnvironment(string root, X509Certificate2 tlsCertificate, SigningKey walletProvider, string description)
    {
        Root = root;
        TlsCertificate = tlsCertificate;
        WalletProvider = walletProvider;
        Description = description;
    }

    public string Root { get; }

    public string IssuerDirectory => Path.Combine(Root, "issuer");

    public string VerifierDirectory => Path.Combine(Root, "verifier");

    public string TlsDirectory => Path.Combine(Root, "tls");

    public string TlsCertificatePath => Path.Combine(TlsDirectory, DemoTls.CertificateFile);

    public string WalletProviderDirectory => Path.Combine(Root, "wallet-provider");

    public string WalletProviderRootPath => Path.Combine(WalletProviderDirectory, DemoWalletProvider.RootFile);

    /// <summary>The localhost TLS certificate with its key.</summary>
    public X509Certificate2 TlsCertificate { get; }

    /// <summary>The wallet provider's attestation signer.</summary>
    public SigningKey WalletProvider { get; }

    public string Description { get; }

    public static DemoEnvironment LoadOrCreate(string root, DateTimeOffset now)
    {
        var fullRoot = Path.GetFullPath(root);
        PrivateFiles.CreateDirectory(fullRoot);
        var (tls, tlsCreated) = DemoTls.LoadOrCreate(Path.Combine(fullRoot, "tls"), now);
        try
        {
            var (provider, providerCreated) = DemoWalletProvider.LoadOrCreate(Path.Combine(fullRoot, "wallet-provider"), now);
            var description = $"data {root}: localhost TLS certificate ({(tlsCreated ? "created" : "reused")}), development wallet provider ({(providerCreated ? "created" : "reused")})";
            return new DemoEnvironment(fullRoot, tls, provider, description);
        }
        catch
        {
            tls.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        TlsCertificate.Dispose();
        WalletProvider.Key.Dispose();
    }
}
