using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.TypeMetadata;

/// <summary>The outcome of resolving, and optionally validating a credential against, Type Metadata.</summary>
public sealed class TypeMetadataResult
{
    internal TypeMetadataResult(ResolvedTypeMetadata? metadata, IReadOnlyList<VerificationError> errors)
    {
        Errors = errors;
        Metadata = errors.Count == 0 ? metadata : null;
    }

    /// <summary>The fully processed metadata; null unless every check passed.</summary>
    public ResolvedTypeMetadata? Metadata { get; }

    /// <summary>Every failed check; empty when valid.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>True when every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Metadata))]
    public bool IsValid => Errors.Count == 0 && Metadata is not null;

    /// <summary>
    /// True when the failure is only that a document of the chain could not be retrieved: the metadata was never
    /// processed, which a policy that does not require Type Metadata may accept (§4.7). Every other failure means the
    /// metadata was obtained and the credential, or the metadata, failed it.
    /// </summary>
    public bool IsUnavailable => Errors.Count > 0 && Errors.All(e => e.Code == TypeMetadataErrorCodes.Unavailable);
}
