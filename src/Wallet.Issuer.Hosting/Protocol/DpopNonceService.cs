using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Wallet.Core.Jose;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 §8) without state: a nonce is a timestamp and an HMAC over it, accepted while
/// younger than <see cref="IssuerOptions.DpopNonceLifetime"/>. The HMAC key lives in memory, so after a restart clients
/// get one <c>use_dpop_nonce</c> and retry, which is the protocol's normal recovery.
/// </summary>
internal sealed class DpopNonceService
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;

    public DpopNonceService(IOptions<IssuerOptions> options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _lifetime = options.Value.DpopNonceLifetime;
    }

    public string Issue()
    {
        Span<byte> nonce = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _timeProvider.GetUtcNow().ToUnixTimeSeconds());
        HMACSHA256.HashData(_key, nonce[..8])[..16].CopyTo(nonce[8..]);
        return System.Buffers.Text.Base64Url.EncodeToString(nonce);
    }

    public bool IsValid(string nonce)
    {
        Span<byte> bytes = stackalloc byte[24];
        if (nonce.Length != 32 || !System.Buffers.Text.Base64Url.TryDecodeFromChars(nonce, bytes, out var written) || written != 24)
        {
            return false;
        }

        var issued = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (issued > now + 60 || issued < now - (long)_lifetime.TotalSeconds)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, bytes[..8]).AsSpan(0, 16), bytes[8..]);
    }

    public static JwsAlgorithmPolicy Algorithms => JwsAlgorithmPolicy.Default;
}
