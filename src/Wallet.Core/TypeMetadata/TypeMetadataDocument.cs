using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Wallet.Core.Claims;
using Wallet.Core.Json;

namespace Wallet.Core.TypeMetadata;

/// <summary>
/// One SD-JWT VC Type Metadata document (draft-ietf-oauth-sd-jwt-vc-18 §4.2) as parsed from the exact bytes received,
/// which are kept for the integrity check (§5). Properties that are not understood are ignored (§4.2); the ones that
/// are must have the structure of §4.5 and §4.6, otherwise the document is refused.
/// </summary>
public sealed class TypeMetadataDocument
{
    /// <summary>The deepest JSON nesting accepted in a Type Metadata document.</summary>
    public const int MaxDepth = 16;

    /// <summary>The most claim metadata objects accepted in one document.</summary>
    public const int MaxClaims = 1024;

    private TypeMetadataDocument(ReadOnlyMemory<byte> raw, string vct, string? name, string? description, string? extends, IntegrityMetadata? extendsIntegrity, IReadOnlyList<TypeDisplay>? display, IReadOnlyList<ClaimMetadata>? claims)
    {
        Raw = raw;
        Vct = vct;
        Name = name;
        Description = description;
        Extends = extends;
        ExtendsIntegrity = extendsIntegrity;
        Display = display;
        Claims = claims;
    }

    /// <summary>The document's bytes exactly as received.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>The <c>vct</c> the document describes.</summary>
    public string Vct { get; }

    /// <summary>The developers' name of the type.</summary>
    public string? Name { get; }

    /// <summary>The developers' description of the type.</summary>
    public string? Description { get; }

    /// <summary>The type this one extends (§4.4), when any.</summary>
    public string? Extends { get; }

    /// <summary>The <c>extends#integrity</c> (§5), when given.</summary>
    public IntegrityMetadata? ExtendsIntegrity { get; }

    /// <summary>The type's display information per locale (§4.5), or null when the document has no <c>display</c>.</summary>
    public IReadOnlyList<TypeDisplay>? Display { get; }

    /// <summary>The claim metadata (§4.6), or null when the document has no <c>claims</c>.</summary>
    public IReadOnlyList<ClaimMetadata>? Claims { get; }

    /// <summary>Parses a document from the bytes received. Never throws for malformed input.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, [NotNullWhen(true)] out TypeMetadataDocument? document, [NotNullWhen(false)] out VerificationError? error)
    {
        document = null;
        if (!StrictJson.TryParseElement(utf8, MaxDepth, allowDuplicateProperties: false, out var root, out var jsonError))
        {
            error = Malformed($"the document is not valid JSON ({jsonError.Message})");
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = Malformed("the document is not a JSON object (§4.2)");
            return false;
        }

        if (!TryGetString(root, "vct", required: true, out var vct, out error)
            || !TryGetString(root, "name", required: false, out var name, out error)
            || !TryGetString(root, "description", required: false, out var description, out error)
            || !TryGetString(root, "extends", required: false, out var extends, out error)
            || !TryGetString(root, "extends#integrity", required: false, out var extendsIntegrityText, out error))
        {
            return false;
        }

        IntegrityMetadata? extendsIntegrity = null;
        if (extendsIntegrityText is not null && !IntegrityMetadata.TryParse(extendsIntegrityText, out extendsIntegrity, out error))
        {
            return false;
        }

        IReadOnlyList<TypeDisplay>? display = null;
        if (root.TryGetProperty("display", out var displayElement) && !TryParseDisplay(displayElement, out display, out error))
        {
            return false;
        }

        IReadOnlyList<ClaimMetadata>? claims = null;
        if (root.TryGetProperty("claims", out var claimsElement) && !TryParseClaims(claimsElement, out claims, out error))
        {
            return false;
        }

        document = new TypeMetadataDocument(utf8.ToArray(), vct!, name, description, extends, extendsIntegrity, display, claims);
        error = null;
        return true;
    }

    private static bool TryParseDisplay(JsonElement element, out IReadOnlyList<TypeDisplay>? display, [NotNullWhen(false)] out VerificationError? error)
    {
        display = null;
        if (element.ValueKind != JsonValueKind.Array)
        {
            error = Malformed("'display' is not an array (§4.5)");
            return false;
        }

        var list = new List<TypeDisplay>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = Malformed("a 'display' entry is not an object (§4.5)");
                return false;
            }

