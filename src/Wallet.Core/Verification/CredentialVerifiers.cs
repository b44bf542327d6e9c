using System.Security.Cryptography;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.Verification;

/// <summary>
/// The one place verification is built: from a <see cref="CredentialVerificationOptions"/>, the chain validator over
/// the trust anchors, the status checker (Token Status Lists as JWT or CWT, signed under the same anchors), and the
/// SD-JWT VC and mdoc verifiers that share them. Create once and share; every member is safe for concurrent use.
/// </summary>
/// <example>
/// <code>
/// var verifiers = CredentialVerifiers.Create(
///     new CredentialVerificationOptions { TrustAnchors = TrustAnchorStore.FromFiles(["pid-issuer-ca.pem"]) },
///     httpClient);
/// var result = await verifiers.SdJwtVc.VerifyAsync(presentation, new KeyBindingExpectation(clientId, nonce));
/// </code>
/// </example>
public sealed class CredentialVerifiers
{
    private readonly MdocVerifierOptions _mdocOptions;

    private CredentialVerifiers(CredentialVerificationOptions options, ICertificateChainValidator chainValidator, StatusListTokenVerifier statusListTokenVerifier, ITokenStatusChecker? statusChecker, ITokenStatusChecker? mdocStatusChecker, TimeProvider timeProvider)
    {
        Options = options;
        ChainValidator = chainValidator;
        StatusListTokenVerifier = statusListTokenVerifier;
        StatusChecker = statusChecker;
        SdJwtVc = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            TrustValidator = chainValidator,
            StatusChecker = statusChecker,
            AllowUncheckedStatus = options.AllowUncheckedStatus,
            AcceptedVcts = options.AcceptedVcts,
            RequireHolderBinding = options.RequireHolderBinding,
            TimeProvider = timeProvider,
        });
        _mdocOptions = new MdocVerifierOptions
        {
            ChainValidator = chainValidator,
            StatusChecker = mdocStatusChecker,
            AllowUncheckedStatus = options.AllowUncheckedStatus,
            TimeProvider = timeProvider,
        };
        Mdoc = new MdocVerifier(_mdocOptions);
    }

    /// <summary>The policy these verifiers were built with (a copy: later changes to the caller's lists have no effect).</summary>
    public CredentialVerificationOptions Options { get; }

    /// <summary>Validates issuer and status list signer chains against the trust anchors, for every format alike.</summary>
    public ICertificateChainValidator ChainValidator { get; }

    /// <summary>Verifies Status List Tokens (JWT or CWT) under the trust anchors and <see cref="CredentialVerificationOptions.StatusListTokens"/>.</summary>
    public StatusListTokenVerifier StatusListTokenVerifier { get; }

    /// <summary>The status checker both verifiers use; null when neither a checker nor an <see cref="HttpClient"/> was given.</summary>
    public ITokenStatusChecker? StatusChecker { get; }

    /// <summary>Verifies SD-JWT VC presentations (draft-ietf-oauth-sd-jwt-vc, HAIP 1.0 §6.1).</summary>
    public SdJwtVcVerifier SdJwtVc { get; }

    /// <summary>Verifies mdoc DeviceResponses authenticated by deviceSignature, and issued IssuerSigned structures (ISO/IEC 18013-5 9.3).</summary>
    public MdocVerifier Mdoc { get; }

    /// <summary>Builds the verifiers.</summary>
    /// <param name="options">The policy; copied, so later changes to its lists do not reach the verifiers.</param>
    /// <param name="httpClient">
    /// Fetches Status List Tokens when <see cref="CredentialVerificationOptions.StatusChecker"/> is null; the caller owns
    /// it. Its handler decides proxies, TLS trust and redirects.
    /// </param>
    /// <param name="timeProvider">The clock of every check; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public static CredentialVerifiers Create(CredentialVerificationOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrustAnchors is null || options.ChainValidation is null || options.StatusListFetching is null || options.StatusListTokens is null || options.AcceptedVcts is null)
        {
            throw new ArgumentException($"{nameof(options.TrustAnchors)}, {nameof(options.ChainValidation)}, {nameof(options.StatusListFetching)}, {nameof(options.StatusListTokens)} and {nameof(options.AcceptedVcts)} must be set.", nameof(options));
        }

        options.StatusListFetching.Validate();
        timeProvider ??= TimeProvider.System;

        // The snapshot: lists are copied so that a caller who keeps and changes them cannot change a verdict.
        options = options with
        {
            AcceptedVcts = [.. options.AcceptedVcts],
            StatusListTokens = options.StatusListTokens with { TrustedKeys = [.. options.StatusListTokens.TrustedKeys] },
        };

        ICertificateChainValidator chainValidator = options.TrustAnchors is TrustAnchorStore store
            ? new X509ChainValidator(store, options.ChainValidation)
            : new TrustSourceChainValidator(options.TrustAnchors, options.ChainValidation);
        var tokenVerifier = new StatusListTokenVerifier(chainValidator, options.StatusListTokens, timeProvider);
        var statusChecker = options.StatusChecker
            ?? (httpClient is null ? null : new HttpTokenStatusChecker(httpClient, tokenVerifier, timeProvider, options.StatusListFetching));
        // An mdoc's lists are asked for in CWT form first (§8.1 content negotiation); the SD-JWT VC's in JWT (SD-JWT VC §2.2.2.3).
        var mdocStatusChecker = options.StatusChecker
            ?? (httpClient is null ? null : new HttpTokenStatusChecker(httpClient, tokenVerifier, timeProvider, options.StatusListFetching with { PreferCwt = options.StatusListFetching.AcceptCwt }));
        return new CredentialVerifiers(options, chainValidator, tokenVerifier, statusChecker, mdocStatusChecker, timeProvider);
    }

    /// <summary>
    /// An mdoc verifier with the same policy that also knows this session's reader ephemeral key, needed for documents
    /// authenticated by deviceMac (ISO/IEC 18013-5 9.1.3.5). The caller owns the key.
    /// </summary>
    public MdocVerifier MdocForReader(ECDiffieHellman readerEphemeralKey)
    {
        ArgumentNullException.ThrowIfNull(readerEphemeralKey);
        return new MdocVerifier(_mdocOptions with { ReaderEphemeralKey = readerEphemeralKey });
    }
}
