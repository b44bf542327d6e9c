using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// Credential Issuer Metadata (OpenID4VCI 1.0 §12.2.4), served unsigned at <c>/.well-known/openid-credential-issuer</c>.
/// The issuer builds it with <see cref="ToJsonObject"/>; a Wallet reads it with <see cref="TryParse(string, string, OpenId4VciLimits, out CredentialIssuerMetadata?, out VerificationError?)"/>, which enforces
/// the identifier match of §12.2.4 and ignores unknown members.
/// </summary>
public sealed record CredentialIssuerMetadata
{
    /// <summary>The Credential Issuer Identifier.</summary>
    public required string CredentialIssuer { get; init; }

    /// <summary>The Credential Endpoint.</summary>
    public required Uri CredentialEndpoint { get; init; }

    /// <summary>The Nonce Endpoint; HAIP 1.0 §4.1 requires one when any configuration is key-bound.</summary>
    public Uri? NonceEndpoint { get; init; }

    /// <summary>The Notification Endpoint (§11), when the issuer accepts notifications.</summary>
    public Uri? NotificationEndpoint { get; init; }

    /// <summary>The Deferred Credential Endpoint (§9), when the issuer may answer a Credential Request deferred.</summary>
    public Uri? DeferredCredentialEndpoint { get; init; }

    /// <summary>The authorization servers, when they are not the Credential Issuer itself.</summary>
    public IReadOnlyList<string> AuthorizationServers { get; init; } = [];

    /// <summary>The <c>batch_credential_issuance.batch_size</c> (at least 2), or null when batches are not offered.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The <c>credential_request_encryption</c> parameter (§10, §12.2.4), when the issuer accepts encrypted requests.</summary>
    public CredentialRequestEncryptionMetadata? RequestEncryption { get; init; }

    /// <summary>The <c>credential_response_encryption</c> parameter (§10, §12.2.4), when the issuer can encrypt responses.</summary>
    public CredentialResponseEncryptionMetadata? ResponseEncryption { get; init; }

    /// <summary>Display of the issuer per language.</summary>
    public IReadOnlyList<CredentialDisplay> Display { get; init; } = [];

    /// <summary>The offered Credential Configurations by identifier.</summary>
    public required IReadOnlyDictionary<string, CredentialConfiguration> CredentialConfigurations { get; init; }

    /// <summary>The metadata document.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject
        {
            ["credential_issuer"] = CredentialIssuer,
            ["credential_endpoint"] = CredentialEndpoint.AbsoluteUri,
        };
        if (AuthorizationServers.Count > 0)
        {
            json["authorization_servers"] = new JsonArray(AuthorizationServers.Select(a => (JsonNode)a).ToArray());
        }

        if (NonceEndpoint is { } nonce)
        {
            json["nonce_endpoint"] = nonce.AbsoluteUri;
        }

        if (DeferredCredentialEndpoint is { } deferred)
        {
            json["deferred_credential_endpoint"] = deferred.AbsoluteUri;
        }

        if (NotificationEndpoint is { } notification)
        {
            json["notification_endpoint"] = notification.AbsoluteUri;
        }

        if (BatchSize is { } size)
        {
            json["batch_credential_issuance"] = new JsonObject { ["batch_size"] = size };
        }

        if (RequestEncryption is { } requestEncryption)
        {
            json["credential_request_encryption"] = requestEncryption.ToJsonObject();
        }

        if (ResponseEncryption is { } responseEncryption)
        {
            json["credential_response_encryption"] = responseEncryption.ToJsonObject();
        }

        if (Display.Count > 0)
        {
            json["display"] = new JsonArray(Display.Select(d => (JsonNode)d.ToJsonObject()).ToArray());
        }

        var configurations = new JsonObject();
        foreach (var (id, configuration) in CredentialConfigurations)
        {
            configurations[id] = configuration.ToJsonObject();
        }

