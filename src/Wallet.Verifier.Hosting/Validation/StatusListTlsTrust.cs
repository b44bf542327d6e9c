using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Wallet.Verifier.Validation;

/// <summary>
/// TLS trust of the status-list client: the system's roots, plus the PEM roots of <c>Verifier:StatusListTlsRoots</c>
/// (e.g. the development certificate of an Issuer on localhost). The host name is always checked; an additional root
/// only helps a certificate whose sole problem is that the system does not know its root.
/// </summary>
internal static class StatusListTlsTrust
{
    /// <summary>Loads every certificate of the PEM files; throws when one cannot be read (the options validator reports that first).</summary>
    public static X509Certificate2Collection Load(IEnumerable<string> pemFiles)
    {
        var roots = new X509Certificate2Collection();
        foreach (var path in pemFiles)
        {
            roots.ImportFromPemFile(path);
        }

        return roots;
    }

    /// <summary>Makes <paramref name="handler"/> accept server chains that end at one of <paramref name="roots"/> as well.</summary>
    public static void TrustAdditionally(SocketsHttpHandler handler, X509Certificate2Collection roots)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Count == 0)
        {
            return;
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, systemChain, errors) =>
            errors == SslPolicyErrors.None
            || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && ChainsTo(certificate, systemChain, roots));
    }

    private static bool ChainsTo(X509Certificate certificate, X509Chain? systemChain, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);

        // Development and private roots publish no revocation information.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (systemChain is not null)
        {
            // The intermediates the server sent.
            foreach (var element in systemChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
