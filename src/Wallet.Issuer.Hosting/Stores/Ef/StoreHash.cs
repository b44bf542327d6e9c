using System.Security.Cryptography;
using System.Text;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>The form secrets (nonces, codes, tokens) are stored in: base64 SHA-256, so a database leak reveals none.</summary>
internal static class StoreHash
{
    public static string Of(string secret) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
