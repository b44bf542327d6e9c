using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Development;
using Wallet.Core.Storage;

namespace Wallet.Cli.Demo;

/// <summary>
/// The demo's TLS: a self-signed certificate for <c>localhost</c> / <c>127.0.0.1</c> kept in the data folder, served by
/// both services, and HTTP handlers that trust exactly that certificate (host name still checked) and nothing else.
/// Certificate validation is never switched off.
/// </summary>
internal static class DemoTls
{
    public const string CertificateFile = "localhost.pem";
    public const string KeyFile = "localhost.key.pem";
    public const string HostName = "localhost";

    private static readonly TimeSpan Validity = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromDays(1);

    /// <summary>Loads the certificate from <paramref name="directory"/>, or creates it there when missing or about to expire.</summary>
    public static (X509Certificate2 Certificate, bool Created) LoadOrCreate(string directory, DateTimeOffset now)
    {
        var certificatePath = Path.Combine(directory, CertificateFile);
        var keyPath = Path.Combine(directory, KeyFile);
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var existing = Reimport(X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
            if (existing.NotAfter.ToUniversalTime() > (now + RenewalMargin).UtcDateTime && existing.NotBefore.ToUniversalTime() <= now.UtcDateTime)
            {
                return (existing, false);
            }

            existing.Dispose();
        }

        PrivateFiles.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={HostName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(HostName);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now + Validity);
        File.WriteAllText(certificatePath, DevelopmentCertificates.ExportCertificatePem(created));
        PrivateFiles.WriteAllText(keyPath, DevelopmentCertificates.ExportPrivateKeyPem(created));
        return (Reimport(created), true);
    }

    /// <summary>A handler that trusts only <paramref name="certificate"/> for TLS, connects <c>localhost</c> over IPv4 loopback, and never follows redirects.</summary>
    public static SocketsHttpHandler CreateHandler(X509Certificate2 certificate)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        Trust(handler, certificate);
        return handler;
    }

    /// <summary>Makes <paramref name="handler"/> trust only <paramref name="certificate"/> and reach <c>localhost</c> on 127.0.0.1.</summary>
    public static void Trust(SocketsHttpHandler handler, X509Certificate2 certificate)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(certificate);
        handler.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy };

        // The services listen on 127.0.0.1 only; resolving localhost to ::1 first would cost a refused connection each time.
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                var address = context.DnsEndPoint.Host == HostName ? IPAddress.Loopback : (await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false))[0];
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
    }

    // Kestrel on Windows cannot use the ephemeral key of a PEM import; a PKCS#12 round trip gives a persisted one.
    private static X509Certificate2 Reimport(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        }
    }
}
