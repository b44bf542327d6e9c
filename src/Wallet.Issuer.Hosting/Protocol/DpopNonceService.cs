using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Wallet.Core.Jose;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 §8) without state: a nonce is a timestamp protected with ASP.NET Core data
/// protection, accepted while younger than <see cref="IssuerOptions.DpopNonceLifetime"/>. The key ring is the issuer's
/// (kept in its database), so a nonce issued by one instance is accepted by every other instance on that database.
/// </summary>
internal sealed class DpopNonceService
{
    // A protected 8-byte payload is 84 bytes (magic, key id, IV, one AES block, HMAC-SHA256): 112 base64url characters.
    private const int MaxNonceLength = 200;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;

    public DpopNonceService(IOptions<IssuerOptions> options, TimeProvider timeProvider, IDataProtectionProvider dataProtection)
    {
        _protector = dataProtection.CreateProtector("Wallet.Issuer.DpopNonce.v1");
        _timeProvider = timeProvider;
        _lifetime = options.Value.DpopNonceLifetime;
    }

    public string Issue()
    {
        var issued = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(issued, _timeProvider.GetUtcNow().ToUnixTimeSeconds());
        return System.Buffers.Text.Base64Url.EncodeToString(_protector.Protect(issued));
    }

    public bool IsValid(string nonce)
    {
        if (nonce.Length > MaxNonceLength || !System.Buffers.Text.Base64Url.IsValid(nonce))
        {
            return false;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(System.Buffers.Text.Base64Url.DecodeFromChars(nonce));
        }
        catch (CryptographicException)
        {
            // Not ours, altered, or protected with a key this key ring does not hold.
            return false;
        }

        if (payload.Length != 8)
        {
            return false;
        }

        var issued = BinaryPrimitives.ReadInt64BigEndian(payload);
        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        return issued <= now + 60 && issued >= now - (long)_lifetime.TotalSeconds;
    }

    public static JwsAlgorithmPolicy Algorithms => JwsAlgorithmPolicy.Default;
}