            if (!TryGetString(item, "locale", required: true, out var locale, out error, "display")
                || !TryGetString(item, "name", required: true, out var name, out error, "display")
                || !TryGetString(item, "description", required: false, out var description, out error, "display"))
            {
                return false;
            }

            list.Add(new TypeDisplay(locale!, name!, description));
        }

        display = list;
        error = null;
        return true;
    }

    private static bool TryParseClaims(JsonElement element, out IReadOnlyList<ClaimMetadata>? claims, [NotNullWhen(false)] out VerificationError? error)
    {
        claims = null;
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > MaxClaims)
        {
            error = Malformed($"'claims' is not an array of at most {MaxClaims} objects (§4.6)");
            return false;
        }

        var list = new List<ClaimMetadata>();
        var svgIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = Malformed("a 'claims' entry is not an object (§4.6)");
                return false;
            }

            if (!item.TryGetProperty("path", out var pathElement) || !ClaimPath.TryParse(pathElement, out var path, out var pathError))
            {
                error = Malformed($"a 'claims' entry has no valid 'path' (§4.6.1): {(pathElement.ValueKind == JsonValueKind.Undefined ? "'path' is missing" : "a path must be a non-empty array of strings, nulls and non-negative integers")}");
                return false;
            }

            IReadOnlyList<ClaimDisplay>? labels = null;
            if (item.TryGetProperty("display", out var displayElement) && !TryParseClaimDisplay(displayElement, path, out labels, out error))
            {
                return false;
            }

            bool? mandatory = null;
            if (item.TryGetProperty("mandatory", out var mandatoryElement))
            {
                if (mandatoryElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    error = Malformed($"'mandatory' of the claim {path} is not a boolean (§4.6.3)");
                    return false;
                }

                mandatory = mandatoryElement.GetBoolean();
            }

            SelectiveDisclosureRule? sd = null;
            if (item.TryGetProperty("sd", out var sdElement))
            {
                sd = sdElement.ValueKind == JsonValueKind.String ? sdElement.GetString() switch
                {
                    "always" => SelectiveDisclosureRule.Always,
                    "allowed" => SelectiveDisclosureRule.Allowed,
                    "never" => SelectiveDisclosureRule.Never,
                    _ => null,
                } : null;
                if (sd is null)
                {
                    error = Malformed($"'sd' of the claim {path} is not one of always, allowed, never (§4.6.4)");
                    return false;
                }
            }

            if (!TryGetString(item, "svg_id", required: false, out var svgId, out error, "claims"))
            {
                return false;
            }

            if (svgId is not null && (!IsSvgId(svgId) || !svgIds.Add(svgId)))
            {
                error = Malformed($"'svg_id' of the claim {path} is not unique or not of letters, digits and '_' starting with no digit (§4.6)");
                return false;
            }

            list.Add(new ClaimMetadata(path, labels, mandatory, sd, svgId));
        }

        claims = list;
        error = null;
        return true;
    }

    private static bool TryParseClaimDisplay(JsonElement element, ClaimPath path, out IReadOnlyList<ClaimDisplay>? display, [NotNullWhen(false)] out VerificationError? error)
    {
        display = null;
        if (element.ValueKind != JsonValueKind.Array)
        {
            error = Malformed($"'display' of the claim {path} is not an array (§4.6.2)");
            return false;
        }

        var list = new List<ClaimDisplay>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = Malformed($"a 'display' entry of the claim {path} is not an object (§4.6.2)");
                return false;
            }

            if (!TryGetString(item, "locale", required: true, out var locale, out error, $"claim {path} display")
                || !TryGetString(item, "label", required: true, out var label, out error, $"claim {path} display")
                || !TryGetString(item, "description", required: false, out var description, out error, $"claim {path} display"))
            {
                return false;
            }

            list.Add(new ClaimDisplay(locale!, label!, description));
        }

        display = list;
        error = null;
        return true;
    }

    private static bool IsSvgId(string value) =>
        value.Length > 0 && !char.IsAsciiDigit(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool TryGetString(JsonElement obj, string name, bool required, out string? value, [NotNullWhen(false)] out VerificationError? error, string where = "the document")
    {
        value = null;
        error = null;
        if (!obj.TryGetProperty(name, out var element))
        {
            if (required)
            {
                error = Malformed($"'{name}' of {where} is missing (§4.2)");
                return false;
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = Malformed($"'{name}' of {where} is not a string (§4.2)");
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static VerificationError Malformed(string reason) =>
        new(TypeMetadataErrorCodes.Malformed, $"The Type Metadata is malformed: {reason}.");
}
