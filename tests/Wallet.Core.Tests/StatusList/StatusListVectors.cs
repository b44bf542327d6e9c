using System.Security.Cryptography;
using System.Text.Json;
using Wallet.Core.Jose;

namespace Wallet.Core.Tests.StatusList;

/// <summary>The draft-ietf-oauth-status-list-20 example data (Vectors/status-list/status-list-vectors.json).</summary>
internal static class StatusListVectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "status-list", "status-list-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    });

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static SigningKey SigningKey()
    {
        var jwk = Get("signing_key (src/util.py EXAMPLE_KEY)");
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64Url(jwk.GetProperty("d").GetString()!),
            Q = new ECPoint { X = Base64Url(jwk.GetProperty("x").GetString()!), Y = Base64Url(jwk.GetProperty("y").GetString()!) },
        };
        return new SigningKey(ECDsa.Create(parameters), jwk.GetProperty("kid").GetString());
    }

    public static PublicJwk PublicKey() => SigningKey().PublicJwk;

    public static byte[] Hex(string name, string member) => Convert.FromHexString(Get(name).GetProperty(member).GetString()!);

    private static byte[] Base64Url(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);
}
