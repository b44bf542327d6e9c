using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// One <c>transaction_data</c> entry (OpenID4VP 1.0 §5.1): a typed object the End-User authorizes by presenting one of the
/// referenced credentials, carried as a base64url string. <see cref="Encoded"/> is kept exactly as sent, because the
/// KB-JWT hash is taken over that string, not over its decoded JSON (B.3.3).
/// </summary>
public sealed class TransactionData
{
    /// <summary>The default and mandatory-to-support hash algorithm (B.3.3).</summary>
    public const string DefaultHashAlgorithm = "sha-256";

    private const int MaxDepth = 8;

    private TransactionData(string encoded, string type, IReadOnlyList<string> credentialIds, IReadOnlyList<string>? hashAlgorithms, JsonObject content)
    {
        Encoded = encoded;
        Type = type;
        CredentialIds = credentialIds;
        HashAlgorithms = hashAlgorithms;
        Content = content;
    }

    /// <summary>Hash algorithms implemented, by their IANA "Named Information Hash Algorithm" names.</summary>
    public static IReadOnlyList<string> SupportedHashAlgorithms { get; } = [DefaultHashAlgorithm, "sha-384", "sha-512"];

    /// <summary>The base64url string of the request, unchanged.</summary>
    public string Encoded { get; }

    /// <summary>The <c>type</c>.</summary>
    public string Type { get; }

    /// <summary>The Credential Query ids one of which authorizes the transaction.</summary>
    public IReadOnlyList<string> CredentialIds { get; }

    /// <summary>The request's <c>transaction_data_hashes_alg</c>; null when absent (then <c>sha-256</c> only).</summary>
    public IReadOnlyList<string>? HashAlgorithms { get; }

    /// <summary>The decoded object, for showing to the End-User (a copy; changing it changes nothing signed).</summary>
    public JsonObject Content { get; }

