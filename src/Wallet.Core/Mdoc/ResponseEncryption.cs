using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;

namespace Wallet.Core.Mdoc;

/// <summary>
/// The <c>jwkThumbprint</c> element of the OpenID4VP handover info (OpenID4VP 1.0 B.2.6.1 and B.2.6.2): either
/// <see cref="None"/> (the response is not encrypted, the element is CBOR <c>null</c>) or the RFC 7638 SHA-256
/// thumbprint of the verifier key the response is encrypted to (a 32-byte CBOR byte string).
/// </summary>
/// <remarks>
/// A separate type rather than a nullable byte buffer: <c>byte[]</c> converts implicitly to
/// <see cref="ReadOnlyMemory{T}"/>, so a null array used to arrive as an empty, non-null thumbprint and was written as
/// an empty byte string where the specification requires <c>null</c>. There is no value here that means "empty".
/// </remarks>
public sealed class ResponseEncryption
{
    /// <summary>Length of an RFC 7638 SHA-256 JWK thumbprint.</summary>
    public const int ThumbprintLength = 32;

    private readonly byte[]? _thumbprint;

    private ResponseEncryption(byte[]? thumbprint) => _thumbprint = thumbprint;

    /// <summary>The response is not encrypted (<c>direct_post</c>, <c>dc_api</c>): <c>jwkThumbprint</c> is CBOR <c>null</c>.</summary>
    public static ResponseEncryption None { get; } = new(null);

    /// <summary>True when the response is encrypted and <see cref="JwkThumbprint"/> is set.</summary>
    public bool IsEncrypted => _thumbprint is not null;

    /// <summary>The 32-byte thumbprint written as the <c>jwkThumbprint</c> byte string.</summary>
    /// <exception cref="InvalidOperationException">The response is not encrypted: see <see cref="IsEncrypted"/>.</exception>
    public ReadOnlyMemory<byte> JwkThumbprint =>
        _thumbprint ?? throw new InvalidOperationException("An unencrypted response has no jwkThumbprint: the handover carries null.");

    /// <summary>The response is encrypted to <paramref name="verifierEncryptionKey"/> (<c>direct_post.jwt</c>, <c>dc_api.jwt</c>).</summary>
    public static ResponseEncryption To(PublicJwk verifierEncryptionKey)
    {
        ArgumentNullException.ThrowIfNull(verifierEncryptionKey);
        return new(verifierEncryptionKey.ComputeThumbprint());
    }

    /// <summary>The response is encrypted to the key whose RFC 7638 SHA-256 thumbprint is <paramref name="jwkThumbprint"/>.</summary>
    /// <exception cref="ArgumentException">The thumbprint is not exactly 32 bytes (an empty one included).</exception>
    public static ResponseEncryption ToThumbprint(ReadOnlySpan<byte> jwkThumbprint)
    {
        if (jwkThumbprint.Length != ThumbprintLength)
        {
            throw new ArgumentException(
                $"A JWK SHA-256 thumbprint (RFC 7638) has {ThumbprintLength} bytes, not {jwkThumbprint.Length}; pass ResponseEncryption.None for an unencrypted response.",
                nameof(jwkThumbprint));
        }

        return new(jwkThumbprint.ToArray());
    }

    /// <summary>
    /// The handover element for an OpenID4VP response mode: <see cref="To"/> the verifier's key for
    /// <c>direct_post.jwt</c>, <see cref="None"/> for <c>direct_post</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The mode is not one of these, or <c>direct_post.jwt</c> comes without a key.</exception>
    public static ResponseEncryption ForResponseMode(string responseMode, PublicJwk? verifierEncryptionKey) => responseMode switch
    {
        ResponseModes.DirectPost => None,
        ResponseModes.DirectPostJwt => To(verifierEncryptionKey ?? throw new ArgumentException("direct_post.jwt needs the verifier's encryption key.", nameof(verifierEncryptionKey))),
        _ => throw new ArgumentException($"No handover rule for the response mode '{responseMode}'.", nameof(responseMode)),
    };

    internal void WriteTo(System.Formats.Cbor.CborWriter writer)
    {
        if (_thumbprint is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteByteString(_thumbprint);
        }
    }
}
