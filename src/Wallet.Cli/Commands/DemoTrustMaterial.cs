using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Storage;

namespace Wallet.Cli.Commands;

/// <summary>
/// The keys and certificates of <c>wallet demo</c>, kept in a data folder: created on the first run (never shipped
/// or committed) and reused afterwards, renewed when they expire.
/// </summary>
internal sealed class DemoTrustMaterial : IDisposable
{
    public const string RootCertificateFile = "iaca.pem";
    public const string RootKeyFile = "iaca.key.pem";
    public const string IssuerCertificateFile = "issuer.pem";
    public const string IssuerKeyFile = "issuer.key.pem";
    public const string HolderKeyFile = "holder.jwk";

    // Renew a little before expiry so a run never starts with a certificate about to lapse.
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromDays(1);

    private DemoTrustMaterial(string directory, X509Certificate2 root, X509Certificate2 issuer, ECDsa holderKey, string description)
    {
        Directory = directory;
        Root = root;
        Issuer = issuer;
        HolderKey = holderKey;
        Description = description;
    }

    public string Directory { get; }

    /// <summary>The IACA-style root CA: the verifier's trust anchor.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The SD-JWT VC issuer certificate, with its private key.</summary>
    public X509Certificate2 Issuer { get; }

    /// <summary>The wallet's holder key (cnf.jwk, KB-JWT).</summary>
    public ECDsa HolderKey { get; }

    public string Description { get; }

    public string RootPath => Path.Combine(Directory, RootCertificateFile);

    public static DemoTrustMaterial LoadOrCreate(string directory, CliContext context)
    {
        try
        {
            return LoadOrCreateCore(directory, context);
        }
        catch (UsageException e)
        {
            throw new UsageException($"{e.Message} Delete the demo data folder '{directory}' to start over.", e);
        }
    }

    public void Dispose()
    {
        Root.Dispose();
        Issuer.Dispose();
        HolderKey.Dispose();
    }

    private static DemoTrustMaterial LoadOrCreateCore(string directory, CliContext context)
    {
        PrivateFiles.CreateDirectory(directory);
        string File(string name) => Path.Combine(directory, name);
        var now = context.TimeProvider.GetUtcNow();
        var actions = new List<string>();

        X509Certificate2? root = null;
        X509Certificate2? issuer = null;
        if (new[] { RootCertificateFile, RootKeyFile, IssuerCertificateFile, IssuerKeyFile }.All(f => System.IO.File.Exists(File(f))))
        {
            root = KeyFiles.ReadCertificateWithKey(File(RootCertificateFile), File(RootKeyFile), context, "demo root CA");
            issuer = KeyFiles.ReadCertificateWithKey(File(IssuerCertificateFile), File(IssuerKeyFile), context, "demo issuer");
            if (!IsCurrent(root, now) || !IsCurrent(issuer, now) || !issuer.IssuerName.RawData.AsSpan().SequenceEqual(root.SubjectName.RawData))
            {
                root.Dispose();
                issuer.Dispose();
                (root, issuer) = (null, null);
                actions.Add("renewed the expired certificates");
            }
            else
            {
                actions.Add("reused the IACA root and issuer certificate");
            }
        }
        else
        {
            actions.Add("created an IACA root and issuer certificate");
        }

        if (root is null || issuer is null)
        {
            context.Warn($"the demo creates DEVELOPMENT certificates and keys in '{directory}'; never use them for real credentials.");
            root = DevelopmentCertificates.CreateRootCa(now - TimeSpan.FromMinutes(5), "Wallet Demo IACA", DevelopmentCertificates.DefaultCountry);
            issuer = CertCommand.IssueSigner(root, CertCommand.ProfileSdJwtVc, "Wallet Demo PID Issuer", DevelopmentCertificates.DefaultEndEntityValidity, context.TimeProvider);
            KeyFiles.WritePublic(File(RootCertificateFile), DevelopmentCertificates.ExportCertificatePem(root) + "\n");
            PrivateFiles.WriteAllText(File(RootKeyFile), DevelopmentCertificates.ExportPrivateKeyPem(root) + "\n");
            KeyFiles.WritePublic(File(IssuerCertificateFile), DevelopmentCertificates.ExportCertificatePem(issuer) + "\n");
            PrivateFiles.WriteAllText(File(IssuerKeyFile), DevelopmentCertificates.ExportPrivateKeyPem(issuer) + "\n");
        }

        ECDsa holderKey;
        if (System.IO.File.Exists(File(HolderKeyFile)))
        {
            holderKey = KeyFiles.ReadPrivateKey(File(HolderKeyFile), context, "demo holder key");
            actions.Add("reused the holder key");
        }
        else
        {
            holderKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            PrivateFiles.WriteAllText(File(HolderKeyFile), KeyFiles.Format(holderKey, KeyFiles.KeyFormat.Jwk));
            actions.Add("created a holder key");
        }

        var description = $"{string.Join(", ", actions)} in '{directory}' (root '{root.Subject}', issuer '{issuer.Subject}')";
        return new DemoTrustMaterial(directory, root, issuer, holderKey, description);
    }

    private static bool IsCurrent(X509Certificate2 certificate, DateTimeOffset now) =>
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime()) <= now
        && new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) > now + RenewalMargin;
}
