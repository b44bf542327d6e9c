using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Wallet.Core.Claims;

namespace Wallet.Core.Dcql;

/// <summary>
/// Turns DCQL JSON into a <see cref="DcqlQuery"/>, collecting every broken rule rather than stopping at the first,
/// so a Verifier fixing its query sees all problems at once.
/// </summary>
internal sealed class DcqlQueryParser
{
    private readonly DcqlLimits _limits;
    private readonly List<VerificationError> _errors = [];

    internal DcqlQueryParser(DcqlLimits limits) => _limits = limits;

    internal bool TryParse(JsonElement root, [NotNullWhen(true)] out DcqlQuery? query, out IReadOnlyList<VerificationError> errors)
    {
        query = null;
        if (!CheckStructure(root, "dcql_query", 1))
        {
            errors = _errors;
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            Add(DcqlErrorCodes.InvalidType, "dcql_query", "must be a JSON object");
            errors = _errors;
            return false;
        }

        var credentials = new List<CredentialQuery>();
        var knownIds = new HashSet<string>(StringComparer.Ordinal);
        if (TryGetArray(root, "credentials", "credentials", required: true, _limits.MaxCredentials, DcqlErrorCodes.TooManyCredentials, out var credentialsJson))
        {
            var index = 0;
            foreach (var item in credentialsJson.EnumerateArray())
            {
                var at = $"credentials[{index++}]";
                var id = ParseCredentialQuery(item, at, out var credential);
                if (id is not null && !knownIds.Add(id))
                {
                    Add(DcqlErrorCodes.DuplicateCredentialId, $"{at}.id", $"repeats the Credential Query id '{id}'");
                }

                if (credential is not null)
                {
                    credentials.Add(credential);
                }
            }
        }

        var credentialSets = new List<CredentialSetQuery>();
        if (TryGetArray(root, "credential_sets", "credential_sets", required: false, _limits.MaxArrayItems, DcqlErrorCodes.TooManyItems, out var setsJson))
        {
            var index = 0;
            foreach (var item in setsJson.EnumerateArray())
            {
                var set = ParseCredentialSet(item, $"credential_sets[{index++}]", knownIds);
                if (set is not null)
                {
                    credentialSets.Add(set);
                }
            }
        }

        if (_errors.Count > 0)
        {
            errors = _errors;
            return false;
        }

        query = new DcqlQuery(credentials, credentialSets, root.Clone());
        errors = [];
        return true;
    }

    /// <summary>Returns the id when it is valid (so duplicates can be detected), and the query when everything is.</summary>
    private string? ParseCredentialQuery(JsonElement json, string at, out CredentialQuery? credential)
    {
        credential = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            Add(DcqlErrorCodes.InvalidType, at, "must be a JSON object (a Credential Query)");
            return null;
        }

        var errorsBefore = _errors.Count;
        var id = ParseId(json, at, required: true);
        var format = GetNonEmptyString(json, "format", at, required: true);
        var multiple = GetBoolean(json, "multiple", at, defaultValue: false);
        var requireBinding = GetBoolean(json, "require_cryptographic_holder_binding", at, defaultValue: true);
        var meta = format is null ? null : ParseMeta(json, format, at);
        var trustedAuthorities = ParseTrustedAuthorities(json, at);
        var claims = ParseClaims(json, format, at, out var claimsPresent, out var claimIds, out var claimsWithoutId);
        var claimSets = ParseClaimSets(json, at, claimsPresent, claimIds, claimsWithoutId);

        if (_errors.Count == errorsBefore)
        {
            credential = new CredentialQuery(id!, format!, multiple, meta!, trustedAuthorities, requireBinding, claims, claimSets);
        }

