using System.Security.Cryptography;
using System.Text;

namespace Wallet.Hosting;

/// <summary>
/// The one place secrets are hashed, for both services: the Issuer's pre-authorized codes, <c>issuer_state</c>,
/// transaction codes, authorization codes, access tokens and <c>c_nonce</c> values, the Verifier's response codes,
/// relying-party API keys and page session cookies. Protocol code hashes them here before calling a store, so no store,
/// and no database behind one, ever receives a raw secret, and a leak of the stored state reveals none.
/// </summary>
public static class SecretHash
{
    /// <summary>Base64 SHA-256 of the UTF-8 secret; the secrets are 256-bit random values, so no salt is needed.</summary>
    /// <param name="secret">The secret as presented or issued.</param>
    public static string Of(string secret) => Convert.ToBase64String(Bytes(secret));

    /// <summary>SHA-256 of the UTF-8 secret, for stores and comparisons that keep the hash as bytes.</summary>
    /// <param name="secret">The secret as presented or issued.</param>
    public static byte[] Bytes(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>
    /// The hash of a transaction code, salted with the hash of its pre-authorized code: a few digits have little entropy,
    /// and the salt keeps equal codes of different offers from hashing alike.
    /// </summary>
    /// <param name="preAuthorizedCodeHash">The <see cref="Of"/> hash of the offer's pre-authorized code.</param>
    /// <param name="txCode">The transaction code as issued or presented.</param>
    public static string OfTransactionCode(string preAuthorizedCodeHash, string txCode)
    {
        ArgumentNullException.ThrowIfNull(preAuthorizedCodeHash);
        ArgumentNullException.ThrowIfNull(txCode);
        return Of(preAuthorizedCodeHash + ":" + txCode);
    }
}
