namespace Wallet.Issuer.Options;

/// <summary>
/// Production keys from files: the IACA root certificate and the three signers, each from a PKCS#12 file or from a
/// certificate PEM (leaf first, then intermediates) and a private key PEM. When set, keys are never generated.
/// </summary>
public sealed class IssuerKeyOptions
{
    /// <summary>PEM file of the root (IACA) certificate that the three chains lead to.</summary>
    public string? RootCertificatePath { get; set; }

    /// <summary>The SD-JWT VC signer.</summary>
    public SignerKeyOptions CredentialSigner { get; set; } = new();

    /// <summary>The mdoc document signer; its certificate must carry the ISO/IEC 18013-5 document signer EKU.</summary>
    public SignerKeyOptions DocumentSigner { get; set; } = new();

    /// <summary>The Status List Token signer.</summary>
    public SignerKeyOptions StatusListSigner { get; set; } = new();

    /// <summary>True when any key file is configured.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(RootCertificatePath) || CredentialSigner.IsConfigured || DocumentSigner.IsConfigured || StatusListSigner.IsConfigured;
}
