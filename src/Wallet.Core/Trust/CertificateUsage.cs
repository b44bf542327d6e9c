namespace Wallet.Core.Trust;

/// <summary>
/// What an end-entity certificate must be fit for: the Extended Key Usage it must carry (when any) and a
/// name used in error messages.
/// </summary>
/// <param name="Name">Short name for messages, e.g. <c>mdoc document signer</c>.</param>
/// <param name="RequiredExtendedKeyUsage">OID the leaf must list in its EKU extension, or null when none is required.</param>
public sealed record CertificateUsage(string Name, string? RequiredExtendedKeyUsage)
{
    /// <summary>An SD-JWT VC issuer signing certificate (digitalSignature; no EKU is mandated).</summary>
    public static CertificateUsage SdJwtVcIssuer { get; } = new("SD-JWT VC issuer", null);

    /// <summary>An mdoc document signer (ISO/IEC 18013-5 Annex B: EKU 1.0.18013.5.1.2).</summary>
    public static CertificateUsage MdocDocumentSigner { get; } = new("mdoc document signer", "1.0.18013.5.1.2");

    /// <summary>A Status List Token signer (draft-ietf-oauth-status-list §10; the EKU OID is not yet assigned).</summary>
    public static CertificateUsage StatusListSigner { get; } = new("status list signer", null);

    /// <summary>A wallet provider signing Wallet Attestations (HAIP 1.0 §4.4.1).</summary>
    public static CertificateUsage WalletProvider { get; } = new("wallet provider", null);

    /// <summary>A verifier (relying party) signing OpenID4VP request objects.</summary>
    public static CertificateUsage VerifierRequestSigner { get; } = new("verifier request signer", null);
}
