using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Wallet.Core.Mdoc;

/// <summary>
/// The SessionTranscript both holder and verifier bind device authentication to
/// (ISO/IEC 18013-5 9.1.5.1): <c>[DeviceEngagementBytes, EReaderKeyBytes, Handover]</c>. OpenID4VP 1.0
/// Appendix B.2.6 sets the first two to null and defines the handover from the request parameters.
/// <see cref="Encoded"/> is the array itself; <see cref="ToSessionTranscriptBytes"/> wraps it in tag 24.
/// </summary>
public sealed class SessionTranscript
{
    private SessionTranscript(ReadOnlyMemory<byte> encoded) => Encoded = encoded;

    /// <summary>The encoded SessionTranscript array.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>
    /// SessionTranscript for OpenID4VP redirect flows (OpenID4VP 1.0 B.2.6.1):
    /// <c>[null, null, ["OpenID4VPHandover", SHA-256(CBOR([client_id, nonce, jwkThumbprint, response_uri]))]]</c>.
    /// </summary>
    /// <param name="clientId">The full <c>client_id</c>, including its prefix (e.g. <c>x509_san_dns:</c>).</param>
    /// <param name="nonce">The request <c>nonce</c>.</param>
    /// <param name="encryption">
    /// <see cref="ResponseEncryption.None"/> for <c>direct_post</c> (the thumbprint is CBOR null), or the verifier key the
    /// response is encrypted to for <c>direct_post.jwt</c>; <see cref="ResponseEncryption.ForResponseMode"/> picks it.
    /// </param>
    /// <param name="responseUri">The <c>response_uri</c> or <c>redirect_uri</c>, whichever the response mode uses.</param>
    public static SessionTranscript ForOpenId4VpRedirect(string clientId, string nonce, ResponseEncryption encryption, string responseUri)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encryption);
        ArgumentNullException.ThrowIfNull(responseUri);
        var info = Cbor.Writer();
        info.WriteStartArray(4);
        info.WriteTextString(clientId);
        info.WriteTextString(nonce);
        encryption.WriteTo(info);
        info.WriteTextString(responseUri);
        info.WriteEndArray();
        return WithHandover("OpenID4VPHandover", info.Encode());
    }

    /// <summary>
    /// SessionTranscript for the Digital Credentials API (OpenID4VP 1.0 B.2.6.2):
    /// <c>[null, null, ["OpenID4VPDCAPIHandover", SHA-256(CBOR([origin, nonce, jwkThumbprint]))]]</c>.
    /// </summary>
    /// <param name="origin">The web origin, without the <c>origin:</c> prefix used in <c>client_id</c>.</param>
    /// <param name="nonce">The request <c>nonce</c>.</param>
    /// <param name="encryption">The verifier key the response is encrypted to for <c>dc_api.jwt</c>; <see cref="ResponseEncryption.None"/> for <c>dc_api</c>.</param>
    public static SessionTranscript ForOpenId4VpDcApi(string origin, string nonce, ResponseEncryption encryption)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encryption);
        if (origin.StartsWith("origin:", StringComparison.Ordinal))
        {
            throw new ArgumentException("Pass the bare origin: OpenID4VP B.2.6.2 uses it without the 'origin:' client_id prefix.", nameof(origin));
        }

        var info = Cbor.Writer();
        info.WriteStartArray(3);
        info.WriteTextString(origin);
        info.WriteTextString(nonce);
        encryption.WriteTo(info);
        info.WriteEndArray();
        return WithHandover("OpenID4VPDCAPIHandover", info.Encode());
    }

    /// <summary>
    /// SessionTranscript for ISO/IEC 18013-5 proximity presentation, from the three encoded items exactly as
    /// they appear in the array: <c>DeviceEngagementBytes</c> and <c>EReaderKeyBytes</c> (both tag-24
    /// wrapped) and the <c>Handover</c> (for example the NFC handover array, or null for QR).
    /// </summary>
    public static SessionTranscript FromProximity(ReadOnlyMemory<byte> deviceEngagementBytes, ReadOnlyMemory<byte> eReaderKeyBytes, ReadOnlyMemory<byte> handover)
    {
        RequireItem(deviceEngagementBytes, nameof(deviceEngagementBytes));
        RequireItem(eReaderKeyBytes, nameof(eReaderKeyBytes));
        RequireItem(handover, nameof(handover));
        var writer = Cbor.Writer();
        writer.WriteStartArray(3);
        writer.WriteEncodedValue(deviceEngagementBytes.Span);
        writer.WriteEncodedValue(eReaderKeyBytes.Span);
        writer.WriteEncodedValue(handover.Span);
        writer.WriteEndArray();
        return new SessionTranscript(writer.Encode());
    }

    /// <summary>Parses an encoded SessionTranscript array (not tag-24 wrapped); it must have three elements.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> encoded, [NotNullWhen(true)] out SessionTranscript? transcript, [NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        return Cbor.TryRun(
            () =>
            {
                Cbor.Check(encoded, bounds, "The SessionTranscript");
                return Cbor.ReadArray(encoded, "The SessionTranscript").Count == 3
                    ? new SessionTranscript(encoded)
                    : throw Cbor.Malformed("The SessionTranscript is not a three-element array");
            },
            out transcript,
            out error);
    }

    /// <summary>Parses <c>SessionTranscriptBytes = #6.24(bstr .cbor SessionTranscript)</c>.</summary>
    public static bool TryParseSessionTranscriptBytes(ReadOnlyMemory<byte> sessionTranscriptBytes, [NotNullWhen(true)] out SessionTranscript? transcript, [NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        transcript = null;
        if (!Cbor.TryRun(
            () =>
            {
                Cbor.Check(sessionTranscriptBytes, bounds, "The SessionTranscriptBytes");
                return Cbor.ReadEmbedded(sessionTranscriptBytes, bounds, "The SessionTranscriptBytes");
            },
            out var content,
            out error))
        {
            return false;
        }

        return TryParse(content, out transcript, out error, bounds);
    }

    /// <summary><c>SessionTranscriptBytes = #6.24(bstr .cbor SessionTranscript)</c>, the input to the session key derivations.</summary>
    public byte[] ToSessionTranscriptBytes() => Cbor.WrapEmbedded(Encoded.Span);

    private static SessionTranscript WithHandover(string name, byte[] handoverInfo)
    {
        var writer = Cbor.Writer();
        writer.WriteStartArray(3);
        writer.WriteNull();
        writer.WriteNull();
        writer.WriteStartArray(2);
        writer.WriteTextString(name);
        writer.WriteByteString(SHA256.HashData(handoverInfo));
        writer.WriteEndArray();
        writer.WriteEndArray();
        return new SessionTranscript(writer.Encode());
    }

    private static void RequireItem(ReadOnlyMemory<byte> item, string name)
    {
        if (!CborValue.TryDecode(item, out _, out var error))
        {
            throw new ArgumentException($"Not one well-formed CBOR item: {error.Message}", name);
        }
    }
}
