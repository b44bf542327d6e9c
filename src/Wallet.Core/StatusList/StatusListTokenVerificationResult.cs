using System.Diagnostics.CodeAnalysis;
using Wallet.Core.Trust;

namespace Wallet.Core.StatusList;

/// <summary>The outcome of verifying a Status List Token: the verified claims, or every failed check.</summary>
public sealed class StatusListTokenVerificationResult
{
    private StatusListTokenVerificationResult(StatusListToken? token, CertificateChainValidationResult? chain, IReadOnlyList<VerificationError> errors)
    {
        Token = token;
        CertificateChain = chain;
        Errors = errors;
    }

    /// <summary>True when every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    public bool IsValid => Errors.Count == 0 && Token is not null;

    /// <summary>The verified claims; null unless <see cref="IsValid"/>.</summary>
    public StatusListToken? Token { get; }

    /// <summary>The certificate chain validation, when the token was trusted through <c>x5c</c> / <c>x5chain</c>.</summary>
    public CertificateChainValidationResult? CertificateChain { get; }

    /// <summary>Every failed check.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    internal static StatusListTokenVerificationResult Success(StatusListToken token, CertificateChainValidationResult? chain) => new(token, chain, []);

    internal static StatusListTokenVerificationResult Failure(IReadOnlyList<VerificationError> errors, CertificateChainValidationResult? chain = null) => new(null, chain, errors);
}
