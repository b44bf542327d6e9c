using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Wallet.Core.Jose;

/// <summary>
/// The single-step key derivation function of NIST SP 800-56A §5.8.1 with SHA-256, parameterised as JWA does for
/// ECDH-ES (RFC 7518 §4.6.2): each <c>OtherInfo</c> field is prefixed with its 32-bit big-endian length.
/// </summary>
internal static class ConcatKdf
{
    private const int HashLength = 32;

    /// <summary>Derives <paramref name="keyLength"/> bytes from the shared secret <paramref name="z"/>.</summary>
    /// <param name="z">The raw ECDH shared secret (the x coordinate of the shared point).</param>
    /// <param name="algorithmId">For direct ECDH-ES, the <c>enc</c> value; for key wrapping, the <c>alg</c> value.</param>
    /// <param name="partyUInfo">The decoded <c>apu</c>; empty when absent.</param>
    /// <param name="partyVInfo">The decoded <c>apv</c>; empty when absent.</param>
    /// <param name="keyLength">Length of the derived key in bytes.</param>
    public static byte[] DeriveKey(ReadOnlySpan<byte> z, string algorithmId, ReadOnlySpan<byte> partyUInfo, ReadOnlySpan<byte> partyVInfo, int keyLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(algorithmId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keyLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keyLength, 1024);
        var algorithm = Encoding.ASCII.GetBytes(algorithmId);

        // Counter ‖ Z ‖ AlgorithmID ‖ PartyUInfo ‖ PartyVInfo ‖ SuppPubInfo (key length in bits); SuppPrivInfo is empty.
        var input = new byte[4 + z.Length + 4 + algorithm.Length + 4 + partyUInfo.Length + 4 + partyVInfo.Length + 4];
        var offset = 4;
        z.CopyTo(input.AsSpan(offset));
        offset += z.Length;
        offset = WriteLengthPrefixed(input, offset, algorithm);
        offset = WriteLengthPrefixed(input, offset, partyUInfo);
        offset = WriteLengthPrefixed(input, offset, partyVInfo);
        BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(offset), keyLength * 8);

        var output = new byte[keyLength];
        var round = new byte[HashLength];
        try
        {
            for (int counter = 1, written = 0; written < keyLength; counter++, written += HashLength)
            {
                BinaryPrimitives.WriteInt32BigEndian(input, counter);
                SHA256.HashData(input, round);
                round.AsSpan(0, Math.Min(HashLength, keyLength - written)).CopyTo(output.AsSpan(written));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
            CryptographicOperations.ZeroMemory(round);
        }

        return output;
    }

    private static int WriteLengthPrefixed(byte[] buffer, int offset, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(offset), value.Length);
        value.CopyTo(buffer.AsSpan(offset + 4));
        return offset + 4 + value.Length;
    }
}
