using System.Text.Json;
using Wallet.Core.Credentials;
using Wallet.Core.SdJwt;
using Wallet.Core.StatusList;
using Wallet.Core.TypeMetadata;

namespace Wallet.Core.SdJwtVc;

/// <summary>
/// Verifies SD-JWT VC presentations (draft-ietf-oauth-sd-jwt-vc-18 §2.4) as profiled by HAIP 1.0 §6.1: the SD-JWT
/// rules of RFC 9901, <c>typ</c> pinned to <c>dc+sd-jwt</c> (or the legacy <c>vc+sd-jwt</c>), the Issuer key from
/// <c>x5c</c>, claims that must never be selectively disclosable, the credential type, the level of assurance, and the
/// Token Status List entry, failing closed when the status cannot be established.
/// </summary>
public sealed class SdJwtVcVerifier
{
    private readonly SdJwtVcVerifierOptions _options;
    private readonly SdJwtVerifier _sdJwtVerifier;

    /// <summary>Creates a verifier with the given policy.</summary>
    /// <exception cref="ArgumentException">Neither a trust validator nor an Issuer key resolver is configured.</exception>
    public SdJwtVcVerifier(SdJwtVcVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resolver = options.IssuerKeyResolver
            ?? (options.TrustValidator is { } validator ? new X5cIssuerKeyResolver(validator, options.TimeProvider) : null)
            ?? throw new ArgumentException("Configure SdJwtVcVerifierOptions.TrustValidator or IssuerKeyResolver.", nameof(options));
        // A snapshot: the caller's list may change after construction, the verdict must not.
        _options = options with { AcceptedVcts = [.. options.AcceptedVcts] };
        _sdJwtVerifier = new SdJwtVerifier(new SdJwtVerifierOptions
        {
            IssuerKeyResolver = resolver,
            AcceptedTypes = SdJwtVcClaims.AcceptedTypes,
            AlgorithmPolicy = options.AlgorithmPolicy,
            Limits = options.Limits,
            TimeProvider = options.TimeProvider,
            ClockSkew = options.ClockSkew,
            KeyBindingMaxAge = options.KeyBindingMaxAge,
        });
    }

    /// <summary>Verifies a compact SD-JWT VC, with Key Binding when <paramref name="keyBinding"/> is set.</summary>
    public async ValueTask<SdJwtVcVerificationResult> VerifyAsync(string compact, KeyBindingExpectation? keyBinding, CancellationToken cancellationToken = default)
    {
        var inner = await _sdJwtVerifier.VerifyAsync(compact, keyBinding, cancellationToken).ConfigureAwait(false);
        var errors = new List<VerificationError>(inner.Errors);
        if (inner.SdJwt is null)
        {
            return new SdJwtVcVerificationResult(inner, null, null, null, CredentialStatus.Unchecked, HolderBindingOf(inner, keyBinding, holderBindingMissing: false), errors);
        }

        // Registered claims are never selectively disclosable, so they are read from the signed payload itself.
        var signed = inner.SdJwt.IssuerSignedJwt.Payload;
        foreach (var path in inner.ProcessedDisclosedPaths)
        {
            if (path.Segments[0].Name is { } first && SdJwtVcClaims.NeverSelectivelyDisclosable.Contains(first))
            {
                errors.Add(new VerificationError(SdJwtVcErrorCodes.ClaimMustNotBeDisclosable, $"'{path}' was selectively disclosed, but '{first}' must never be selectively disclosable (draft-ietf-oauth-sd-jwt-vc-18 §2.2.2.3)."));
            }
        }

        var vct = GetString(signed, "vct");
        if (vct is null)
        {
            errors.Add(new VerificationError(SdJwtVcErrorCodes.VctMissing, "The 'vct' claim is missing or not a string (draft-ietf-oauth-sd-jwt-vc-18 §2.2.2.1)."));
        }
        else if (_options.AcceptedVcts.Count > 0 && !_options.AcceptedVcts.Contains(vct, StringComparer.Ordinal))
        {
            errors.Add(new VerificationError(SdJwtVcErrorCodes.VctNotAccepted, $"The credential type '{vct}' is not accepted here (accepted: {string.Join(", ", _options.AcceptedVcts)})."));
        }

        var iss = GetString(signed, "iss");
        if (iss is null)
        {
            errors.Add(new VerificationError(SdJwtVcErrorCodes.IssuerMissing, "The 'iss' claim is missing or not a string."));
        }

        var holderBindingMissing = _options.RequireHolderBinding && !(signed.TryGetProperty("cnf", out var cnf) && cnf.ValueKind == JsonValueKind.Object);
        if (holderBindingMissing)
        {
            errors.Add(new VerificationError(SdJwtVcErrorCodes.HolderBindingMissing, "The credential has no 'cnf' holder binding, which is required (HAIP 1.0 §6.1)."));
        }

        if (_options.MinimumLevelOfAssurance is { } minimum && inner.Issuer is { IsResolved: true } issuer && !(issuer.LevelOfAssurance >= minimum))
        {
            errors.Add(new VerificationError(SdJwtVcErrorCodes.LevelOfAssuranceTooLow, $"The Issuer '{issuer.Issuer}' chains to a trust anchor of level of assurance '{issuer.LevelOfAssurance?.ToString() ?? "unknown"}'; at least '{minimum}' is required."));
        }

        var typeMetadata = await ProcessTypeMetadataAsync(inner, vct, signed, errors, cancellationToken).ConfigureAwait(false);
        var (reference, status) = await CheckStatusAsync(signed, errors, checkNetwork: errors.Count == 0, cancellationToken).ConfigureAwait(false);
        return new SdJwtVcVerificationResult(inner, vct, iss, reference, status, HolderBindingOf(inner, keyBinding, holderBindingMissing), errors, typeMetadata);
    }

