using Wallet.Hosting.Pkcs11;

namespace Wallet.Issuer.Options;

/// <summary>
/// One signing key: either <see cref="Pkcs12Path"/>, or <see cref="CertificatePath"/> with <see cref="PrivateKeyPath"/>,
/// or <see cref="CertificatePath"/> with the private key in a PKCS#11 token (<see cref="Pkcs11"/>).
/// </summary>
public sealed class SignerKeyOptions
{
    /// <summary>A PKCS#12 (.p12/.pfx) file with the EC private key, its certificate and any intermediates.</summary>
    public string? Pkcs12Path { get; set; }

    /// <summary>The PKCS#12 file's password (set it through an environment variable or a secret store, not appsettings).</summary>
    public string? Pkcs12Password { get; set; }

    /// <summary>A PEM file with the signer's certificate first, then any intermediate CA certificates.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>A PEM file with the EC private key (PKCS#8 or SEC1).</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The private key in a PKCS#11 token (an HSM) instead of <see cref="PrivateKeyPath"/>; its certificate is <see cref="CertificatePath"/>.</summary>
    public Pkcs11KeyOptions Pkcs11 { get; set; } = new();

    /// <summary>True when a file or a token key is named.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Pkcs12Path) || !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(PrivateKeyPath) || Pkcs11.IsConfigured;
}
