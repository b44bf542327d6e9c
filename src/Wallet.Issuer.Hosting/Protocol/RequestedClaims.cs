using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Mdoc;
using Wallet.Core.OAuth;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The claims a Wallet asked for in <c>authorization_details</c> (OpenID4VCI 1.0 §5.1.1, Appendix B.1) and how they
/// narrow an issued credential. Paths are kept on the grant and tokens as their JSON array text, so the stores hold
/// only strings; they are parsed again through <see cref="ClaimPath.TryParse(string, out ClaimPath?, out string?)"/>.
/// </summary>
internal static class RequestedClaims
{
    // PID Rule Book (ARF Annex 3.01) chapter 2, from CIR 2024/2977 Annex Table 1 (mandatory person data) and Table 5
    // (mandatory metadata: expiry date, issuing authority, issuing country; the issuance date is kept with them): a PID
    // without them is not a PID, so a request for a subset never removes them.
    private static readonly HashSet<string> PidSdJwtAlwaysIssued = new(StringComparer.Ordinal)
    {
        "family_name", "given_name", "birthdate", "place_of_birth", "nationalities",
        "issuing_authority", "issuing_country", "date_of_expiry", "date_of_issuance",
    };

    private static readonly HashSet<string> PidMdocAlwaysIssued = new(StringComparer.Ordinal)
    {
        PidMdoc.FamilyName, PidMdoc.GivenName, PidMdoc.BirthDate, PidMdoc.PlaceOfBirth, PidMdoc.Nationality,
        PidMdoc.IssuingAuthority, PidMdoc.IssuingCountry, PidMdoc.ExpiryDate, PidMdoc.IssuanceDate,
    };

    /// <summary>The paths as stored on the grant: their JSON array text.</summary>
    public static IReadOnlyList<string> Encode(IReadOnlyList<RequestedClaim> claims) =>
        [.. claims.Select(c => c.Path.ToJsonArray().ToJsonString()).Distinct(StringComparer.Ordinal)];

    /// <summary>The stored paths parsed back; a row that does not parse yields no path, so nothing extra is issued.</summary>
    public static IReadOnlyList<ClaimPath> Decode(IReadOnlyList<string> stored) =>
        [.. stored.Select(text => ClaimPath.TryParse(text, out var path, out _) ? path : null).OfType<ClaimPath>()];

    /// <summary>
    /// True when <paramref name="path"/> names a claim the configuration describes in its metadata (Appendix B.2): the
    /// same path, a path inside it, or the object holding it.
    /// </summary>
    public static bool IsClaimOf(ClaimPath path, CredentialConfigurationOptions configuration) =>
        configuration.Claims.Where(c => c.Path.Count > 0).Select(c => ClaimPath.Of([.. c.Path])).Any(known => path.IsPrefixPatternOf(known) || known.IsPrefixPatternOf(path));

    /// <summary>The SD-JWT VC claims narrowed to the requested paths and the PID's always-issued claims.</summary>
    public static JsonObject Narrow(JsonObject claims, IReadOnlyList<ClaimPath> requested) => Keep(claims, requested, 0, PidSdJwtAlwaysIssued);

    /// <summary>The mdoc elements narrowed to the requested <c>[namespace, element]</c> paths and the PID's always-issued elements.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> Narrow(IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> nameSpaces, IReadOnlyList<ClaimPath> requested)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, CborValue>>(StringComparer.Ordinal);
        foreach (var (nameSpace, elements) in nameSpaces)
        {
            var wholeNameSpace = requested.Any(p => p.Segments.Count == 1 && p.Segments[0] == ClaimPathSegment.Member(nameSpace));
            var kept = elements
                .Where(e => wholeNameSpace
                    || (nameSpace == PidMdoc.NameSpace && PidMdocAlwaysIssued.Contains(e.Key))
                    || requested.Any(p => p.Segments.Count >= 2 && p.Segments[0] == ClaimPathSegment.Member(nameSpace) && p.Segments[1] == ClaimPathSegment.Member(e.Key)))
                .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            if (kept.Count > 0)
            {
                result[nameSpace] = kept;
            }
        }

        return result;
    }

    // A member is kept whole when a path ends at it or it is not an object (array elements are not split: a path into
    // an array keeps the array); an object reached by longer paths keeps only the members those paths name.
    private static JsonObject Keep(JsonObject node, IReadOnlyList<ClaimPath> paths, int depth, HashSet<string>? always)
    {
        var result = new JsonObject();
        foreach (var (name, value) in node)
        {
            var segment = ClaimPathSegment.Member(name);
            var matching = paths.Where(p => p.Segments.Count > depth && p.Segments[depth] == segment).ToList();
            if (always?.Contains(name) == true || matching.Any(p => p.Segments.Count == depth + 1) || (matching.Count > 0 && value is not JsonObject))
            {
                result[name] = value?.DeepClone();
            }
            else if (matching.Count > 0 && value is JsonObject inner)
            {
                var narrowed = Keep(inner, matching, depth + 1, null);
                if (narrowed.Count > 0)
                {
                    result[name] = narrowed;
                }
            }
        }

        return result;
    }
}
