using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Wallet.Core.Jose;

/// <summary>
/// An asymmetric JWS algorithm this library can sign and verify with (RFC 7518 §3.4).
/// </summary>
/// <remarks>
/// The set is closed on purpose: <c>none</c> and every HMAC algorithm can never be represented, so
/// algorithm-confusion attacks (RFC 8725 §2.1) cannot reach a verifier through this type. EdDSA is
/// absent because the .NET base class library has no Ed25519 implementation.
/// </remarks>
public sealed class JwsAlgorithm : IEquatable<JwsAlgorithm>
{
    /// <summary>ECDSA with P-256 and SHA-256. Mandatory in HAIP 1.0.</summary>
    public static readonly JwsAlgorithm ES256 = new("ES256", ECCurve.NamedCurves.nistP256, "P-256", HashAlgorithmName.SHA256, 32, -7);

    /// <summary>ECDSA with P-384 and SHA-384.</summary>
    public static readonly JwsAlgorithm ES384 = new("ES384", ECCurve.NamedCurves.nistP384, "P-384", HashAlgorithmName.SHA384, 48, -35);

    /// <summary>ECDSA with P-521 and SHA-512.</summary>
    public static readonly JwsAlgorithm ES512 = new("ES512", ECCurve.NamedCurves.nistP521, "P-521", HashAlgorithmName.SHA512, 66, -36);

    private JwsAlgorithm(string name, ECCurve curve, string curveName, HashAlgorithmName hash, int coordinateSize, int coseAlgorithm)
    {
        Name = name;
        Curve = curve;
        CurveName = curveName;
        HashAlgorithm = hash;
        CoordinateSize = coordinateSize;
        CoseAlgorithm = coseAlgorithm;
    }

    /// <summary>All algorithms the library implements.</summary>
    public static IReadOnlyList<JwsAlgorithm> All { get; } = [ES256, ES384, ES512];

    /// <summary>The JOSE <c>alg</c> value, for example <c>ES256</c>.</summary>
    public string Name { get; }

    /// <summary>The elliptic curve the key must be on.</summary>
    public ECCurve Curve { get; }

    /// <summary>The JWK <c>crv</c> value of the curve (RFC 7518 §6.2.1.1).</summary>
    public string CurveName { get; }

    /// <summary>The hash function used by the signature.</summary>
    public HashAlgorithmName HashAlgorithm { get; }

    /// <summary>Length in bytes of one curve coordinate, and so of each half of the signature.</summary>
    public int CoordinateSize { get; }

    /// <summary>The COSE algorithm identifier (RFC 9053 §2.1).</summary>
    public int CoseAlgorithm { get; }

    /// <summary>Looks up an algorithm by its JOSE name (case-sensitive, RFC 7515 §4.1.1).</summary>
    public static bool TryFromName(string? name, [NotNullWhen(true)] out JwsAlgorithm? algorithm)
    {
        algorithm = All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
        return algorithm is not null;
    }

    /// <summary>Looks up the algorithm whose curve has the given JWK <c>crv</c> name.</summary>
    public static bool TryFromCurveName(string? curveName, [NotNullWhen(true)] out JwsAlgorithm? algorithm)
    {
        algorithm = All.FirstOrDefault(a => string.Equals(a.CurveName, curveName, StringComparison.Ordinal));
        return algorithm is not null;
    }

    /// <summary>Looks up an algorithm by its COSE identifier.</summary>
    public static bool TryFromCose(int coseAlgorithm, [NotNullWhen(true)] out JwsAlgorithm? algorithm)
    {
        algorithm = All.FirstOrDefault(a => a.CoseAlgorithm == coseAlgorithm);
        return algorithm is not null;
    }

    /// <inheritdoc />
    public bool Equals(JwsAlgorithm? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as JwsAlgorithm);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
