using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.OpenId4Vp;

/// <summary>Policy of a <see cref="RequestObjectValidator"/> (the Wallet side).</summary>
public sealed class RequestObjectValidatorOptions
{
    /// <summary>Validates the <c>x5c</c> chain of the Request Object for <see cref="CertificateUsage.VerifierRequestSigner"/>.</summary>
    public required ICertificateChainValidator ChainValidator { get; init; }

    /// <summary>The clock for certificates and <c>exp</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Accepted signature algorithms.</summary>
    public JwsAlgorithmPolicy AlgorithmPolicy { get; init; } = JwsAlgorithmPolicy.Default;

    /// <summary>Tolerated clock difference for <c>exp</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Accept <c>http</c> response URIs on loopback hosts (development and tests only). Off by default.</summary>
    public bool AllowHttpLoopback { get; init; }

    /// <summary>
    /// The transaction data types this Wallet can show and sign (OpenID4VP 1.0 §5.1). Empty (the default): a request with
    /// <c>transaction_data</c> is refused, as §5 requires of a Wallet without support.
    /// </summary>
    public IReadOnlyCollection<TransactionDataType> TransactionDataTypes { get; init; } = [];

    /// <summary>Size and count limits.</summary>
    public OpenId4VpLimits Limits { get; init; } = OpenId4VpLimits.Default;
}
