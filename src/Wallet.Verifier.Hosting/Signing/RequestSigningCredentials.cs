using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Storage;
using Wallet.Hosting.Pkcs11;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Signing;

/// <summary>
/// The request signing key with its certificate chain (leaf first, no trust anchor) and the Client Identifier bound to
/// it. Loaded from the configured PEM files, or, when none are configured, a development root and signer generated
/// once into the data folder with <see cref="DevelopmentCertificates"/> (never committed; not for production).
/// </summary>
public sealed class RequestSigningCredentials : IDisposable
{
    /// <summary>File name of the generated development root certificate, which a test wallet trusts.</summary>
    public const string DevelopmentRootFileName = "dev-request-signing-root.pem";

    private const string DevelopmentLeafFileName = "dev-request-signing.pem";
    private const string DevelopmentKeyFileName = "dev-request-signing.key.pem";

    private readonly X509Certificate2[] _chain;
    private readonly Dictionary<string, ClientId> _clientIds;

    public RequestSigningCredentials(IOptions<VerifierOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var settings = options.Value;
        ECDsa leafKey;
        if (settings.RequestSigningPkcs11.IsConfigured)
        {
            // The key stays in the token; the options validator has checked it with a test signature.
            _chain = LoadChain(settings.RequestSigningCertificatePath!, settings.RequestSigningChainPath);
            leafKey = Pkcs11ECDsa.TryOpen(settings.RequestSigningPkcs11, _chain[0], "Verifier:RequestSigningPkcs11", out var tokenKey, out var failure)
                ? tokenKey
                : throw new InvalidOperationException(failure);
        }
        else
        {
            _chain = settings.RequestSigningCertificatePath is { } certificatePath
                ? LoadConfigured(certificatePath, settings.RequestSigningKeyPath!, settings.RequestSigningChainPath)
                : LoadOrCreateDevelopment(settings, timeProvider.GetUtcNow());
            leafKey = _chain[0].GetECDsaPrivateKey() ?? throw new InvalidOperationException("The request signing certificate has no EC private key.");
        }

        SigningKey = new SigningKey(leafKey, null, _chain);

        // x509_hash always binds to the leaf; x509_san_dns only when the leaf carries the base URL's host as dNSName.
        var sanDns = ClientId.ForX509SanDns(settings.PublicBaseUrl!.IdnHost);
        _clientIds = sanDns.CheckBoundTo(_chain[0]) is null
            ? new Dictionary<string, ClientId>(StringComparer.Ordinal) { [ClientIdPrefixes.X509Hash] = ClientId.ForX509Hash(_chain[0]), [ClientIdPrefixes.X509SanDns] = sanDns }
            : new Dictionary<string, ClientId>(StringComparer.Ordinal) { [ClientIdPrefixes.X509Hash] = ClientId.ForX509Hash(_chain[0]) };
        if (!_clientIds.TryGetValue(settings.ClientIdPrefix, out var defaultClientId))
        {
            throw new InvalidOperationException($"Verifier:ClientIdPrefix: {sanDns.CheckBoundTo(_chain[0])!.Message}");
        }

        ClientId = defaultClientId;
    }

    /// <summary>The key the Request Objects are signed with.</summary>
    public SigningKey SigningKey { get; }

    /// <summary>The default Client Identifier (<c>Verifier:ClientIdPrefix</c>), prefix included.</summary>
    public ClientId ClientId { get; }

    /// <summary>The Client Identifier prefixes the signing certificate can be bound to (OpenID4VP 1.0 §5.9.3).</summary>
    public IReadOnlyCollection<string> AvailablePrefixes => _clientIds.Keys;

    /// <summary>The Client Identifier with <paramref name="prefix"/>, or null when the certificate cannot be bound to that prefix.</summary>
    public ClientId? ClientIdFor(string prefix) => _clientIds.GetValueOrDefault(prefix);

    public void Dispose()
    {
        SigningKey.Key.Dispose();
        foreach (var certificate in _chain)
        {
            certificate.Dispose();
        }
    }

    private static X509Certificate2[] LoadConfigured(string certificatePath, string keyPath, string? chainPath)
    {
        var leaf = DevelopmentCertificates.ImportPem(File.ReadAllText(certificatePath), File.ReadAllText(keyPath));
        var intermediates = new List<X509Certificate2>();
        if (chainPath is not null)
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(chainPath);
            intermediates.AddRange(collection);
        }

        return [leaf, .. intermediates];
    }

    private static X509Certificate2[] LoadChain(string certificatePath, string? chainPath)
    {
        var leaf = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        var intermediates = new X509Certificate2Collection();
        if (chainPath is not null)
        {
            intermediates.ImportFromPemFile(chainPath);
        }

        return [leaf, .. intermediates];
    }

    private static X509Certificate2[] LoadOrCreateDevelopment(VerifierOptions settings, DateTimeOffset now)
    {
        PrivateFiles.CreateDirectory(settings.DataDirectory);
        var leafPath = Path.Combine(settings.DataDirectory, DevelopmentLeafFileName);
        var keyPath = Path.Combine(settings.DataDirectory, DevelopmentKeyFileName);
        var host = settings.PublicBaseUrl!.IdnHost;
        if (File.Exists(leafPath) && File.Exists(keyPath))
        {
            var existing = DevelopmentCertificates.ImportPem(File.ReadAllText(leafPath), File.ReadAllText(keyPath));
            if (ClientId.ForX509SanDns(host).CheckBoundTo(existing) is null && existing.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(1))
            {
                return [existing];
            }

            existing.Dispose();
        }

        using var root = DevelopmentCertificates.CreateRootCa(now.AddMinutes(-5), "Verifier Development Request Signing Root", pathLength: 0);
        var leaf = DevelopmentCertificates.CreateVerifierRequestSigner(root, now.AddMinutes(-5), host, $"Verifier Development ({host})");
        File.WriteAllText(Path.Combine(settings.DataDirectory, DevelopmentRootFileName), DevelopmentCertificates.ExportCertificatePem(root));
        File.WriteAllText(leafPath, DevelopmentCertificates.ExportCertificatePem(leaf));
        PrivateFiles.WriteAllText(keyPath, DevelopmentCertificates.ExportPrivateKeyPem(leaf));
        return [leaf];
    }
}
