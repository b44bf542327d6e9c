using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.Tests.TestSupport;

/// <summary>Builds compact JWS with any header and payload, to craft the malformed tokens negative tests need.</summary>
public static class TestJwt
{
    public static string Sign(JsonObject header, JsonObject payload, SigningKey key)
    {
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = key.Key.SignData(Encoding.ASCII.GetBytes(signingInput), key.Algorithm.HashAlgorithm, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The public JWK of <paramref name="key"/> with its private scalar <c>d</c> added.</summary>
    public static JsonObject PrivateJwk(SigningKey key)
    {
        var jwk = PublicJwk.FromECDsa(key.Key).ToJsonObject();
        jwk["d"] = Base64Url.EncodeToString(key.Key.ExportParameters(true).D);
        return jwk;
    }
}
