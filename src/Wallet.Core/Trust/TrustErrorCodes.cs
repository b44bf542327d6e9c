namespace Wallet.Core.Trust;

/// <summary>
/// Error codes for X.509 trust: parsing received chains (<c>x5c</c>, <c>x5chain</c>), loading trust anchors,
/// and validating a chain against them. Every message that carries one of these codes names the certificate
/// concerned by its position and subject.
/// </summary>
public static class TrustErrorCodes
{
    /// <summary>No certificate was received (an empty <c>x5c</c> array or chain).</summary>
    public const string ChainEmpty = "trust.chain_empty";

    /// <summary>More certificates were received than the configured limit allows.</summary>
    public const string ChainTooLong = "trust.chain_too_long";

    /// <summary>
    /// The container of the chain has the wrong shape: <c>x5c</c> is not a JSON array of strings
    /// (RFC 7515 §4.1.6), or <c>x5chain</c> is not a byte string or an array of two or more byte strings (RFC 9360 §2).
    /// </summary>
    public const string MalformedChain = "trust.malformed_chain";

    /// <summary>A certificate is not standard base64, not a single DER-encoded X.509 certificate, or too large.</summary>
    public const string MalformedCertificate = "trust.malformed_certificate";

    /// <summary>
    /// A certificate's issuer is not the subject of the certificate that follows it: the chain is out of order
    /// or incomplete (RFC 7515 §4.1.6: each certificate must certify the one preceding it).
    /// </summary>
    public const string IssuerMismatch = "trust.issuer_mismatch";

    /// <summary>The received chain contains a trust anchor, which HAIP 1.0 forbids unless explicitly allowed.</summary>
    public const string AnchorInChain = "trust.anchor_in_chain";

    /// <summary>The chain does not lead to a configured trust anchor; the message names the missing issuer.</summary>
    public const string UntrustedRoot = "trust.untrusted_root";

    /// <summary>A certificate (received or anchor) is past its notAfter at the validation time.</summary>
    public const string CertificateExpired = "trust.certificate_expired";

    /// <summary>A certificate (received or anchor) is before its notBefore at the validation time.</summary>
    public const string CertificateNotYetValid = "trust.certificate_not_yet_valid";

    /// <summary>A certificate that issues another one lacks basicConstraints with cA=TRUE (RFC 5280 §4.2.1.9).</summary>
    public const string NotACa = "trust.not_a_ca";

    /// <summary>A CA certificate's pathLenConstraint is smaller than the number of intermediates below it (RFC 5280 §4.2.1.9).</summary>
    public const string PathLengthExceeded = "trust.path_length_exceeded";

    /// <summary>
    /// A keyUsage extension is missing or lacks the required bit: keyCertSign on issuing certificates,
    /// digitalSignature on the leaf (RFC 5280 §4.2.1.3).
    /// </summary>
    public const string KeyUsage = "trust.key_usage";

    /// <summary>The leaf lacks the Extended Key Usage required by the <see cref="CertificateUsage"/> (RFC 5280 §4.2.1.12).</summary>
    public const string EkuMissing = "trust.eku_missing";

    /// <summary>The leaf (signing) certificate is self-signed, which HAIP 1.0 forbids.</summary>
    public const string LeafSelfSigned = "trust.leaf_self_signed";

    /// <summary>A certificate's signature does not verify with its issuer's public key.</summary>
    public const string SignatureInvalid = "trust.signature_invalid";

    /// <summary>A certificate is signed with an algorithm this library does not verify (only ECDSA and RSA with SHA-2 are supported).</summary>
    public const string UnsupportedAlgorithm = "trust.unsupported_algorithm";

    /// <summary>A certificate is revoked by its issuer's CRL (only when revocation checking is enabled).</summary>
    public const string Revoked = "trust.revoked";

    /// <summary>Revocation checking is enabled but a certificate's revocation status could not be determined; fails closed.</summary>
    public const string RevocationUnknown = "trust.revocation_unknown";

    /// <summary>The platform chain engine rejected the chain for a reason not covered by a more specific code (e.g. name constraints).</summary>
    public const string ChainInvalid = "trust.chain_invalid";

    /// <summary>A trust anchor file cannot be read (missing, inaccessible).</summary>
    public const string AnchorFileUnreadable = "trust.anchor_file_unreadable";

    /// <summary>A trust anchor file exceeds the configured size limit.</summary>
    public const string AnchorFileTooLarge = "trust.anchor_file_too_large";

    /// <summary>More trust anchor files or certificates were supplied than the configured limit allows.</summary>
    public const string TooManyAnchors = "trust.too_many_anchors";

    /// <summary>A trust anchor is not a CA certificate (basicConstraints cA=TRUE and keyUsage keyCertSign).</summary>
    public const string AnchorNotCa = "trust.anchor_not_ca";

    /// <summary>A trust anchor is not self-signed; only root certificates can end a path in the platform chain engine.</summary>
    public const string AnchorNotSelfSigned = "trust.anchor_not_self_signed";

    /// <summary>The same anchor certificate was supplied twice with different level-of-assurance or name tags.</summary>
    public const string AnchorConflict = "trust.anchor_conflict";
}
