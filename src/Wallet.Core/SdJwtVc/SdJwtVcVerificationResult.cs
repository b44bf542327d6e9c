using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Credentials;
using Wallet.Core.Pid;
using Wallet.Core.SdJwt;
using Wallet.Core.StatusList;
using Wallet.Core.TypeMetadata;

namespace Wallet.Core.SdJwtVc;

/// <summary>The outcome of verifying an SD-JWT VC presentation, on the surface shared with mdoc.</summary>
public sealed class SdJwtVcVerificationResult : CredentialVerificationResult
{
    internal SdJwtVcVerificationResult(SdJwtVerificationResult inner, string? vct, string? issuer, StatusListReference? statusReference, CredentialStatus status, HolderBinding holderBinding, IReadOnlyList<VerificationError> errors, ResolvedTypeMetadata? typeMetadata = null)
        : base(
            SdJwtVcClaims.Format,
            errors,
            status,
            statusReference,
            inner.Issuer?.CertificateChain ?? [],
            inner.Issuer?.TrustAnchor,
            inner.Issuer?.LevelOfAssurance,
            issuer,
            holderBinding,
            inner.IsValid ? SdJwtVcClaims.PersonClaims(inner.Payload) : null,
            inner.IsValid ? SdJwtVcClaims.TechnicalClaimsOf(inner.Payload) : null)
    {
        Inner = inner;
        Vct = vct;
        TypeMetadata = IsValid ? typeMetadata : null;
    }

    /// <summary>
    /// The fully processed Type Metadata of the credential (draft-ietf-oauth-sd-jwt-vc-18 §4.7), with the display names
    /// and claim labels to show; null unless valid and processing was configured and the metadata was available.
    /// </summary>
    public ResolvedTypeMetadata? TypeMetadata { get; }

    /// <summary>The <c>vct</c> of the credential, when present.</summary>
    public string? Vct { get; }

    /// <summary>
    /// The whole processed payload (RFC 9901 §7.1: registered and disclosed claims), which a DCQL query is matched
    /// against; null unless valid. <see cref="CredentialVerificationResult.Claims"/> holds the person's part of it.
    /// </summary>
    public JsonObject? Payload => IsValid ? Inner.Payload : null;

    /// <summary>The concrete paths of the selectively disclosed claims; empty unless valid.</summary>
    public IReadOnlyList<ClaimPath> DisclosedPaths => IsValid ? Inner.DisclosedPaths : [];

    /// <summary>The SD-JWT level result.</summary>
    public SdJwtVerificationResult Inner { get; }

    /// <inheritdoc />
    private protected override bool TryReadPid([NotNullWhen(true)] out PersonIdentificationData? pid, [NotNullWhen(false)] out string? problem)
    {
        if (!string.Equals(Vct, PidSdJwtVc.Vct, StringComparison.Ordinal))
        {
            pid = null;
            problem = $"The credential type is '{Vct}', not the PID type '{PidSdJwtVc.Vct}'.";
            return false;
        }

        return PidSdJwtVc.TryFromClaims(Claims!, out pid, out problem);
    }
}
