using System.Buffers.Text;
using System.Security.Cryptography;

namespace Wallet.Core.Security;

/// <summary>
/// Unguessable handles — authorization codes, access tokens, nonces, <c>state</c>, <c>jti</c>, salts, transaction and
/// record ids — made in one place, so none of them can be made with a weak generator or too few bits.
/// </summary>
/// <remarks>
/// The bytes come from <see cref="RandomNumberGenerator"/> and are written as base64url without padding (RFC 4648 §5),
/// which is safe in URLs, headers, form fields and JSON without escaping. At least 128 bits: RFC 6749 §10.10 asks that
/// an attacker guess a token with a probability of at most 2^-128, and RFC 9901 §9.3 asks 128 bits for a salt.
/// </remarks>
public static class RandomHandle
{
    /// <summary>The fewest random bytes a handle may have: 16 (128 bits).</summary>
    public const int MinimumBytes = 16;

    /// <summary>The random bytes of a handle unless told otherwise: 32 (256 bits, 43 characters).</summary>
    public const int DefaultBytes = 32;

    // More is allowed, but a handle is not a blob: this keeps the buffer on the stack.
    private const int MaximumBytes = 256;

    /// <summary>A new handle of <paramref name="bytes"/> random bytes, base64url-encoded without padding.</summary>
    /// <param name="bytes">How many random bytes: from <see cref="MinimumBytes"/> (16) to 256.</param>
    /// <returns>The handle: <c>ceil(bytes * 4 / 3)</c> characters of the base64url alphabet.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is below 16 or above 256.</exception>
    public static string Create(int bytes = DefaultBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, MinimumBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, MaximumBytes);
        Span<byte> random = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }
}
