using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// Signed Credential Issuer Metadata (OpenID4VCI 1.0 §12.2.3, HAIP 1.0 §4.1): a JWT of type
/// <c>openidvci-issuer-metadata+jwt</c> whose claims are the metadata parameters plus <c>sub</c> (the Credential Issuer
/// Identifier) and <c>iat</c>, signed with a key whose <c>x5c</c> chain the Wallet validates against its anchors.
/// </summary>
public static class SignedIssuerMetadata
{
    /// <summary>The <c>typ</c> header (§12.2.3).</summary>
    public const string JwtType = "openidvci-issuer-metadata+jwt";

    /// <summary>The metadata parameter that carries the JWT.</summary>
    public const string ParameterName = "signed_metadata";

    // The JWT's own claims, which are not metadata parameters.
    private static readonly string[] JwtClaims = ["sub", "iat", "exp", "iss", "nbf"];

    /// <summary>
    /// Signs <paramref name="metadata"/> (every parameter but <c>signed_metadata</c>) with <paramref name="key"/>, its
    /// certificate chain as <c>x5c</c>, <c>sub</c> = the metadata's <c>credential_issuer</c>, <c>iat</c> = <paramref name="issuedAt"/>.
    /// </summary>
    public static string Create(JsonObject metadata, SigningKey key, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(key);
        var issuer = metadata["credential_issuer"]?.GetValue<string>() ?? throw new ArgumentException("The metadata has no credential_issuer.", nameof(metadata));
        var payload = new JsonObject { ["sub"] = issuer, ["iat"] = issuedAt.ToUnixTimeSeconds() };
        foreach (var (name, value) in metadata)
        {
            if (name != ParameterName)
            {
                payload[name] = value?.DeepClone();
            }
        }

        return JwsWriter.Sign(key, JwtType, payload.ToJsonString(), includeCertificateChain: true);
    }

    /// <summary>
    /// Verifies a <c>signed_metadata</c> JWT fetched for <paramref name="expectedIssuer"/>: compact JWS, <c>typ</c>,
    /// an asymmetric algorithm of <see cref="JwsAlgorithmPolicy.Default"/>, an <c>x5c</c> chain that
    /// <paramref name="trust"/> accepts, the signature by its leaf, <c>sub</c> equal to the identifier, <c>iat</c>
    /// present and not in the future, <c>exp</c> (when present) not passed. On success <paramref name="metadata"/> holds
    /// the metadata parameters the JWT signs (without <c>sub</c>, <c>iat</c>, <c>iss</c>, <c>exp</c>, <c>nbf</c>).
    /// </summary>
    public static bool TryVerify(string jwt, string expectedIssuer, ICertificateChainValidator trust, DateTimeOffset now, [NotNullWhen(true)] out JsonObject? metadata, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(expectedIssuer);
        ArgumentNullException.ThrowIfNull(trust);
        metadata = null;
        if (!CompactJws.TryParse(jwt, out var jws, out var jwsError))
        {
            error = Fail(OpenId4VciErrorCodes.SignedMetadataMalformed, $"'signed_metadata' is not a compact JWS: {jwsError.Message}");
            return false;
        }

        if (!jws.HasType([JwtType]))
        {
            error = Fail(OpenId4VciErrorCodes.SignedMetadataMalformed, $"'signed_metadata' has typ '{jws.Type ?? "(missing)"}', not '{JwtType}'");
            return false;
        }

        if (!JwsAlgorithmPolicy.Default.TryResolve(jws.Algorithm, out var algorithm, out var algorithmError))
        {
            error = Fail(OpenId4VciErrorCodes.SignedMetadataMalformed, algorithmError!.Message);
            return false;
        }

        if (!jws.Header.TryGetProperty("x5c", out var x5c) || !X5cParser.TryParseX5c(x5c, out var chain, out var x5cError))
        {
            error = Fail(OpenId4VciErrorCodes.SignedMetadataUntrusted, "'signed_metadata' has no valid 'x5c' header, so its signer cannot be trusted (HAIP 1.0 §4.1)");
            return false;
        }

        var validation = trust.Validate(chain, CertificateUsage.SdJwtVcIssuer, now);
        if (!validation.IsValid)
        {
            error = Fail(OpenId4VciErrorCodes.SignedMetadataUntrusted, $"the signer's x5c chain is not trusted: {string.Join("; ", validation.Errors.Select(e => e.Code))}");
            return false;
        }

        using (var key = chain[0].GetECDsaPublicKey())
        {
            if (key is null || key.KeySize != algorithm!.CoordinateSize * 8 || !jws.VerifySignature(key, algorithm))
            {
                error = Fail(OpenId4VciErrorCodes.SignedMetadataSignatureInvalid, "the signature does not verify with the key of the x5c leaf");
                return false;
            }
        }

        var payload = jws.Payload;
        if (payload.ValueKind != JsonValueKind.Object || JsonInput.GetString(payload, "sub") is not { } sub || !string.Equals(sub, expectedIssuer, StringComparison.Ordinal))
        {
            error = Fail(OpenId4VciErrorCodes.SignedMetadataSubjectMismatch, "'sub' is missing or not the Credential Issuer Identifier the metadata was fetched for");
            return false;
        }

        if (!payload.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out var issuedAt) || issuedAt > now.ToUnixTimeSeconds() + 60)
        {
            error = Fail(OpenId4VciErrorCodes.SignedMetadataMalformed, "'iat' is missing, not a number or in the future");
            return false;
        }

        if (payload.TryGetProperty("exp", out var exp) && (exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var expiresAt) || expiresAt <= now.ToUnixTimeSeconds()))
        {
            error = Fail(OpenId4VciErrorCodes.SignedMetadataExpired, "'exp' is not a number or has passed");
            return false;
        }

        var values = JsonObject.Create(payload)!;
        foreach (var claim in JwtClaims)
        {
            values.Remove(claim);
        }

        metadata = values;
        error = null;
        return true;
    }

    private static VerificationError Fail(string code, string reason) => new(code, $"Signed Credential Issuer Metadata rejected: {reason} (OpenID4VCI 1.0 §12.2.3).");
}