        json["credential_configurations_supported"] = configurations;
        return json;
    }

    /// <summary>Parses within <see cref="OpenId4VciLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(string json, string expectedIssuer, [NotNullWhen(true)] out CredentialIssuerMetadata? metadata, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(json, expectedIssuer, OpenId4VciLimits.Default, out metadata, out error);

    /// <summary>
    /// Parses a metadata document fetched for <paramref name="expectedIssuer"/>. Fails when <c>credential_issuer</c>
    /// differs from it (simple string comparison, §12.2.4), when a required member is missing, or when claims
    /// descriptions repeat a path (Appendix B.3).
    /// </summary>
    public static bool TryParse(string json, string expectedIssuer, OpenId4VciLimits limits, [NotNullWhen(true)] out CredentialIssuerMetadata? metadata, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(expectedIssuer);
        ArgumentNullException.ThrowIfNull(limits);
        metadata = null;
        if (!JsonInput.TryParseObject(json, limits.MaxMetadataLength, limits.MaxDepth, out var root, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, OpenId4VciErrorCodes.MetadataMalformed, Malformed("the document is not a JSON object without duplicate members within the size and depth limits").Message);
            return false;
        }

        var issuer = JsonInput.GetString(root, "credential_issuer");
        if (issuer is null)
        {
            error = Malformed("'credential_issuer' is missing");
            return false;
        }

        if (!string.Equals(issuer, expectedIssuer, StringComparison.Ordinal))
        {
            error = new(OpenId4VciErrorCodes.MetadataIssuerMismatch, "The metadata's 'credential_issuer' differs from the identifier it was fetched for; it must not be used (§12.2.4).");
            return false;
        }

        if (!JsonInput.IsHttpsUrl(JsonInput.GetString(root, "credential_endpoint")))
        {
            error = Malformed("'credential_endpoint' is missing or not an https URL");
            return false;
        }

        Uri? nonceEndpoint = null;
        if (root.TryGetProperty("nonce_endpoint", out var nonceElement))
        {
            if (!JsonInput.IsHttpsUrl(nonceElement.ValueKind == JsonValueKind.String ? nonceElement.GetString() : null))
            {
                error = Malformed("'nonce_endpoint' is not an https URL");
                return false;
            }

            nonceEndpoint = new Uri(nonceElement.GetString()!);
        }

        Uri? deferredEndpoint = null;
        if (root.TryGetProperty("deferred_credential_endpoint", out var deferredElement))
        {
            if (!JsonInput.IsHttpsUrl(deferredElement.ValueKind == JsonValueKind.String ? deferredElement.GetString() : null))
            {
                error = Malformed("'deferred_credential_endpoint' is not an https URL");
                return false;
            }

            deferredEndpoint = new Uri(deferredElement.GetString()!);
        }

        Uri? notificationEndpoint = null;
        if (root.TryGetProperty("notification_endpoint", out var notificationElement))
        {
            if (!JsonInput.IsHttpsUrl(notificationElement.ValueKind == JsonValueKind.String ? notificationElement.GetString() : null))
            {
                error = Malformed("'notification_endpoint' is not an https URL");
                return false;
            }

            notificationEndpoint = new Uri(notificationElement.GetString()!);
        }

        int? batchSize = null;
        if (root.TryGetProperty("batch_credential_issuance", out var batch))
        {
            if (batch.ValueKind != JsonValueKind.Object || !batch.TryGetProperty("batch_size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt32(out var size) || size < 2)
            {
                error = Malformed("'batch_credential_issuance.batch_size' must be an integer of at least 2");
                return false;
            }

            batchSize = size;
        }

        CredentialRequestEncryptionMetadata? requestEncryption = null;
        if (root.TryGetProperty("credential_request_encryption", out var requestEncryptionElement)
            && !CredentialRequestEncryptionMetadata.TryParse(requestEncryptionElement, out requestEncryption, out var requestReason))
        {
            error = Malformed(requestReason);
            return false;
        }

        CredentialResponseEncryptionMetadata? responseEncryption = null;
        if (root.TryGetProperty("credential_response_encryption", out var responseEncryptionElement)
            && !CredentialResponseEncryptionMetadata.TryParse(responseEncryptionElement, out responseEncryption, out var responseReason))
        {
            error = Malformed(responseReason);
            return false;
        }

        if (!root.TryGetProperty("credential_configurations_supported", out var configurationsElement) || configurationsElement.ValueKind != JsonValueKind.Object)
        {
            error = Malformed("'credential_configurations_supported' is missing or not an object");
            return false;
        }

        var configurations = new Dictionary<string, CredentialConfiguration>(StringComparer.Ordinal);
        foreach (var property in configurationsElement.EnumerateObject())
        {
            if (!TryParseConfiguration(property.Name, property.Value, out var configuration, out error))
            {
                return false;
            }

            configurations[property.Name] = configuration;
        }

        metadata = new CredentialIssuerMetadata
        {
            CredentialIssuer = issuer,
            CredentialEndpoint = new Uri(JsonInput.GetString(root, "credential_endpoint")!),
            NonceEndpoint = nonceEndpoint,
            NotificationEndpoint = notificationEndpoint,
            DeferredCredentialEndpoint = deferredEndpoint,
            AuthorizationServers = StringArray(root, "authorization_servers"),
            BatchSize = batchSize,
            RequestEncryption = requestEncryption,
            ResponseEncryption = responseEncryption,
            Display = Displays(root),
            CredentialConfigurations = configurations,
        };
        error = null;
        return true;
    }

    private static bool TryParseConfiguration(string id, JsonElement element, [NotNullWhen(true)] out CredentialConfiguration? configuration, [NotNullWhen(false)] out VerificationError? error)
    {
        configuration = null;
        var format = element.ValueKind == JsonValueKind.Object ? JsonInput.GetString(element, "format") : null;
        if (format is null)
        {
            error = Malformed($"the configuration '{id}' has no 'format'");
            return false;
        }

        var signing = new List<JwsAlgorithm>();
        if (element.TryGetProperty("credential_signing_alg_values_supported", out var algs) && algs.ValueKind == JsonValueKind.Array)
        {
            foreach (var alg in algs.EnumerateArray())
            {
                // Unknown algorithms are skipped: a Wallet ignores what it cannot use.
                if (alg.ValueKind == JsonValueKind.Number && alg.TryGetInt32(out var cose) && JwsAlgorithm.TryFromCose(cose, out var fromCose))
                {
                    signing.Add(fromCose);
                }
                else if (alg.ValueKind == JsonValueKind.String && JwsAlgorithm.TryFromName(alg.GetString(), out var fromName))
                {
                    signing.Add(fromName);
                }
            }
        }

        var proofAlgorithms = new List<JwsAlgorithm>();
        KeyAttestationRequirement? keyAttestations = null;
        var attestationProof = false;
        if (element.TryGetProperty("proof_types_supported", out var proofTypes) && proofTypes.ValueKind == JsonValueKind.Object)
        {
            if (proofTypes.TryGetProperty(KeyProof.ProofType, out var jwtProof) && jwtProof.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in StringArray(jwtProof, "proof_signing_alg_values_supported"))
                {
                    if (JwsAlgorithm.TryFromName(name, out var algorithm))
                    {
                        proofAlgorithms.Add(algorithm);
                    }
                }

                keyAttestations = jwtProof.TryGetProperty("key_attestations_required", out var required) ? KeyAttestationRequirement.FromJson(required) : null;
            }

            if (proofTypes.TryGetProperty(KeyAttestation.ProofType, out var attestation) && attestation.ValueKind == JsonValueKind.Object)
            {
                attestationProof = true;
                keyAttestations ??= attestation.TryGetProperty("key_attestations_required", out var required) ? KeyAttestationRequirement.FromJson(required) : null;
            }
        }

        var claims = new List<ClaimDescription>();
        IReadOnlyList<CredentialDisplay> display = [];
        CredentialReusePolicy? reusePolicy = null;
        if (element.TryGetProperty("credential_metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            display = Displays(metadata);
            reusePolicy = metadata.TryGetProperty("credential_reuse_policy", out var policy) ? CredentialReusePolicy.FromJson(policy) : null;
            if (!TryParseClaims(id, metadata, claims, out error))
            {
                return false;
            }
        }

        configuration = new CredentialConfiguration
        {
            Format = format,
            Scope = JsonInput.GetString(element, "scope"),
            Vct = JsonInput.GetString(element, "vct"),
            Doctype = JsonInput.GetString(element, "doctype"),
            CredentialSigningAlgorithms = signing,
            CryptographicBindingMethods = StringArray(element, "cryptographic_binding_methods_supported"),
            ProofSigningAlgorithms = proofAlgorithms,
            KeyAttestationsRequired = keyAttestations,
            SupportsAttestationProof = attestationProof,
            Display = display,
            Claims = claims,
            ReusePolicy = reusePolicy,
        };
        error = null;
        return true;
    }

    private static bool TryParseClaims(string id, JsonElement metadata, List<ClaimDescription> claims, [NotNullWhen(false)] out VerificationError? error)
    {
        error = null;
        if (!metadata.TryGetProperty("claims", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var seen = new HashSet<ClaimPath>();
        foreach (var claim in array.EnumerateArray())
        {
            if (claim.ValueKind != JsonValueKind.Object || !claim.TryGetProperty("path", out var pathElement) || !ClaimPath.TryParse(pathElement, out var path, out var pathError))
            {
                error = Malformed($"a claims description of '{id}' has no valid 'path'");
                return false;
            }

            if (!seen.Add(path))
            {
                error = new(OpenId4VciErrorCodes.MetadataClaimsConflict, $"The configuration '{id}' describes the claim '{path}' twice; processing must abort (Appendix B.3).");
                return false;
            }

            bool? mandatory = claim.TryGetProperty("mandatory", out var m) && m.ValueKind is JsonValueKind.True or JsonValueKind.False ? m.GetBoolean() : null;
            var names = new List<ClaimDisplay>();
            if (claim.TryGetProperty("display", out var displays) && displays.ValueKind == JsonValueKind.Array)
            {
                foreach (var d in displays.EnumerateArray())
                {
                    if (d.ValueKind == JsonValueKind.Object && JsonInput.GetString(d, "name") is { } name)
                    {
                        names.Add(new ClaimDisplay(name, JsonInput.GetString(d, "locale")));
                    }
                }
            }

            claims.Add(new ClaimDescription(path, mandatory, names));
        }

        return true;
    }

    private static List<CredentialDisplay> Displays(JsonElement parent)
    {
        var list = new List<CredentialDisplay>();
        if (parent.TryGetProperty("display", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && CredentialDisplay.FromJson(item) is { } display)
                {
                    list.Add(display);
                }
            }
        }

        return list;
    }

    private static List<string> StringArray(JsonElement parent, string name)
    {
        var list = new List<string>();
        if (parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            list.AddRange(array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }

        return list;
    }

    private static VerificationError Malformed(string reason) => new(OpenId4VciErrorCodes.MetadataMalformed, $"Invalid Credential Issuer Metadata: {reason} (§12.2.4).");
}
