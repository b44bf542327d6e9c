using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.OpenId4Vp;

/// <summary>The outcome of validating a Request Object on the Wallet side.</summary>
public sealed class RequestObjectValidationResult
{
    internal RequestObjectValidationResult(AuthorizationRequest? request, X509Certificate2? signer, IReadOnlyList<VerificationError> errors)
    {
        Request = errors.Count == 0 ? request : null;
        SignerCertificate = signer;
        Errors = errors;
    }

    /// <summary>True when every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Request))]
    public bool IsValid => Errors.Count == 0 && Request is not null;

    /// <summary>The request; null unless valid.</summary>
    public AuthorizationRequest? Request { get; }

    /// <summary>The leaf certificate of <c>x5c</c>, when one was received.</summary>
    public X509Certificate2? SignerCertificate { get; }

    /// <summary>Every failed check.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }
}
