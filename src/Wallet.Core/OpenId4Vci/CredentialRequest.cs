using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// A Credential Request (OpenID4VCI 1.0 §8.2): exactly one of <c>credential_identifier</c> and
/// <c>credential_configuration_id</c>, and the key proofs (<c>jwt</c> or <c>attestation</c>). Unknown members are ignored, as §8.2 requires.
/// </summary>
public sealed record CredentialRequest
{
    /// <summary>The <c>credential_configuration_id</c>, when the token response carried no <c>credential_identifiers</c>.</summary>
    public string? CredentialConfigurationId { get; init; }

    /// <summary>The <c>credential_identifier</c> from the token response's <c>authorization_details</c>.</summary>
    public string? CredentialIdentifier { get; init; }

    /// <summary>The <c>jwt</c> key proofs, in request order; empty when the request has no <c>proofs</c>.</summary>
    public IReadOnlyList<string> JwtProofs { get; init; } = [];

    /// <summary>The single key attestation of the <c>attestation</c> proof type (Appendix F.3); null when the request uses another.</summary>
    public string? AttestationProof { get; init; }

    /// <summary>
    /// The <c>credential_response_encryption</c> parameter, when the Wallet asks for an encrypted response (§8.2, §10).
    /// The parser checks its form only; that the request itself was encrypted (§8.2) is the endpoint's check.
    /// </summary>
    public CredentialResponseEncryption? ResponseEncryption { get; init; }

    /// <summary>True when the request has a <c>proofs</c> parameter.</summary>
    public bool HasProofs => JwtProofs.Count > 0 || AttestationProof is not null;

    /// <summary>Parses within <see cref="OpenId4VciLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out CredentialRequest? request, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(body, OpenId4VciLimits.Default, out request, out error);

    /// <summary>Parses a request body. Errors carry the wire error of §8.3.1.2 through <see cref="WireErrorFor"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, OpenId4VciLimits limits, [NotNullWhen(true)] out CredentialRequest? request, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        request = null;
        if (!JsonInput.TryParseObject(body, limits.MaxRequestLength, limits.MaxDepth, out var root, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, OpenId4VciErrorCodes.RequestMalformed, $"The Credential Request is not a JSON object without duplicate members within {limits.MaxRequestLength} bytes (§8.2).");
            return false;
        }

        if (!JsonInput.TryGetOptionalString(root, "credential_configuration_id", limits.MaxStringLength, out var configurationId)
            || !JsonInput.TryGetOptionalString(root, "credential_identifier", limits.MaxStringLength, out var identifier))
        {
            error = new(OpenId4VciErrorCodes.RequestMalformed, "'credential_configuration_id' and 'credential_identifier' must be strings (§8.2).");
            return false;
        }

        if (configurationId is not null && identifier is not null)
        {
            error = new(OpenId4VciErrorCodes.RequestIdentifierConflict, "The request carries both 'credential_identifier' and 'credential_configuration_id'; they are mutually exclusive (§8.2).");
            return false;
        }

        if (string.IsNullOrEmpty(configurationId) && string.IsNullOrEmpty(identifier))
        {
            error = new(OpenId4VciErrorCodes.RequestIdentifierMissing, "The request carries neither 'credential_identifier' nor 'credential_configuration_id' (§8.2).");
            return false;
        }

        CredentialResponseEncryption? responseEncryption = null;
        if (root.TryGetProperty("credential_response_encryption", out var encryptionElement) && !CredentialResponseEncryption.TryParse(encryptionElement, out responseEncryption, out error))
        {
            return false;
        }

        if (root.TryGetProperty("proof", out _))
        {
            error = new(OpenId4VciErrorCodes.ProofsInvalid, "The singular 'proof' parameter of earlier drafts is not part of OpenID4VCI 1.0; use 'proofs' (§8.2).");
            return false;
        }

        IReadOnlyList<string> proofs = [];
        string? proofType = null;
        if (root.TryGetProperty("proofs", out var proofsElement) && !TryReadProofs(proofsElement, limits, out proofType, out proofs, out error))
        {
            return false;
        }