    /// <summary>
    /// Builds an entry from a JSON object (the relying party's input): checked like a Wallet would check it, then encoded
    /// as compact JSON in base64url.
    /// </summary>
    public static bool TryCreate(JsonElement item, IReadOnlyCollection<TransactionDataType> types, int index, [NotNullWhen(true)] out TransactionData? transactionData, out IReadOnlyList<VerificationError> errors)
    {
        ArgumentNullException.ThrowIfNull(types);
        var found = new List<VerificationError>();
        errors = found;
        transactionData = null;
        if (!TryRead(item, types, index, found, out var type, out var ids, out var algorithms))
        {
            return false;
        }

        var content = StrictJson.ToNode(item)!.AsObject();
        var encoded = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(content.ToJsonString()));
        transactionData = new TransactionData(encoded, type, ids, algorithms, content);
        return true;
    }

    /// <summary>Parses one string of a request's <c>transaction_data</c> (the Wallet side, §5.1).</summary>
    public static bool TryParse(string encoded, IReadOnlyCollection<TransactionDataType> types, int index, [NotNullWhen(true)] out TransactionData? transactionData, out IReadOnlyList<VerificationError> errors)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(types);
        transactionData = null;
        var found = new List<VerificationError>();
        errors = found;
        byte[] json;
        try
        {
            json = encoded.Length > 0 && !encoded.Contains('=', StringComparison.Ordinal) ? Base64Url.DecodeFromChars(encoded) : throw new FormatException();
        }
        catch (FormatException)
        {
            found.Add(new(TransactionDataErrorCodes.Malformed, $"transaction_data[{index}] is not a base64url string (OpenID4VP 1.0 §5.1)."));
            return false;
        }

        if (!StrictJson.TryParse(json, MaxDepth, allowDuplicateProperties: false, out var document, out var jsonError))
        {
            found.Add(new(TransactionDataErrorCodes.Malformed, $"transaction_data[{index}] does not decode to JSON without duplicate members: {jsonError.Message}"));
            return false;
        }

        using (document)
        {
            if (!TryRead(document.RootElement, types, index, found, out var type, out var ids, out var algorithms))
            {
                return false;
            }

            transactionData = new TransactionData(encoded, type, ids, algorithms, StrictJson.ToNode(document.RootElement)!.AsObject());
            return true;
        }
    }

    /// <summary>
    /// Checks the entries against the DCQL query (§5.1, B.3.3): every <c>credential_ids</c> entry names a Credential Query,
    /// which is SD-JWT VC (the one profile implemented) and requires cryptographic holder binding.
    /// </summary>
    public static IReadOnlyList<VerificationError> CheckAgainst(IReadOnlyList<TransactionData> items, DcqlQuery query)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<VerificationError>();
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var id in items[i].CredentialIds)
            {
                if (!query.TryGetCredentialQuery(id, out var credentialQuery))
                {
                    errors.Add(new(TransactionDataErrorCodes.UnknownCredentialId, $"transaction_data[{i}] names the Credential Query '{id}', which the DCQL query does not have (OpenID4VP 1.0 §5.1)."));
                }
                else if (credentialQuery.Format != DcqlFormats.SdJwtVc)
                {
                    errors.Add(new(TransactionDataErrorCodes.FormatUnsupported, $"transaction_data[{i}] names the Credential Query '{id}' of format '{credentialQuery.Format}'; only dc+sd-jwt carries transaction data here (OpenID4VP 1.0 B.3.3)."));
                }
                else if (!credentialQuery.RequireCryptographicHolderBinding)
                {
                    errors.Add(new(TransactionDataErrorCodes.HolderBindingRequired, $"transaction_data[{i}] names the Credential Query '{id}', which does not require cryptographic holder binding; transaction data is signed with the holder key (OpenID4VP 1.0 B.3.3)."));
                }
            }
        }

        return errors;
    }

    /// <summary>True when the KB-JWT may hash this entry with <paramref name="algorithm"/> (B.3.3).</summary>
    public bool AllowsHashAlgorithm(string algorithm) =>
        HashAlgorithms is null ? algorithm == DefaultHashAlgorithm : HashAlgorithms.Contains(algorithm, StringComparer.Ordinal);

    /// <summary>base64url of the hash of <see cref="Encoded"/> as sent, without decoding it first (B.3.3).</summary>
    public string Hash(string algorithm)
    {
        var input = Encoding.ASCII.GetBytes(Encoded);
        var digest = algorithm switch
        {
            DefaultHashAlgorithm => SHA256.HashData(input),
            "sha-384" => SHA384.HashData(input),
            "sha-512" => SHA512.HashData(input),
            _ => throw new ArgumentException($"The hash algorithm '{algorithm}' is not implemented.", nameof(algorithm)),
        };
        return Base64Url.EncodeToString(digest);
    }

    private static bool TryRead(JsonElement item, IReadOnlyCollection<TransactionDataType> types, int index, List<VerificationError> errors, [NotNullWhen(true)] out string? type, [NotNullWhen(true)] out IReadOnlyList<string>? credentialIds, out IReadOnlyList<string>? hashAlgorithms)
    {
        type = null;
        credentialIds = null;
        hashAlgorithms = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(TransactionDataErrorCodes.Malformed, $"transaction_data[{index}] is not a JSON object (OpenID4VP 1.0 §5.1)."));
            return false;
        }

        if (!item.TryGetProperty("type", out var typeJson) || typeJson.ValueKind != JsonValueKind.String || typeJson.GetString()!.Length == 0)
        {
            errors.Add(new(TransactionDataErrorCodes.Malformed, $"transaction_data[{index}] needs 'type' as a non-empty string (OpenID4VP 1.0 §5.1)."));
        }
        else
        {
            type = typeJson.GetString()!;
        }

        credentialIds = ReadStrings(item, "credential_ids", index, errors, required: true);
        hashAlgorithms = ReadStrings(item, "transaction_data_hashes_alg", index, errors, required: false);
        if (hashAlgorithms is not null && !hashAlgorithms.Any(SupportedHashAlgorithms.Contains))
        {
            errors.Add(new(TransactionDataErrorCodes.HashAlgorithmUnsupported, $"transaction_data[{index}] allows only the hash algorithms {string.Join(", ", hashAlgorithms.Select(a => $"'{a}'"))}; implemented are {string.Join(", ", SupportedHashAlgorithms)} (OpenID4VP 1.0 B.3.3)."));
        }

        if (type is not null)
        {
            var name = type;
            var known = types.FirstOrDefault(t => t.Name == name);
            if (known is null)
            {
                errors.Add(new(TransactionDataErrorCodes.UnknownType, $"transaction_data[{index}] has the unknown type '{type}' (OpenID4VP 1.0 §5.1, error invalid_transaction_data)."));
            }
            else
            {
                known.Check(item, index, errors);
            }
        }

        return errors.Count == 0 && type is not null && credentialIds is not null;
    }

    private static List<string>? ReadStrings(JsonElement item, string name, int index, List<VerificationError> errors, bool required)
    {
        if (!item.TryGetProperty(name, out var json))
        {
            if (required)
            {
                errors.Add(new(TransactionDataErrorCodes.Malformed, $"transaction_data[{index}] needs '{name}' (OpenID4VP 1.0 §5.1)."));
            }

            return null;
        }

        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0 || json.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || e.GetString()!.Length == 0))
        {
            errors.Add(new(TransactionDataErrorCodes.Malformed, $"transaction_data[{index}] '{name}' must be a non-empty array of non-empty strings (OpenID4VP 1.0 §5.1, B.3.3)."));
            return null;
        }

        var values = json.EnumerateArray().Select(e => e.GetString()!).ToList();
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            errors.Add(new(TransactionDataErrorCodes.Malformed, $"transaction_data[{index}] '{name}' repeats a value."));
            return null;
        }

        return values;
    }
}
