using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.StatusList;
using Wallet.Core.TypeMetadata;

namespace Wallet.Core.SdJwtVc;

/// <summary>
/// Issues SD-JWT VCs (draft-ietf-oauth-sd-jwt-vc-18 §2): <c>typ</c> <c>dc+sd-jwt</c>, the registered claims kept
/// permanently disclosed, and the Issuer's certificate chain in <c>x5c</c> when the key has one (HAIP 1.0 §6.1.1).
/// </summary>
public static class SdJwtVcIssuer
{
    private static readonly HashSet<string> SetByRequest = new(["iss", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status"], StringComparer.Ordinal);

    /// <summary>Issues the credential described by <paramref name="request"/>, signed with <paramref name="issuerKey"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The claims contain a registered claim, or a selectively disclosable path points into a claim that must never be
    /// selectively disclosable (§2.2.2.3).
    /// </exception>
    public static string Issue(SdJwtVcIssuanceRequest request, SigningKey issuerKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(issuerKey);
        ArgumentException.ThrowIfNullOrEmpty(request.Vct);
        ArgumentException.ThrowIfNullOrEmpty(request.Issuer);
        foreach (var (name, _) in request.Claims)
        {
            if (SetByRequest.Contains(name))
            {
                throw new ArgumentException($"The claim '{name}' is set from the request's own property, not from Claims.", nameof(request));
            }
        }

        var disclosable = request.SelectivelyDisclosable ?? AllPaths(request.Claims);
        foreach (var path in disclosable)
        {
            if (path.Segments[0].Name is { } first && SdJwtVcClaims.NeverSelectivelyDisclosable.Contains(first))
            {
                throw new ArgumentException($"'{path}' cannot be selectively disclosable (draft-ietf-oauth-sd-jwt-vc §2.2.2.3).", nameof(request));
            }
        }

        var payload = new JsonObject
        {
            ["iss"] = request.Issuer,
            ["iat"] = request.IssuedAt.ToUnixTimeSeconds(),
            ["vct"] = request.Vct,
        };
        if (request.VctIntegrity is { } vctIntegrity)
        {
            if (!IntegrityMetadata.TryParse(vctIntegrity, out _, out var integrityError))
            {
                throw new ArgumentException(integrityError.Message, nameof(request));
            }

            payload["vct#integrity"] = vctIntegrity;
        }

        if (request.NotBefore is { } nbf)
        {
            payload["nbf"] = nbf.ToUnixTimeSeconds();
        }

        if (request.ExpiresAt is { } exp)
        {
            payload["exp"] = exp.ToUnixTimeSeconds();
        }

        if (request.HolderKey is { } holderKey)
        {
            payload["cnf"] = new JsonObject { ["jwk"] = holderKey.ToJsonObject() };
        }

        if (request.Status is { } status)
        {
            payload["status"] = StatusClaim.ToJsonObject(status);
        }

        foreach (var (name, value) in request.Claims)
        {
            payload[name] = value?.DeepClone();
        }

        var options = request.Options with { IncludeCertificateChain = issuerKey.CertificateChain.Count > 0 };
        return SdJwtIssuer.Issue(payload, disclosable, issuerKey, options);
    }

    /// <summary>Every claim, nested object member and array element of <paramref name="claims"/>, outermost first.</summary>
    public static IReadOnlyList<ClaimPath> AllPaths(JsonObject claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var paths = new List<ClaimPath>();
        Collect(claims, [], paths);
        return paths;
    }

    private static void Collect(JsonNode? node, List<ClaimPathSegment> prefix, List<ClaimPath> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    prefix.Add(ClaimPathSegment.Member(name));
                    paths.Add(new ClaimPath(prefix));
                    Collect(value, prefix, paths);
                    prefix.RemoveAt(prefix.Count - 1);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    prefix.Add(ClaimPathSegment.Element(i));
                    paths.Add(new ClaimPath(prefix));
                    Collect(array[i], prefix, paths);
                    prefix.RemoveAt(prefix.Count - 1);
                }

                break;
        }
    }
}
