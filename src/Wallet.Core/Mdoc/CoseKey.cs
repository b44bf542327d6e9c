using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Security.Cryptography;
using Wallet.Core.Jose;

namespace Wallet.Core.Mdoc;

/// <summary>
/// An elliptic-curve public key as a COSE_Key (RFC 9052 §7, RFC 9053 §7.1.1): <c>kty</c> 2 (EC2),
/// <c>crv</c> 1/2/3 (P-256/P-384/P-521), <c>x</c> (-2) and <c>y</c> (-3) as byte strings. This is the
/// form of the holder's device key in the MSO (<c>deviceKeyInfo.deviceKey</c>).
/// </summary>
public sealed class CoseKey
{
    private const int KeyTypeLabel = 1;
    private const int CurveLabel = -1;
    private const int XLabel = -2;
    private const int YLabel = -3;
    private const int Ec2KeyType = 2;

    private CoseKey(PublicJwk jwk, ReadOnlyMemory<byte> encoded)
    {
        Jwk = jwk;
        Encoded = encoded.IsEmpty ? Encode(jwk) : encoded;
    }

    /// <summary>The same key as a JWK.</summary>
    public PublicJwk Jwk { get; }

    /// <summary>The signature algorithm implied by the curve (ES256 for P-256, …).</summary>
    public JwsAlgorithm Algorithm => Jwk.Algorithm;

    /// <summary>The received encoding of a parsed key, or the deterministic encoding of a constructed one.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>Creates a COSE_Key from a JWK.</summary>
    public static CoseKey FromJwk(PublicJwk jwk) => new(jwk ?? throw new ArgumentNullException(nameof(jwk)), default);

    /// <summary>Creates a COSE_Key from the public part of an ECDSA key.</summary>
    public static CoseKey FromECDsa(ECDsa key) => FromJwk(PublicJwk.FromECDsa(key));

    /// <summary>Parses an EC2 COSE_Key; the point must lie on its curve.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> encoded, [NotNullWhen(true)] out CoseKey? key, [NotNullWhen(false)] out VerificationError? error, MdocLimits? limits = null)
    {
        var bounds = limits ?? MdocLimits.Default;
        return Cbor.TryRun(
            () =>
            {
                Cbor.Check(encoded, bounds, "The COSE_Key");
                return Read(encoded);
            },
            out key,
            out error);
    }

    /// <summary>Reads a COSE_Key already checked by the input walk; failures carry <see cref="MdocErrorCodes.DeviceKeyInvalid"/>.</summary>
    internal static CoseKey Read(ReadOnlyMemory<byte> encoded)
    {
        var entries = new Dictionary<long, ReadOnlyMemory<byte>>();
        try
        {
            foreach (var (rawKey, value) in Cbor.ReadMap(encoded, "The COSE_Key"))
            {
                var reader = Cbor.Reader(rawKey);
                if (reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger)
                {
                    entries[reader.ReadInt64()] = value;
                }
            }
        }
        catch (MdocFormatException e)
        {
            throw Invalid(e.Error.Message);
        }

        if (!entries.TryGetValue(KeyTypeLabel, out var kty) || !IsInteger(kty, Ec2KeyType))
        {
            throw Invalid("'kty' (1) must be 2 (EC2)");
        }

        JwsAlgorithm? algorithm = null;
        if (!entries.TryGetValue(CurveLabel, out var crv)
            || (algorithm = IsInteger(crv, 1) ? JwsAlgorithm.ES256 : IsInteger(crv, 2) ? JwsAlgorithm.ES384 : IsInteger(crv, 3) ? JwsAlgorithm.ES512 : null) is null)
        {
            throw Invalid("'crv' (-1) must be 1 (P-256), 2 (P-384) or 3 (P-521)");
        }

        var x = Coordinate(entries, XLabel, "x", algorithm.CoordinateSize);
        var y = Coordinate(entries, YLabel, "y", algorithm.CoordinateSize);
        return PublicJwk.TryFromCoordinates(algorithm, x, y, keyId: null, out var jwk, out var jwkError)
            ? new CoseKey(jwk, encoded)
            : throw Invalid(jwkError.Message);
    }

    /// <summary>Creates a new <see cref="ECDsa"/> holding this public key. The caller disposes it.</summary>
    public ECDsa ToECDsa() => Jwk.ToECDsa();

    /// <summary>True when both keys are the same public key.</summary>
    public bool HasSameKey(CoseKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Jwk.HasSameKey(other.Jwk);
    }

    private static byte[] Coordinate(Dictionary<long, ReadOnlyMemory<byte>> entries, long label, string name, int size)
    {
        if (!entries.TryGetValue(label, out var raw) || Cbor.Reader(raw).PeekState() != CborReaderState.ByteString)
        {
            throw Invalid($"'{name}' ({label}) must be a byte string");
        }

        var value = Cbor.ReadBytes(raw, name);
        return value.Length == size ? value : throw Invalid($"'{name}' ({label}) must be {size} bytes");
    }

    private static bool IsInteger(ReadOnlyMemory<byte> raw, long expected)
    {
        var reader = Cbor.Reader(raw);
        return reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger && reader.ReadInt64() == expected;
    }

    private static byte[] Encode(PublicJwk jwk)
    {
        var crv = jwk.Algorithm.CoseAlgorithm switch
        {
            -7 => 1,
            -35 => 2,
            _ => 3,
        };
        var writer = Cbor.Writer();

        // Labels 1, -1, -2, -3 are already in bytewise order of their encodings (0x01, 0x20, 0x21, 0x22).
        writer.WriteStartMap(4);
        writer.WriteInt32(KeyTypeLabel);
        writer.WriteInt32(Ec2KeyType);
        writer.WriteInt32(CurveLabel);
        writer.WriteInt32(crv);
        writer.WriteInt32(XLabel);
        writer.WriteByteString(jwk.X.Span);
        writer.WriteInt32(YLabel);
        writer.WriteByteString(jwk.Y.Span);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static MdocFormatException Invalid(string reason) => new(MdocErrorCodes.DeviceKeyInvalid, $"The COSE_Key is invalid: {reason.TrimEnd('.')}.");
}
