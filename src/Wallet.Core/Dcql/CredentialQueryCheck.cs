using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Json;

namespace Wallet.Core.Dcql;

/// <summary>
/// Checks one credential against one Credential Query: format, <c>meta</c>, holder binding, trusted authorities and
/// claims (OpenID4VP 1.0 §6.1, §6.4.1). Shared by the Wallet-side matcher and the Verifier-side evaluator so both
/// apply exactly the same rules.
/// </summary>
internal static class CredentialQueryCheck
{
    private enum ClaimStatus
    {
        Present,
        Missing,
        ValueMismatch,
    }

    /// <param name="query">The Credential Query.</param>
    /// <param name="queryAt">Where the query sits, e.g. <c>credentials[1]</c>.</param>
    /// <param name="credential">The credential.</param>
    /// <param name="subject">How messages name the credential, e.g. <c>presentation [0] for Credential Query 'pid'</c>.</param>
    internal static CredentialCheck Check(CredentialQuery query, string queryAt, DcqlCredential credential, string subject)
    {
        var errors = new List<VerificationError>();
        if (!string.Equals(query.Format, credential.Format, StringComparison.Ordinal))
        {
            // Meta and claim paths are format-specific: checking them against another format would only add noise.
            errors.Add(new(DcqlErrorCodes.FormatMismatch, $"{subject}: format '{credential.Format}' is not the requested '{query.Format}' ({queryAt}.format)"));
            return new(errors, null, []);
        }

        CheckMeta(query, queryAt, credential, subject, errors);

        if (query.RequireCryptographicHolderBinding && !credential.HasCryptographicHolderBinding)
        {
            errors.Add(new(DcqlErrorCodes.HolderBindingMissing, $"{subject}: cryptographic holder binding is required ({queryAt}.require_cryptographic_holder_binding defaults to true) but absent"));
        }

        if (query.TrustedAuthorities.Count > 0 && !MatchesTrustedAuthority(query, credential))
        {
            errors.Add(new(DcqlErrorCodes.TrustedAuthorityMismatch, $"{subject}: the issuer matches none of {queryAt}.trusted_authorities (OpenID4VP 1.0 §6.1.1)"));
        }

        var (claimSetIndex, selected) = CheckClaims(query, queryAt, credential, subject, errors);
        return new(errors, claimSetIndex, selected);
    }

    private static void CheckMeta(CredentialQuery query, string queryAt, DcqlCredential credential, string subject, List<VerificationError> errors)
    {
        switch (query.Meta)
        {
            case SdJwtVcCredentialQueryMeta sdJwt:
                var types = credential.Vct is null ? credential.ExtendedVcts : credential.ExtendedVcts.Prepend(credential.Vct);
                if (!types.Any(t => sdJwt.VctValues.Contains(t, StringComparer.Ordinal)))
                {
                    var actual = credential.Vct is null ? "no vct" : $"vct '{credential.Vct}'";
                    errors.Add(new(DcqlErrorCodes.VctMismatch, $"{subject}: {actual} (or a type it extends) is not in {queryAt}.meta.vct_values (OpenID4VP 1.0 B.3.5)"));
                }

                break;
            case MdocCredentialQueryMeta mdoc:
                if (!string.Equals(mdoc.DoctypeValue, credential.Doctype, StringComparison.Ordinal))
                {
                    var actual = credential.Doctype is null ? "no doctype" : $"doctype '{credential.Doctype}'";
                    errors.Add(new(DcqlErrorCodes.DoctypeMismatch, $"{subject}: {actual} is not {queryAt}.meta.doctype_value '{mdoc.DoctypeValue}' (OpenID4VP 1.0 B.2.3)"));
                }

                break;
            case OtherFormatCredentialQueryMeta other when !other.IsEmpty:
                errors.Add(new(DcqlErrorCodes.MetaNotEvaluable, $"{subject}: {queryAt}.meta for format '{query.Format}' has constraints this library cannot evaluate"));
                break;
        }
    }

    private static bool MatchesTrustedAuthority(CredentialQuery query, DcqlCredential credential)
        => query.TrustedAuthorities.Any(ta => credential.TrustedAuthorities.Any(id =>
            string.Equals(id.Type, ta.Type, StringComparison.Ordinal) && ta.Values.Contains(id.Value, StringComparer.Ordinal)));

