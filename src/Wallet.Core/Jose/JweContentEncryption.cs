using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.Jose;

/// <summary>
/// A JWE content encryption algorithm (<c>enc</c>, RFC 7518 §5.3): AES in Galois/Counter Mode. The set is closed:
/// HAIP 1.0 §5 requires Verifiers to support exactly A128GCM and A256GCM for OpenID4VP responses.
/// </summary>
public sealed class JweContentEncryption : IEquatable<JweContentEncryption>
{
    /// <summary>AES-GCM with a 128-bit key.</summary>
    public static readonly JweContentEncryption A128GCM = new("A128GCM", 16);

    /// <summary>AES-GCM with a 256-bit key.</summary>
    public static readonly JweContentEncryption A256GCM = new("A256GCM", 32);

    private JweContentEncryption(string name, int keyLength)
    {
        Name = name;
        KeyLength = keyLength;
    }

    /// <summary>Both algorithms, in the order HAIP 1.0 lists them.</summary>
    public static IReadOnlyList<JweContentEncryption> All { get; } = [A128GCM, A256GCM];

    /// <summary>The <c>enc</c> value.</summary>
    public string Name { get; }

    /// <summary>Length of the content encryption key in bytes.</summary>
    public int KeyLength { get; }

    /// <summary>Length of the initialization vector in bytes (96 bits, RFC 7518 §5.3).</summary>
    public static int IvLength => 12;

    /// <summary>Length of the authentication tag in bytes (128 bits, RFC 7518 §5.3).</summary>
    public static int TagLength => 16;

    /// <summary>Looks up an algorithm by its <c>enc</c> name (case-sensitive).</summary>
    public static bool TryFromName(string? name, [NotNullWhen(true)] out JweContentEncryption? encryption)
    {
        encryption = All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
        return encryption is not null;
    }

    /// <inheritdoc />
    public bool Equals(JweContentEncryption? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as JweContentEncryption);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
