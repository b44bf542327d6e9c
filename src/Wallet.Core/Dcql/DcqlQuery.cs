using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Wallet.Core.Json;

namespace Wallet.Core.Dcql;

/// <summary>
/// A validated Digital Credentials Query Language query (OpenID4VP 1.0 §6). Only <see cref="TryParse(JsonElement, DcqlLimits, out DcqlQuery?, out IReadOnlyList{VerificationError})"/>
/// creates one, so every instance satisfies all structural rules of §6, §7 and Appendix B.
/// </summary>
public sealed class DcqlQuery
{
    internal DcqlQuery(IReadOnlyList<CredentialQuery> credentials, IReadOnlyList<CredentialSetQuery> credentialSets, JsonElement json)
    {
        Credentials = credentials;
        CredentialSets = credentialSets;
        Json = json;
    }

    /// <summary>The Credential Queries, in the order received; never empty.</summary>
    public IReadOnlyList<CredentialQuery> Credentials { get; }

    /// <summary>The Credential Set Queries; empty when <c>credential_sets</c> was absent (then every Credential Query is required, §6.4.2).</summary>
    public IReadOnlyList<CredentialSetQuery> CredentialSets { get; }

    /// <summary>The query JSON as received, detached from the parsed document.</summary>
    public JsonElement Json { get; }

    /// <summary>Finds the Credential Query with the given id.</summary>
    public bool TryGetCredentialQuery(string id, [NotNullWhen(true)] out CredentialQuery? credentialQuery)
    {
        ArgumentNullException.ThrowIfNull(id);
        credentialQuery = Credentials.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
        return credentialQuery is not null;
    }

    /// <summary>Parses and validates a query given as JSON text, with <see cref="DcqlLimits.Default"/>.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out DcqlQuery? query, out IReadOnlyList<VerificationError> errors)
        => TryParse(json, DcqlLimits.Default, out query, out errors);

    /// <summary>
    /// Parses and validates a query given as JSON text (e.g. the <c>dcql_query</c> request parameter). On failure
    /// <paramref name="errors"/> lists every rule broken, each naming the member, e.g. <c>credentials[1].claims[0].path</c>.
    /// </summary>
    public static bool TryParse(string json, DcqlLimits limits, [NotNullWhen(true)] out DcqlQuery? query, out IReadOnlyList<VerificationError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(limits);
        query = null;
        if (System.Text.Encoding.UTF8.GetByteCount(json) > limits.MaxQueryBytes)
        {
            errors = [new(DcqlErrorCodes.QueryTooLarge, $"the DCQL query is larger than {limits.MaxQueryBytes} bytes")];
            return false;
        }

        if (!StrictJson.TryParseElement(json, limits.MaxDepth, allowDuplicateProperties: true, out var root, out var jsonError))
        {
            errors = [jsonError.Code switch
            {
                JsonErrorCodes.TooDeep => new(DcqlErrorCodes.QueryTooDeep, $"the DCQL query nests JSON deeper than {limits.MaxDepth} levels"),
                _ => StrictJson.Failure(jsonError, DcqlErrorCodes.InvalidJson, "the DCQL query is not well-formed JSON:"),
            }];
            return false;
        }

        return new DcqlQueryParser(limits).TryParse(root, out query, out errors);
    }

    /// <summary>Parses and validates a query given as a JSON element, with <see cref="DcqlLimits.Default"/>.</summary>
    public static bool TryParse(JsonElement json, [NotNullWhen(true)] out DcqlQuery? query, out IReadOnlyList<VerificationError> errors)
        => TryParse(json, DcqlLimits.Default, out query, out errors);

    /// <summary>
    /// Parses and validates a query given as a JSON element (e.g. the <c>dcql_query</c> member of a Request Object).
    /// On failure <paramref name="errors"/> lists every rule broken, each naming the member.
    /// </summary>
    public static bool TryParse(JsonElement json, DcqlLimits limits, [NotNullWhen(true)] out DcqlQuery? query, out IReadOnlyList<VerificationError> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        query = null;
        if (json.ValueKind == JsonValueKind.Undefined)
        {
            errors = [new(DcqlErrorCodes.InvalidJson, "the DCQL query is an undefined JSON element")];
            return false;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(json.GetRawText()) > limits.MaxQueryBytes)
        {
            errors = [new(DcqlErrorCodes.QueryTooLarge, $"the DCQL query is larger than {limits.MaxQueryBytes} bytes")];
            return false;
        }

        return new DcqlQueryParser(limits).TryParse(json, out query, out errors);
    }
}
