using System.Text.Json;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// A transaction data type (OpenID4VP 1.0 §5.1): its collision-resistant name and the members its objects carry besides
/// <c>type</c>, <c>credential_ids</c> and <c>transaction_data_hashes_alg</c>. Both sides check objects against it, since a
/// Wallet must refuse an object "of a known type but containing unknown fields" or missing required ones (§8.5).
/// </summary>
public sealed class TransactionDataType
{
    /// <summary>Creates a type.</summary>
    /// <param name="name">The <c>type</c> value.</param>
    /// <param name="requiredStrings">Members that must be present as non-empty strings.</param>
    /// <param name="optionalStrings">Members that may be present as non-empty strings.</param>
    public TransactionDataType(string name, IReadOnlyList<string> requiredStrings, IReadOnlyList<string>? optionalStrings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(requiredStrings);
        Name = name;
        RequiredStrings = requiredStrings;
        OptionalStrings = optionalStrings ?? [];
    }

    /// <summary>
    /// A payment to confirm: <c>payee</c>, <c>amount</c> (decimal string, so no party rounds it), <c>currency</c> (ISO 4217),
    /// optional <c>reference</c>.
    /// </summary>
    public static TransactionDataType Payment { get; } = new("urn:wallet:transaction-data:payment:1", ["payee", "amount", "currency"], ["reference"]);

    /// <summary>A text the user consents to, e.g. terms of a contract: <c>text</c>.</summary>
    public static TransactionDataType ConsentText { get; } = new("urn:wallet:transaction-data:consent:1", ["text"]);

    /// <summary>The types this project's Verifier and wallet know.</summary>
    public static IReadOnlyList<TransactionDataType> Known { get; } = [Payment, ConsentText];

    /// <summary>The <c>type</c> value.</summary>
    public string Name { get; }

    /// <summary>Members required as non-empty strings.</summary>
    public IReadOnlyList<string> RequiredStrings { get; }

    /// <summary>Members allowed as non-empty strings.</summary>
    public IReadOnlyList<string> OptionalStrings { get; }

    internal void Check(JsonElement item, int index, List<VerificationError> errors)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is "type" or "credential_ids" or "transaction_data_hashes_alg")
            {
                continue;
            }

            if (!RequiredStrings.Contains(property.Name, StringComparer.Ordinal) && !OptionalStrings.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new(TransactionDataErrorCodes.InvalidMember, $"transaction_data[{index}] of type '{Name}' has the unknown member '{property.Name}' (OpenID4VP 1.0 §8.5)."));
            }
            else if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString()!.Length == 0)
            {
                errors.Add(new(TransactionDataErrorCodes.InvalidMember, $"transaction_data[{index}] member '{property.Name}' must be a non-empty string (type '{Name}')."));
            }
        }

        foreach (var required in RequiredStrings)
        {
            if (!item.TryGetProperty(required, out _))
            {
                errors.Add(new(TransactionDataErrorCodes.InvalidMember, $"transaction_data[{index}] of type '{Name}' lacks the required member '{required}' (OpenID4VP 1.0 §8.5)."));
            }
        }
    }
}
