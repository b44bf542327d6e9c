using System.Text.Json;

namespace Wallet.Issuer.Stores;

/// <summary>
/// Reads back JSON that this service serialized into its own database. Rows are not input from other parties, so they
/// are the one place exempt from the rule that JSON is parsed through <c>Wallet.Core.Json.StrictJson</c>; the target
/// types hold only strings and numbers, which the serializer itself checks.
/// </summary>
internal static class StoredJson
{
    public static T? Read<T>(string json)
    {
#pragma warning disable RS0030 // Our own rows: see the summary.
        return JsonSerializer.Deserialize<T>(json);
#pragma warning restore RS0030
    }
}
