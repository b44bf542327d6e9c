using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.SdJwt;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.SdJwtVc;

/// <summary>The outcome of verifying an SD-JWT VC presentation.</summary>
public sealed class SdJwtVcVerificationResult
{
    internal SdJwtVcVerificationResult(SdJwtVerificationResult inner, string? vct, string? issuer, StatusListReference? statusReference, CredentialStatus status, IReadOnlyList<VerificationError> errors)
    {
        Inner = inner;
        Errors = errors;
        Vct = vct;
        IssuerIdentifier = issuer;
        StatusReference = statusReference;
        Status = status;
    }

    /// <summary>True when every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Claims))]
    public bool IsValid => Errors.Count == 0 && Inner.IsValid;

    /// <summary>The <c>vct</c> of the credential, when present.</summary>
    public string? Vct { get; }

    /// <summary>The <c>iss</c> claim, when present.</summary>
    public string? IssuerIdentifier { get; }

    /// <summary>Who signed, as established by the key resolution (the <c>x5c</c> leaf subject).</summary>
    public string? Issuer => Inner.Issuer?.Issuer;

    /// <summary>The level of assurance of the Issuer's trust anchor, when tagged.</summary>
    public LevelOfAssurance? LevelOfAssurance => Inner.Issuer?.LevelOfAssurance;

    /// <summary>The processed payload (registered and disclosed claims); null unless valid.</summary>
    public JsonObject? Claims => IsValid ? Inner.Payload : null;

    /// <summary>The concrete paths of the selectively disclosed claims; empty unless valid.</summary>
    public IReadOnlyList<ClaimPath> DisclosedPaths => IsValid ? Inner.DisclosedPaths : [];

    /// <summary>True when a KB-JWT was verified against <c>cnf.jwk</c>.</summary>
    public bool HolderBindingVerified => IsValid && Inner.HolderKey is not null;

    /// <summary>The Token Status List entry the credential points to, if any.</summary>
    public StatusListReference? StatusReference { get; }

    /// <summary>The revocation status found.</summary>
    public CredentialStatus Status { get; }

    /// <summary>The SD-JWT level result.</summary>
    public SdJwtVerificationResult Inner { get; }

    /// <summary>Every failed check: the SD-JWT ones followed by the SD-JWT VC ones.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }
}
