using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Wallet.Core.Jose;
using Wallet.Core.Trust;
using Wallet.Hosting.Pkcs11;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Signing;

/// <summary>
/// Production keys from the files named in <see cref="IssuerOptions.Keys"/> (PEM or PKCS#12). Loaded and checked at
/// start-up: EC private key matching its certificate, certificate valid now, chain to the configured root, and the
/// document signer EKU on the mdoc signer. Every problem names its setting. A signer whose private key is in a PKCS#11
/// token (<c>…:Pkcs11</c>) signs through <see cref="Pkcs11ECDsa"/>: the key never enters the process.
/// </summary>
internal sealed class ConfiguredIssuerKeys : IIssuerKeys, IDisposable
{
    private const string Section = "Issuer:Keys";

    private ConfiguredIssuerKeys(X509Certificate2 root, SigningKey credentialSigner, SigningKey documentSigner, SigningKey statusListSigner)
    {
        RootCertificate = root;
        CredentialSigner = credentialSigner;
        DocumentSigner = documentSigner;
        StatusListSigner = statusListSigner;
    }

    public SigningKey CredentialSigner { get; }

    public SigningKey DocumentSigner { get; }

    public SigningKey StatusListSigner { get; }

    public X509Certificate2 RootCertificate { get; }

    /// <summary>Closes the token sessions of PKCS#11 keys; file keys are released with them.</summary>
    public void Dispose()
    {
        CredentialSigner.Key.Dispose();
        DocumentSigner.Key.Dispose();
        StatusListSigner.Key.Dispose();
    }

    /// <summary>Loads the configured keys; the options validator has already reported any problem, so failures here are bugs.</summary>
    public static ConfiguredIssuerKeys Load(IOptions<IssuerOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TryLoad(options.Value.Keys, timeProvider.GetUtcNow(), out var keys, out var failures)
            ? keys
            : throw new InvalidOperationException(string.Join(" ", failures));
    }

    public static bool TryLoad(IssuerKeyOptions options, DateTimeOffset now, [NotNullWhen(true)] out ConfiguredIssuerKeys? keys, out List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        failures = [];
        keys = null;
        var root = LoadRoot(options.RootCertificatePath, failures);
        var credential = LoadSigner(options.CredentialSigner, "CredentialSigner", "credential-signer", root, now, null, failures);
        var document = LoadSigner(options.DocumentSigner, "DocumentSigner", "document-signer", root, now, CertificateUsage.MdocDocumentSigner.RequiredExtendedKeyUsage, failures);
        var status = LoadSigner(options.StatusListSigner, "StatusListSigner", "status-list-signer", root, now, null, failures);
        if (failures.Count > 0 || root is null || credential is null || document is null || status is null)
        {
            credential?.Key.Dispose();
            document?.Key.Dispose();
            status?.Key.Dispose();
            return false;
        }

        keys = new ConfiguredIssuerKeys(root, credential, document, status);
        return true;
    }

    private static X509Certificate2? LoadRoot(string? path, List<string> failures)
    {
        const string setting = Section + ":RootCertificatePath";
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{setting} must name the PEM file of the root (IACA) certificate.");
            return null;
        }

        try
        {
            var root = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            if (root.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
            {
                failures.Add($"{setting}: the certificate is not a CA (basicConstraints cA=TRUE is missing).");
                return null;
            }

            return root;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            failures.Add($"{setting}: '{path}' cannot be read as a PEM certificate ({e.GetType().Name}).");
            return null;
        }
    }

    private static SigningKey? LoadSigner(SignerKeyOptions options, string name, string keyId, X509Certificate2? root, DateTimeOffset now, string? requiredEku, List<string> failures)
    {
        var setting = $"{Section}:{name}";
        if (options.Pkcs11.IsConfigured)
        {
            return LoadTokenSigner(options, setting, keyId, root, now, requiredEku, failures);
        }

        var pkcs12 = !string.IsNullOrWhiteSpace(options.Pkcs12Path);
        var pem = !string.IsNullOrWhiteSpace(options.CertificatePath) || !string.IsNullOrWhiteSpace(options.PrivateKeyPath);
        if (pkcs12 == pem)
        {
            failures.Add($"{setting} must give either Pkcs12Path, or CertificatePath with PrivateKeyPath.");
            return null;
        }

        X509Certificate2 leaf;
        List<X509Certificate2> intermediates;
        try
        {
            (leaf, intermediates) = pkcs12 ? ReadPkcs12(options) : ReadPem(options, setting);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException or InvalidDataException)
        {
            var file = pkcs12 ? "Pkcs12Path" : "CertificatePath/PrivateKeyPath";
            failures.Add($"{setting}:{file} cannot be loaded: {(e is ArgumentException or InvalidDataException ? e.Message : e.GetType().Name + " (unreadable file, wrong password or not an EC key)")}");
            return null;
        }

        return CheckCertificate(leaf, intermediates, setting, root, now, requiredEku, failures) ? SigningKey.FromCertificate(leaf, intermediates, keyId) : null;
    }

