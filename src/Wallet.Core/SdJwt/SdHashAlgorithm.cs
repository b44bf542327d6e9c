using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Wallet.Core.Jose;

namespace Wallet.Core.SdJwt;

/// <summary>
/// A hash function for Disclosure digests and <c>sd_hash</c>, named as in the IANA Named Information Hash
/// Algorithm Registry (RFC 9901 §4.1.1). Truncated variants are not offered (RFC 9901 §9.4).
/// </summary>
public sealed class SdHashAlgorithm
{
    /// <summary><c>sha-256</c>: the default when <c>_sd_alg</c> is absent, and mandatory to support.</summary>
    public static readonly SdHashAlgorithm Sha256 = new("sha-256", HashAlgorithmName.SHA256);

    /// <summary><c>sha-384</c>.</summary>
    public static readonly SdHashAlgorithm Sha384 = new("sha-384", HashAlgorithmName.SHA384);

    /// <summary><c>sha-512</c>.</summary>
    public static readonly SdHashAlgorithm Sha512 = new("sha-512", HashAlgorithmName.SHA512);

    private SdHashAlgorithm(string name, HashAlgorithmName hashAlgorithm)
    {
        Name = name;
        HashAlgorithm = hashAlgorithm;
    }

    /// <summary>All supported hash algorithms.</summary>
    public static IReadOnlyList<SdHashAlgorithm> All { get; } = [Sha256, Sha384, Sha512];

    /// <summary>The <c>_sd_alg</c> value.</summary>
    public string Name { get; }

    /// <summary>The .NET hash algorithm.</summary>
    public HashAlgorithmName HashAlgorithm { get; }

    /// <summary>Looks up a hash by its case-sensitive registry name.</summary>
    public static bool TryFromName(string? name, [NotNullWhen(true)] out SdHashAlgorithm? algorithm)
    {
        algorithm = All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
        return algorithm is not null;
    }

    /// <summary>
    /// base64url(H(ASCII(<paramref name="text"/>))): the digest of a Disclosure over its encoded form
    /// (RFC 9901 §4.2.3), and <c>sd_hash</c> over the presented SD-JWT (§4.3.1).
    /// </summary>
    public string ComputeDigest(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ComputeDigest(text.AsSpan());
    }

    /// <summary>As <see cref="ComputeDigest(string)"/>, over characters still inside a larger string.</summary>
    internal string ComputeDigest(ReadOnlySpan<char> text)
    {
        var length = Encoding.ASCII.GetByteCount(text);
        var buffer = length <= 8192 ? stackalloc byte[length] : new byte[length];
        Encoding.ASCII.GetBytes(text, buffer);
        // The static one-shot methods skip the provider lookup of the HashAlgorithmName overload (several times faster).
        Span<byte> hash = stackalloc byte[64];
        var written = Name switch
        {
            "sha-256" => SHA256.HashData(buffer, hash),
            "sha-384" => SHA384.HashData(buffer, hash),
            _ => SHA512.HashData(buffer, hash),
        };
        return Base64UrlStrict.Encode(hash[..written]);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
