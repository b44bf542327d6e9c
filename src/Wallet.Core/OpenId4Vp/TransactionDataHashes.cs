using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The KB-JWT claims that bind an SD-JWT VC presentation to transaction data (OpenID4VP 1.0 B.3.3):
/// <c>transaction_data_hashes</c> and <c>transaction_data_hashes_alg</c>.
/// </summary>
public static class TransactionDataHashes
{
    /// <summary>The hashes claim.</summary>
    public const string HashesClaim = "transaction_data_hashes";

    /// <summary>The algorithm claim.</summary>
    public const string AlgorithmClaim = "transaction_data_hashes_alg";

    /// <summary>
    /// The Wallet side: the claims for a KB-JWT that authorizes <paramref name="items"/>. The algorithm is <c>sha-256</c>
    /// when every entry allows it, else the first implemented one every entry allows; <c>transaction_data_hashes_alg</c>
    /// is written whenever any entry listed algorithms (B.3.3: then it is required).
    /// </summary>
    /// <exception cref="ArgumentException">No implemented algorithm is allowed by every entry.</exception>
    public static JsonObject CreateClaims(IReadOnlyList<TransactionData> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var algorithm = TransactionData.SupportedHashAlgorithms.FirstOrDefault(a => items.All(i => i.AllowsHashAlgorithm(a)))
            ?? throw new ArgumentException("The transaction data entries allow no common hash algorithm; present them with separate credentials.", nameof(items));
        var claims = new JsonObject { [HashesClaim] = new JsonArray([.. items.Select(i => JsonValue.Create(i.Hash(algorithm)))]) };
        if (items.Any(i => i.HashAlgorithms is not null))
        {
            claims[AlgorithmClaim] = algorithm;
        }

        return claims;
    }

    /// <summary>
    /// The Verifier side, for one verified KB-JWT: every hash must be the hash of one of <paramref name="candidates"/> (the
    /// entries naming this presentation's Credential Query) under an algorithm each matched entry allows. Returns the
    /// entries the KB-JWT authorizes; whether every entry of the request is authorized by some presentation is the caller's
    /// check (an entry naming several queries needs only one of them, §5.1).
    /// </summary>
    public static IReadOnlyList<TransactionData> Read(JsonElement keyBindingPayload, IReadOnlyList<TransactionData> candidates, List<VerificationError> errors)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(errors);
        if (!keyBindingPayload.TryGetProperty(HashesClaim, out var hashesJson))
        {
            if (keyBindingPayload.TryGetProperty(AlgorithmClaim, out _))
            {
                errors.Add(new(TransactionDataErrorCodes.HashesMalformed, $"The KB-JWT has '{AlgorithmClaim}' without '{HashesClaim}' (OpenID4VP 1.0 B.3.3)."));
            }

            return [];
        }

        if (hashesJson.ValueKind != JsonValueKind.Array || hashesJson.GetArrayLength() == 0 || hashesJson.EnumerateArray().Any(h => h.ValueKind != JsonValueKind.String))
        {
            errors.Add(new(TransactionDataErrorCodes.HashesMalformed, $"The KB-JWT '{HashesClaim}' must be a non-empty array of strings (OpenID4VP 1.0 B.3.3)."));
            return [];
        }

        var hashes = hashesJson.EnumerateArray().Select(h => h.GetString()!).ToList();
        if (hashes.Distinct(StringComparer.Ordinal).Count() != hashes.Count)
        {
            errors.Add(new(TransactionDataErrorCodes.HashesMalformed, $"The KB-JWT '{HashesClaim}' repeats a hash (OpenID4VP 1.0 B.3.3)."));
            return [];
        }

        string algorithm = TransactionData.DefaultHashAlgorithm;
        var algorithmGiven = keyBindingPayload.TryGetProperty(AlgorithmClaim, out var algorithmJson);
        if (algorithmGiven)
        {
            if (algorithmJson.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(TransactionDataErrorCodes.HashesMalformed, $"The KB-JWT '{AlgorithmClaim}' must be a string (OpenID4VP 1.0 B.3.3)."));
                return [];
            }

            algorithm = algorithmJson.GetString()!;
            if (!TransactionData.SupportedHashAlgorithms.Contains(algorithm, StringComparer.Ordinal))
            {
                errors.Add(new(TransactionDataErrorCodes.HashAlgorithmNotAllowed, $"The KB-JWT hashes transaction data with '{algorithm}', which is not implemented here (OpenID4VP 1.0 B.3.3)."));
                return [];
            }
        }

        var authorized = new List<TransactionData>();
        foreach (var hash in hashes)
        {
            // Fixed-time: the comparison must not tell an attacker how much of a forged hash was right.
            var expected = Encoding.ASCII.GetBytes(hash);
            var match = candidates.FirstOrDefault(c => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c.Hash(algorithm)), expected));
            if (match is null)
            {
                errors.Add(new(TransactionDataErrorCodes.HashUnexpected, $"A '{HashesClaim}' value is the {algorithm} hash of no transaction_data entry naming this Credential Query: altered or never requested (OpenID4VP 1.0 B.3.3)."));
                continue;
            }

            if (match.HashAlgorithms is not null && !algorithmGiven)
            {
                errors.Add(new(TransactionDataErrorCodes.HashAlgorithmMissing, $"The request listed transaction_data_hashes_alg for a '{match.Type}' entry, so the KB-JWT must carry '{AlgorithmClaim}' (OpenID4VP 1.0 B.3.3)."));
            }
            else if (!match.AllowsHashAlgorithm(algorithm))
            {
                errors.Add(new(TransactionDataErrorCodes.HashAlgorithmNotAllowed, $"The '{match.Type}' entry allows {(match.HashAlgorithms is null ? TransactionData.DefaultHashAlgorithm : string.Join(", ", match.HashAlgorithms))}, not '{algorithm}' (OpenID4VP 1.0 B.3.3)."));
            }
            else
            {
                authorized.Add(match);
            }
        }

        return authorized;
    }
}