    private static SigningKey? LoadTokenSigner(SignerKeyOptions options, string setting, string keyId, X509Certificate2? root, DateTimeOffset now, string? requiredEku, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(options.Pkcs12Path) || !string.IsNullOrWhiteSpace(options.PrivateKeyPath) || string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            failures.Add($"{setting}:Pkcs11 takes the certificate from {setting}:CertificatePath, and neither Pkcs12Path nor PrivateKeyPath.");
            return null;
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(options.CertificatePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            failures.Add($"{setting}:CertificatePath cannot be loaded: {e.GetType().Name}.");
            return null;
        }

        if (certificates.Count == 0)
        {
            failures.Add($"{setting}:CertificatePath: the PEM file holds no certificate.");
            return null;
        }

        var leaf = certificates[0];
        List<X509Certificate2> intermediates = [.. certificates.Skip(1).Where(c => !c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))];
        if (!CheckCertificate(leaf, intermediates, setting, root, now, requiredEku, failures))
        {
            return null;
        }

        if (!Pkcs11ECDsa.TryOpen(options.Pkcs11, leaf, setting + ":Pkcs11", out var key, out var failure))
        {
            failures.Add(failure);
            return null;
        }

        return new SigningKey(key, keyId, [leaf, .. intermediates]);
    }

    private static bool CheckCertificate(X509Certificate2 leaf, List<X509Certificate2> intermediates, string setting, X509Certificate2? root, DateTimeOffset now, string? requiredEku, List<string> failures)
    {
        var problems = failures.Count;
        if (now < leaf.NotBefore || now > leaf.NotAfter)
        {
            failures.Add($"{setting}: the certificate '{leaf.Subject}' is not valid now (valid {leaf.NotBefore:u} to {leaf.NotAfter:u}).");
        }

        if (requiredEku is not null
            && !leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == requiredEku)))
        {
            failures.Add($"{setting}: the certificate '{leaf.Subject}' lacks the extended key usage {requiredEku} (ISO/IEC 18013-5 document signer).");
        }

        if (root is not null && !ChainsTo(leaf, intermediates, root, now))
        {
            failures.Add($"{setting}: the certificate '{leaf.Subject}' does not chain to {Section}:RootCertificatePath ('{root.Subject}').");
        }

        return failures.Count == problems;
    }

    private static (X509Certificate2 Leaf, List<X509Certificate2> Intermediates) ReadPkcs12(SignerKeyOptions options)
    {
        var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(options.Pkcs12Path!, options.Pkcs12Password, X509KeyStorageFlags.EphemeralKeySet);
        var leaf = collection.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new InvalidDataException("The PKCS#12 file holds no certificate with a private key.");
        if (leaf.GetECDsaPublicKey() is null)
        {
            throw new InvalidDataException("The PKCS#12 key is not an EC key.");
        }

        // Self-signed certificates are roots: a chain never carries its trust anchor.
        return (leaf, [.. collection.Where(c => !ReferenceEquals(c, leaf) && !c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))]);
    }

    private static (X509Certificate2 Leaf, List<X509Certificate2> Intermediates) ReadPem(SignerKeyOptions options, string setting)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath) || string.IsNullOrWhiteSpace(options.PrivateKeyPath))
        {
            throw new ArgumentException($"both CertificatePath and PrivateKeyPath are required ({setting}).");
        }

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(options.CertificatePath);
        if (certificates.Count == 0)
        {
            throw new InvalidDataException("the certificate PEM holds no certificate.");
        }

        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(options.PrivateKeyPath));
        X509Certificate2 leaf;
        try
        {
            leaf = certificates[0].CopyWithPrivateKey(key);
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException("the private key does not match the first certificate.");
        }

        return (leaf, [.. certificates.Skip(1)]);
    }

    private static bool ChainsTo(X509Certificate2 leaf, List<X509Certificate2> intermediates, X509Certificate2 root, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(leaf) && chain.ChainElements[^1].Certificate.RawData.AsSpan().SequenceEqual(root.RawData);
    }
}
