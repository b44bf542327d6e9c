using System.Text.Json;
using Wallet.Core.Dcql;
using Wallet.Core.OpenId4Vp;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Transactions;

/// <summary>Reads back what this Verifier itself stored with a transaction; a value that no longer parses is a defect, not input.</summary>
internal static class StoredTransaction
{
    private static readonly JsonSerializerOptions ResultJsonOptions = new(JsonSerializerDefaults.Web);

    // Made by RequestSigningCredentials when the transaction was created.
    public static ClientId ClientIdOf(TransactionRecord transaction) =>
        ClientId.TryParse(transaction.ClientId, OpenId4VpLimits.Default, out var clientId, out _) ? clientId : throw new InvalidOperationException("A stored client_id no longer parses.");

    // Validated when the transaction was created.
    public static DcqlQuery QueryOf(TransactionRecord transaction) =>
        DcqlQuery.TryParse(transaction.DcqlQuery, out var query, out _) ? query : throw new InvalidOperationException("A stored DCQL query no longer parses.");

    public static string? TransactionDataJson(IReadOnlyList<TransactionData> items) =>
        items.Count == 0 ? null : new System.Text.Json.Nodes.JsonArray([.. items.Select(t => System.Text.Json.Nodes.JsonValue.Create(t.Encoded))]).ToJsonString();

    // Checked when the transaction was created; the strings are kept as sent, since the KB-JWT hashes them (B.3.3).
    public static IReadOnlyList<TransactionData> TransactionDataOf(TransactionRecord transaction)
    {
        if (transaction.TransactionData is null)
        {
            return [];
        }

#pragma warning disable RS0030 // Our own row, written by TransactionDataJson; not input from another party.
        var strings = JsonSerializer.Deserialize<string[]>(transaction.TransactionData)!;
#pragma warning restore RS0030
        return [.. strings.Select((s, i) => TransactionData.TryParse(s, TransactionDataType.Known, i, out var item, out _) ? item : throw new InvalidOperationException("Stored transaction data no longer parses."))];
    }

    public static string ResultJson(PresentationResult result) => JsonSerializer.Serialize(result, ResultJsonOptions);

    public static PresentationResult ResultOf(TransactionRecord transaction)
    {
#pragma warning disable RS0030 // Our own row, serialized by ResultJson; not input from another party.
        return JsonSerializer.Deserialize<PresentationResult>(transaction.ResultJson!, ResultJsonOptions)!;
#pragma warning restore RS0030
    }

    public static async ValueTask<VerifierEncryptionKey?> LoadKeyAsync(IEphemeralKeyStore keys, TransactionRecord transaction, CancellationToken cancellationToken)
    {
        if (transaction.ResponseMode != ResponseModes.DirectPostJwt)
        {
            return null;
        }

        var stored = await keys.FindAsync(transaction.Id, cancellationToken).ConfigureAwait(false);
        return stored is { } found ? VerifierEncryptionKey.FromPkcs8(found.Pkcs8, found.KeyId) : null;
    }
}