        return id;
    }

    private CredentialQueryMeta? ParseMeta(JsonElement credential, string format, string at)
    {
        var metaAt = $"{at}.meta";
        if (!credential.TryGetProperty("meta", out var meta))
        {
            Add(DcqlErrorCodes.MissingMember, metaAt, "is REQUIRED (OpenID4VP 1.0 §6.1)");
            return null;
        }

        if (meta.ValueKind != JsonValueKind.Object)
        {
            Add(DcqlErrorCodes.InvalidType, metaAt, "must be a JSON object");
            return null;
        }

        switch (format)
        {
            case DcqlFormats.SdJwtVc:
                if (!TryGetArray(meta, "vct_values", $"{metaAt}.vct_values", required: true, _limits.MaxArrayItems, DcqlErrorCodes.TooManyItems, out var vctValues))
                {
                    return null;
                }

                var vcts = GetStrings(vctValues, $"{metaAt}.vct_values");
                return vcts is null ? null : new SdJwtVcCredentialQueryMeta(vcts);
            case DcqlFormats.MsoMdoc:
                var doctype = GetNonEmptyString(meta, "doctype_value", metaAt, required: true);
                return doctype is null ? null : new MdocCredentialQueryMeta(doctype);
            default:
                return new OtherFormatCredentialQueryMeta(meta.Clone());
        }
    }

    private List<TrustedAuthoritiesQuery> ParseTrustedAuthorities(JsonElement credential, string at)
    {
        var result = new List<TrustedAuthoritiesQuery>();
        if (!TryGetArray(credential, "trusted_authorities", $"{at}.trusted_authorities", required: false, _limits.MaxArrayItems, DcqlErrorCodes.TooManyItems, out var array))
        {
            return result;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemAt = $"{at}.trusted_authorities[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Add(DcqlErrorCodes.InvalidType, itemAt, "must be a JSON object (a Trusted Authorities Query)");
                continue;
            }

            var type = GetNonEmptyString(item, "type", itemAt, required: true);
            IReadOnlyList<string>? values = null;
            if (TryGetArray(item, "values", $"{itemAt}.values", required: true, _limits.MaxArrayItems, DcqlErrorCodes.TooManyItems, out var valuesJson))
            {
                values = GetStrings(valuesJson, $"{itemAt}.values");
            }

            if (type is not null && values is not null)
            {
                result.Add(new TrustedAuthoritiesQuery(type, values));
            }
        }

        return result;
    }

    private List<ClaimsQuery> ParseClaims(
        JsonElement credential, string? format, string at, out bool present, out HashSet<string> ids, out List<int> withoutId)
    {
        var result = new List<ClaimsQuery>();
        ids = new HashSet<string>(StringComparer.Ordinal);
        withoutId = [];
        present = credential.TryGetProperty("claims", out _);
        if (!TryGetArray(credential, "claims", $"{at}.claims", required: false, _limits.MaxClaims, DcqlErrorCodes.TooManyClaims, out var array))
        {
            return result;
        }

        var paths = new HashSet<ClaimPath>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemAt = $"{at}.claims[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Add(DcqlErrorCodes.InvalidType, itemAt, "must be a JSON object (a Claims Query)");
                continue;
            }

            var errorsBefore = _errors.Count;
            var id = ParseId(item, itemAt, required: false);
            if (!item.TryGetProperty("id", out _))
            {
                withoutId.Add(index - 1);
            }

            if (id is not null && !ids.Add(id))
            {
                Add(DcqlErrorCodes.DuplicateClaimId, $"{itemAt}.id", $"repeats the claim id '{id}' of this Credential Query (OpenID4VP 1.0 §6.3)");
            }

            var path = ParsePath(item, format, itemAt);
            if (path is not null && !paths.Add(path))
            {
                Add(DcqlErrorCodes.DuplicateClaimPath, $"{itemAt}.path", $"points to claim {path} a second time (OpenID4VP 1.0 §6.1)");
            }

            var values = ParseValues(item, itemAt);
            bool? intentToRetain = format == DcqlFormats.MsoMdoc ? GetOptionalBoolean(item, "intent_to_retain", itemAt) : null;
            if (_errors.Count == errorsBefore)
            {
                result.Add(new ClaimsQuery(id, path!, values, intentToRetain));
            }
        }

        return result;
    }

    private ClaimPath? ParsePath(JsonElement claim, string? format, string at)
    {
        var pathAt = $"{at}.path";
        if (!claim.TryGetProperty("path", out var json))
        {
            Add(DcqlErrorCodes.MissingMember, pathAt, "is REQUIRED (OpenID4VP 1.0 §6.3)");
            return null;
        }

        if (json.ValueKind == JsonValueKind.Array && json.GetArrayLength() > _limits.MaxPathLength)
        {
            Add(DcqlErrorCodes.PathTooLong, pathAt, $"has more than {_limits.MaxPathLength} components");
            return null;
        }

        if (!ClaimPath.TryParse(json, out var path, out var error))
        {
            Add(DcqlErrorCodes.InvalidPath, pathAt, $"is not a claims path pointer: {error} (OpenID4VP 1.0 §7)");
            return null;
        }

        if (format == DcqlFormats.MsoMdoc && (path.Segments.Count != 2 || !path.Segments.All(s => s.IsName)))
        {
            Add(DcqlErrorCodes.InvalidMdocPath, pathAt, "must be exactly [namespace, data element identifier], two strings (OpenID4VP 1.0 §7.2)");
            return null;
        }

        return path;
    }

    private List<JsonElement> ParseValues(JsonElement claim, string at)
    {
        var result = new List<JsonElement>();
        var valuesAt = $"{at}.values";
        if (!TryGetArray(claim, "values", valuesAt, required: false, _limits.MaxArrayItems, DcqlErrorCodes.TooManyItems, out var array))
        {
            return result;
        }

        var index = 0;
        foreach (var value in array.EnumerateArray())
        {
            var valid = value.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False
                || (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _));
            if (valid)
            {
                result.Add(value.Clone());
            }
            else
            {
                Add(DcqlErrorCodes.InvalidClaimValue, $"{valuesAt}[{index}]", "must be a string, an integer or a boolean (OpenID4VP 1.0 §6.3)");
            }

            index++;
        }

        return result;
    }

    private List<IReadOnlyList<string>> ParseClaimSets(JsonElement credential, string at, bool claimsPresent, HashSet<string> claimIds, List<int> claimsWithoutId)
    {
        var result = new List<IReadOnlyList<string>>();
        var setsAt = $"{at}.claim_sets";
        if (!credential.TryGetProperty("claim_sets", out _))
        {
            return result;
        }

        if (!claimsPresent)
        {
            Add(DcqlErrorCodes.ClaimSetsWithoutClaims, setsAt, "must not be present without claims (OpenID4VP 1.0 §6.4.1)");
            return result;
        }

        foreach (var claimIndex in claimsWithoutId)
        {
            Add(DcqlErrorCodes.ClaimIdRequired, $"{at}.claims[{claimIndex}].id", "is REQUIRED because claim_sets is present (OpenID4VP 1.0 §6.3)");
        }

        if (!TryGetArray(credential, "claim_sets", setsAt, required: false, _limits.MaxArrayItems, DcqlErrorCodes.TooManyItems, out var array))
        {
            return result;
        }

        var index = 0;
        foreach (var option in array.EnumerateArray())
        {
            var optionAt = $"{setsAt}[{index++}]";
            var ids = GetIdArray(option, optionAt);
            if (ids is null)
            {
                continue;
            }

            for (var i = 0; i < ids.Count; i++)
            {
                if (!claimIds.Contains(ids[i]))
                {
                    Add(DcqlErrorCodes.UnknownClaimId, $"{optionAt}[{i}]", $"names claim id '{ids[i]}', which no Claims Query of this Credential Query has");
                }
            }

            result.Add(ids);
        }

        return result;
    }

    private CredentialSetQuery? ParseCredentialSet(JsonElement json, string at, HashSet<string> knownIds)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            Add(DcqlErrorCodes.InvalidType, at, "must be a JSON object (a Credential Set Query)");
            return null;
        }

        var errorsBefore = _errors.Count;
        var required = GetBoolean(json, "required", at, defaultValue: true);
        var options = new List<IReadOnlyList<string>>();
        if (TryGetArray(json, "options", $"{at}.options", required: true, _limits.MaxArrayItems, DcqlErrorCodes.TooManyItems, out var array))
        {
            var index = 0;
            foreach (var option in array.EnumerateArray())
            {
                var optionAt = $"{at}.options[{index++}]";
                var ids = GetIdArray(option, optionAt);
                if (ids is null)
                {
                    continue;
                }

                for (var i = 0; i < ids.Count; i++)
                {
                    if (!knownIds.Contains(ids[i]))
                    {
                        Add(DcqlErrorCodes.UnknownCredentialId, $"{optionAt}[{i}]", $"names Credential Query id '{ids[i]}', which no Credential Query has (OpenID4VP 1.0 §6.2)");
                    }
                }

                options.Add(ids);
            }
        }

        return _errors.Count == errorsBefore ? new CredentialSetQuery(options, required) : null;
    }

    /// <summary>A non-empty array of valid ids (a <c>claim_sets</c> or <c>options</c> entry).</summary>
    private List<string>? GetIdArray(JsonElement json, string at)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            Add(DcqlErrorCodes.InvalidType, at, "must be an array of ids");
            return null;
        }

        if (!CheckArrayCount(json, at, _limits.MaxArrayItems, DcqlErrorCodes.TooManyItems))
        {
            return null;
        }

        var ids = new List<string>();
        var index = 0;
        foreach (var item in json.EnumerateArray())
        {
            var itemAt = $"{at}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                Add(DcqlErrorCodes.InvalidType, itemAt, "must be a string id");
            }
            else if (!IsValidId(item.GetString()!))
            {
                Add(DcqlErrorCodes.InvalidId, itemAt, "must be a non-empty id of ASCII letters, digits, '_' and '-'");
            }
            else
            {
                ids.Add(item.GetString()!);
            }
        }

        return ids.Count == json.GetArrayLength() ? ids : null;
    }

    private string? ParseId(JsonElement owner, string at, bool required)
    {
        var idAt = $"{at}.id";
        if (!owner.TryGetProperty("id", out var json))
        {
            if (required)
            {
                Add(DcqlErrorCodes.MissingMember, idAt, "is REQUIRED (OpenID4VP 1.0 §6.1)");
            }

            return null;
        }

        if (json.ValueKind != JsonValueKind.String)
        {
            Add(DcqlErrorCodes.InvalidType, idAt, "must be a string");
            return null;
        }

        var id = json.GetString()!;
        if (!IsValidId(id))
        {
            Add(DcqlErrorCodes.InvalidId, idAt, "must be non-empty and consist of ASCII letters, digits, '_' and '-' only (OpenID4VP 1.0 §6.1, §6.3)");
            return null;
        }

        return id;
    }

    private static bool IsValidId(string id) => id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private string? GetNonEmptyString(JsonElement owner, string name, string at, bool required)
    {
        var memberAt = $"{at}.{name}";
        if (!owner.TryGetProperty(name, out var json))
        {
            if (required)
            {
                Add(DcqlErrorCodes.MissingMember, memberAt, "is REQUIRED");
            }

            return null;
        }

        if (json.ValueKind != JsonValueKind.String || json.GetString()!.Length == 0)
        {
            Add(DcqlErrorCodes.InvalidType, memberAt, "must be a non-empty string");
            return null;
        }

        return json.GetString();
    }

    private List<string>? GetStrings(JsonElement array, string at)
    {
        var result = new List<string>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length == 0)
            {
                Add(DcqlErrorCodes.InvalidType, $"{at}[{index}]", "must be a non-empty string");
            }
            else
            {
                result.Add(item.GetString()!);
            }

            index++;
        }

        return result.Count == array.GetArrayLength() ? result : null;
    }

    private bool GetBoolean(JsonElement owner, string name, string at, bool defaultValue)
        => GetOptionalBoolean(owner, name, at) ?? defaultValue;

    private bool? GetOptionalBoolean(JsonElement owner, string name, string at)
    {
        if (!owner.TryGetProperty(name, out var json))
        {
            return null;
        }

        if (json.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return json.GetBoolean();
        }

        Add(DcqlErrorCodes.InvalidType, $"{at}.{name}", "must be a boolean");
        return null;
    }

    /// <summary>Gets a member that must be a non-empty, bounded array; reports why when it is not.</summary>
    private bool TryGetArray(JsonElement owner, string name, string at, bool required, int maxItems, string tooManyCode, out JsonElement array)
    {
        if (!owner.TryGetProperty(name, out array))
        {
            if (required)
            {
                Add(DcqlErrorCodes.MissingMember, at, "is REQUIRED");
            }

            return false;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            Add(DcqlErrorCodes.InvalidType, at, "must be an array");
            return false;
        }

        return CheckArrayCount(array, at, maxItems, tooManyCode);
    }

    private bool CheckArrayCount(JsonElement array, string at, int maxItems, string tooManyCode)
    {
        var count = array.GetArrayLength();
        if (count == 0)
        {
            Add(DcqlErrorCodes.EmptyArray, at, "must not be empty");
            return false;
        }

        if (count > maxItems)
        {
            Add(tooManyCode, at, $"has more than {maxItems} entries");
            return false;
        }

        return true;
    }

    /// <summary>Rejects nesting beyond the limit and objects with a repeated member name anywhere in the query.</summary>
    private bool CheckStructure(JsonElement json, string at, int depth)
    {
        if (json.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return true;
        }

        if (depth > _limits.MaxDepth)
        {
            _errors.Add(new(DcqlErrorCodes.QueryTooDeep, $"the DCQL query nests JSON deeper than {_limits.MaxDepth} levels"));
            return false;
        }

        if (json.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in json.EnumerateArray())
            {
                if (!CheckStructure(item, $"{at}[{index++}]", depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                _errors.Add(new(DcqlErrorCodes.InvalidJson, $"{at} has the member '{property.Name}' more than once"));
                return false;
            }

            if (!CheckStructure(property.Value, $"{at}.{property.Name}", depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private void Add(string code, string at, string problem) => _errors.Add(new(code, $"{at} {problem}"));
}
