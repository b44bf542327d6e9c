namespace Wallet.Issuer.Options;

/// <summary>One signing key: either <see cref="Pkcs12Path"/>, or <see cref="CertificatePath"/> with <see cref="PrivateKeyPath"/>.</summary>
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

    /// <summary>True when a file is named.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Pkcs12Path) || !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(PrivateKeyPath);
}