        request = proofType == KeyAttestation.ProofType
            ? new CredentialRequest { CredentialConfigurationId = configurationId, CredentialIdentifier = identifier, AttestationProof = proofs[0], ResponseEncryption = responseEncryption }
            : new CredentialRequest { CredentialConfigurationId = configurationId, CredentialIdentifier = identifier, JwtProofs = proofs, ResponseEncryption = responseEncryption };
        error = null;
        return true;
    }

    /// <summary>The §8.3.1.2 <c>error</c> value for a code this type or <see cref="KeyProofValidator"/> reports.</summary>
    public static string WireErrorFor(string code) => code switch
    {
        OpenId4VciErrorCodes.RequestEncryptionUnsupported or OpenId4VciErrorCodes.RequestEncryptionInvalid or OpenId4VciErrorCodes.RequestEncryptionUnprotected
            or OpenId4VciErrorCodes.RequestEncryptionRequired or OpenId4VciErrorCodes.ResponseEncryptionRequired or OpenId4VciErrorCodes.RequestEncryptionKeyUnknown => OpenId4VciErrors.InvalidEncryptionParameters,
        OpenId4VciErrorCodes.ProofNonceInvalid => OpenId4VciErrors.InvalidNonce,
        _ when code.StartsWith("oid4vci.proof.", StringComparison.Ordinal) => OpenId4VciErrors.InvalidProof,
        OpenId4VciErrorCodes.ProofsInvalid or OpenId4VciErrorCodes.ProofTypeUnsupported or OpenId4VciErrorCodes.TooManyProofs or OpenId4VciErrorCodes.ProofsMissing => OpenId4VciErrors.InvalidProof,
        _ => OpenId4VciErrors.InvalidCredentialRequest,
    };

    private static bool TryReadProofs(JsonElement proofs, OpenId4VciLimits limits, out string? proofType, out IReadOnlyList<string> jwts, [NotNullWhen(false)] out VerificationError? error)
    {
        jwts = [];
        proofType = null;
        if (proofs.ValueKind != JsonValueKind.Object)
        {
            error = new(OpenId4VciErrorCodes.ProofsInvalid, "'proofs' must be a JSON object (§8.2).");
            return false;
        }

        var members = proofs.EnumerateObject().ToList();
        if (members.Count != 1)
        {
            error = new(OpenId4VciErrorCodes.ProofsInvalid, $"'proofs' must hold exactly one proof type; it holds {members.Count} (§8.2).");
            return false;
        }

        var name = members[0].Name;
        if (name is not (KeyProof.ProofType or KeyAttestation.ProofType))
        {
            error = new(OpenId4VciErrorCodes.ProofTypeUnsupported, $"The proof type '{Truncate(name)}' is not supported; 'jwt' (Appendix F.1) and 'attestation' (Appendix F.3) are.");
            return false;
        }

        var array = members[0].Value;
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            error = new(OpenId4VciErrorCodes.ProofsInvalid, $"'proofs.{name}' must be a non-empty array (§8.2).");
            return false;
        }

        // Appendix F.3: the attestation proof type carries exactly one key attestation, which attests every key.
        if (name == KeyAttestation.ProofType && array.GetArrayLength() != 1)
        {
            error = new(OpenId4VciErrorCodes.ProofsInvalid, $"'proofs.attestation' must hold exactly one key attestation; it holds {array.GetArrayLength()} (§8.2, Appendix F.3).");
            return false;
        }

        if (array.GetArrayLength() > limits.MaxProofs)
        {
            error = new(OpenId4VciErrorCodes.TooManyProofs, $"'proofs.jwt' holds {array.GetArrayLength()} proofs; at most {limits.MaxProofs} are accepted (batch_credential_issuance).");
            return false;
        }

        var list = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
            {
                error = new(OpenId4VciErrorCodes.ProofsInvalid, $"Every element of 'proofs.{name}' must be a non-empty string (§8.2).");
                return false;
            }

            list.Add(item.GetString()!);
        }

        jwts = list;
        proofType = name;
        error = null;
        return true;
    }

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
