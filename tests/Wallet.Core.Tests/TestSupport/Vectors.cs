using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.Tests.TestSupport;

/// <summary>Loads the public test vectors copied under Vectors/ (see the ATTRIBUTION.md next to each).</summary>
public static class Vectors
{
    public static JsonNode Load(params string[] path) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine([AppContext.BaseDirectory, "Vectors", .. path])))!;

    public static PublicJwk Jwk(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        PublicJwk.TryParse(document.RootElement, out var jwk, out var error).Should().BeTrue(error?.ToString());
        return jwk!;
    }

    /// <summary>The RFC 9901 example issuer (or holder) key with its private part.</summary>
    public static SigningKey Rfc9901Key(string which)
    {
        var jwk = Load("sd-jwt", "keys.json")[$"{which}_jwk_private"]!;
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64Url(jwk["d"]!),
            Q = new ECPoint { X = Base64Url(jwk["x"]!), Y = Base64Url(jwk["y"]!) },
        };
        return new SigningKey(ECDsa.Create(parameters));
    }

    private static byte[] Base64Url(JsonNode node) => System.Buffers.Text.Base64Url.DecodeFromChars(node.GetValue<string>());
}
