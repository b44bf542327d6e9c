using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;

namespace Wallet.Core.SdJwt;

/// <summary>
/// The outcome of verifying an SD-JWT: the processed payload and disclosed paths when every check passed,
/// otherwise every failed check with its code.
/// </summary>
public sealed class SdJwtVerificationResult
{
    internal SdJwtVerificationResult(SdJwt? sdJwt, JsonObject? payload, IReadOnlyList<ClaimPath> disclosedPaths, IssuerKeyResolution? issuer, PublicJwk? holderKey, IReadOnlyList<VerificationError> errors, bool keyBindingFailed = false)
    {
        SdJwt = sdJwt;
        KeyBindingFailed = keyBindingFailed;
        Errors = errors;
        Issuer = issuer;
        ProcessedDisclosedPaths = disclosedPaths;
        DisclosedPaths = errors.Count == 0 ? disclosedPaths : [];
        Payload = errors.Count == 0 ? payload : null;
        HolderKey = errors.Count == 0 ? holderKey : null;
    }

    /// <summary>True when every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Payload), nameof(SdJwt), nameof(Issuer))]
    public bool IsValid => Errors.Count == 0 && Payload is not null;

    /// <summary>The parsed SD-JWT, when it could be parsed.</summary>
    public SdJwt? SdJwt { get; }

    /// <summary>
    /// The Processed SD-JWT Payload (RFC 9901 §7.1): permanently disclosed claims plus the disclosed ones,
    /// without <c>_sd</c>, <c>_sd_alg</c> and undisclosed digests. Null unless <see cref="IsValid"/>: unverified data is never handed out.
    /// </summary>
    public JsonObject? Payload { get; }

    /// <summary>The concrete paths of the claims that were selectively disclosed, in the processed payload's indices.</summary>
    public IReadOnlyList<ClaimPath> DisclosedPaths { get; }

    // Paths found while processing, also when the result is invalid: format layers check them for rule violations.
    internal IReadOnlyList<ClaimPath> ProcessedDisclosedPaths { get; }

    /// <summary>The Issuer key resolution (who signed, with which level of assurance), when it was attempted.</summary>
    public IssuerKeyResolution? Issuer { get; }

    /// <summary>The holder key from <c>cnf.jwk</c> that signed the verified KB-JWT, when Key Binding was verified.</summary>
    public PublicJwk? HolderKey { get; }

    // True when a Key Binding check failed (RFC 9901 §7.3), as opposed to another check: format layers report the holder-binding outcome.
    internal bool KeyBindingFailed { get; }

    /// <summary>Every failed check.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    internal static SdJwtVerificationResult Failed(SdJwt? sdJwt, VerificationError error) =>
        new(sdJwt, null, [], null, null, [error], keyBindingFailed: error.Code == SdJwtErrorCodes.KeyBindingMalformed);
}