    // §4.7: once Type Metadata is obtained it is processed fully, and any failure rejects; only its absence is a policy choice.
    private async ValueTask<ResolvedTypeMetadata?> ProcessTypeMetadataAsync(SdJwtVerificationResult inner, string? vct, JsonElement signed, List<VerificationError> errors, CancellationToken cancellationToken)
    {
        if (_options.TypeMetadata is null || vct is null || errors.Count > 0 || inner.Payload is null)
        {
            return null;
        }

        string? integrity = null;
        if (signed.TryGetProperty("vct#integrity", out var integrityElement))
        {
            if (integrityElement.ValueKind != JsonValueKind.String)
            {
                errors.Add(new VerificationError(TypeMetadataErrorCodes.IntegrityInvalid, "'vct#integrity' is not a string (draft-ietf-oauth-sd-jwt-vc-18 §4.3, §5)."));
                return null;
            }

            integrity = integrityElement.GetString();
        }

        var result = await _options.TypeMetadata.ProcessAsync(vct, integrity, inner.Payload, inner.DisclosedPaths, allDisclosuresKnown: false, cancellationToken).ConfigureAwait(false);
        if (result.IsUnavailable && !_options.RequireTypeMetadata)
        {
            return null;
        }

        errors.AddRange(result.Errors);
        return result.Metadata;
    }

    // The KB-JWT is the proof of possession of cnf.jwk (RFC 9901 §7.3); asking for none is the caller's decision per call.
    private static HolderBinding HolderBindingOf(SdJwtVerificationResult inner, KeyBindingExpectation? keyBinding, bool holderBindingMissing)
    {
        if (inner.KeyBindingFailed || holderBindingMissing)
        {
            return new HolderBinding(HolderBindingOutcome.Failed);
        }

        return keyBinding is null
            ? new HolderBinding(HolderBindingOutcome.NotRequested)
            : new HolderBinding(HolderBindingOutcome.Verified, inner.HolderKey);
    }

    private async ValueTask<(StatusListReference? Reference, CredentialStatus Status)> CheckStatusAsync(JsonElement signed, List<VerificationError> errors, bool checkNetwork, CancellationToken cancellationToken)
    {
        if (!signed.TryGetProperty("status", out var statusClaim))
        {
            return (null, CredentialStatus.None);
        }

        if (!StatusClaim.TryParse(statusClaim, out var reference, out var statusError))
        {
            errors.Add(new VerificationError(SdJwtVcErrorCodes.StatusMalformed, $"The 'status' claim is not a valid status_list reference: {statusError.Message}"));
            return (null, CredentialStatus.Unchecked);
        }

        // Token Status List §8.3: the Referenced Token is validated first; an invalid one is not looked up.
        if (!checkNetwork || _options.StatusChecker is null)
        {
            if (checkNetwork && !_options.AllowUncheckedStatus)
            {
                errors.Add(new VerificationError(SdJwtVcErrorCodes.StatusUnchecked, "The credential has a status reference but no status checker is configured; failing closed."));
            }

            return (reference, CredentialStatus.Unchecked);
        }

        var result = await _options.StatusChecker.CheckAsync(reference, cancellationToken).ConfigureAwait(false);
        if (!result.IsChecked)
        {
            if (!_options.AllowUncheckedStatus)
            {
                errors.Add(new VerificationError(SdJwtVcErrorCodes.StatusUnchecked, "The credential's status could not be established; failing closed."));
                errors.AddRange(result.Errors);
            }

            return (reference, CredentialStatus.Unchecked);
        }

        var status = CredentialStatusMapping.FromStatusValue(result.Status.Value);
        var error = status switch
        {
            CredentialStatus.Revoked => new VerificationError(SdJwtVcErrorCodes.Revoked, $"The credential is revoked (status list {reference.Uri}, index {reference.Index})."),
            CredentialStatus.Suspended => new VerificationError(SdJwtVcErrorCodes.Suspended, $"The credential is suspended (status list {reference.Uri}, index {reference.Index})."),
            CredentialStatus.Other => new VerificationError(SdJwtVcErrorCodes.StatusNotValid, $"The credential has status 0x{result.Status:X2} (status list {reference.Uri}, index {reference.Index})."),
            _ => null,
        };
        if (error is not null)
        {
            errors.Add(error);
        }

        return (reference, status);
    }

    private static string? GetString(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
