using System.Security.Cryptography;
using Wallet.Core.Jose;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.Mdoc;

/// <summary>Configuration of an <see cref="MdocVerifier"/>.</summary>
public sealed record MdocVerifierOptions
{
    /// <summary>Validates the document signer chain to the configured IACA trust anchors (ISO/IEC 18013-5 Annex B).</summary>
    public required ICertificateChainValidator ChainValidator { get; init; }

    /// <summary>The clock for MSO validity and certificate checks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance applied to both ends of the MSO validity window. Default: 5 minutes.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Input bounds.</summary>
    public MdocLimits Limits { get; init; } = MdocLimits.Default;

    /// <summary>Algorithms accepted for IssuerAuth. Default: ES256, ES384, ES512.</summary>
    public JwsAlgorithmPolicy IssuerAuthAlgorithms { get; init; } = JwsAlgorithmPolicy.Default;

    /// <summary>Algorithms accepted for deviceSignature. Default: ES256, ES384, ES512.</summary>
    public JwsAlgorithmPolicy DeviceSignatureAlgorithms { get; init; } = JwsAlgorithmPolicy.Default;

    /// <summary>
    /// Checks the MSO Token Status List reference when set. A status that cannot be established, or is not
    /// VALID, fails the document. When null, a document with a status reference fails with
    /// <c>mdoc.status_unchecked</c> unless <see cref="AllowUncheckedStatus"/> is set.
    /// </summary>
    public ITokenStatusChecker? StatusChecker { get; init; }

    /// <summary>Accept documents whose status reference was not checked. Off by default: verification fails closed.</summary>
    public bool AllowUncheckedStatus { get; init; }

    /// <summary>
    /// The reader's ephemeral private key (EReaderKey) of this session, needed to verify <c>deviceMac</c>
    /// (ISO/IEC 18013-5 9.1.3.5). Without it a document authenticated by deviceMac fails.
    /// </summary>
    public ECDiffieHellman? ReaderEphemeralKey { get; init; }
}