    private static (int? ClaimSetIndex, IReadOnlyList<ClaimsQuery> Selected) CheckClaims(
        CredentialQuery query, string queryAt, DcqlCredential credential, string subject, List<VerificationError> errors)
    {
        if (query.Claims.Count == 0)
        {
            return (null, []);
        }

        var statuses = query.Claims.Select(c => Evaluate(c, credential.ClaimsNode)).ToArray();
        if (query.ClaimSets.Count == 0)
        {
            for (var i = 0; i < query.Claims.Count; i++)
            {
                ReportClaim(statuses[i], query.Claims[i], $"{queryAt}.claims[{i}]", subject, errors);
            }

            return (null, query.Claims);
        }

        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < query.Claims.Count; i++)
        {
            byId[query.Claims[i].Id!] = i;
        }

        var lacks = new List<string>();
        for (var option = 0; option < query.ClaimSets.Count; option++)
        {
            var ids = query.ClaimSets[option];
            var unsatisfied = ids.Where(id => statuses[byId[id]] != ClaimStatus.Present).ToArray();
            if (unsatisfied.Length == 0)
            {
                return (option, ids.Select(id => query.Claims[byId[id]]).ToArray());
            }

            lacks.Add($"option {option} lacks {string.Join(", ", unsatisfied.Select(id => Describe(id, statuses[byId[id]])))}");
        }

        errors.Add(new(DcqlErrorCodes.ClaimSetUnsatisfied, $"{subject}: no option of {queryAt}.claim_sets is satisfied: {string.Join("; ", lacks)} (OpenID4VP 1.0 §6.4.1)"));
        return (null, []);
    }

    private static string Describe(string id, ClaimStatus status) => status == ClaimStatus.ValueMismatch ? $"'{id}' (value not accepted)" : $"'{id}'";

    private static void ReportClaim(ClaimStatus status, ClaimsQuery claim, string claimAt, string subject, List<VerificationError> errors)
    {
        switch (status)
        {
            case ClaimStatus.Missing:
                errors.Add(new(DcqlErrorCodes.ClaimMissing, $"{subject}: claim {claimAt} (path {claim.Path}) is missing (OpenID4VP 1.0 §6.4.1)"));
                break;
            case ClaimStatus.ValueMismatch:
                errors.Add(new(DcqlErrorCodes.ClaimValueMismatch, $"{subject}: claim {claimAt} (path {claim.Path}) has a value not in its values (OpenID4VP 1.0 §6.4.1)"));
                break;
        }
    }

    private static ClaimStatus Evaluate(ClaimsQuery claim, JsonNode root)
    {
        if (!claim.Path.TrySelect(root, out var selected, out _))
        {
            return ClaimStatus.Missing;
        }

        if (claim.Values.Count == 0)
        {
            return ClaimStatus.Present;
        }

        // A path with a null component selects several values; the claim matches when any of them is accepted.
        return selected.Any(node => claim.Values.Any(expected => ValueEquals(node, expected))) ? ClaimStatus.Present : ClaimStatus.ValueMismatch;
    }

    /// <summary>Same JSON type and same value (OpenID4VP 1.0 §6.4.1); strings compare ordinally, integers numerically.</summary>
    private static bool ValueEquals(JsonNode? node, JsonElement expected)
    {
        if (node is not JsonValue value)
        {
            return false;
        }

        var kind = value.GetValueKind();
        switch (expected.ValueKind)
        {
            case JsonValueKind.String:
                return kind == JsonValueKind.String && string.Equals(ReadString(value), expected.GetString(), StringComparison.Ordinal);
            case JsonValueKind.True:
            case JsonValueKind.False:
                return kind == expected.ValueKind;
            case JsonValueKind.Number:
                return kind == JsonValueKind.Number
                    && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var actual)
                    && actual == expected.GetInt64();
            default:
                return false;
        }
    }

    private static string? ReadString(JsonValue value)
    {
        if (value.TryGetValue<string>(out var text))
        {
            return text;
        }

        // Values created from other CLR types (e.g. a DateTime for an mdoc full-date) serialize to a JSON string.
        return StrictJson.TryParseElement(value.ToJsonString(), 1, allowDuplicateProperties: true, out var element, out _) && element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : null;
    }
}
