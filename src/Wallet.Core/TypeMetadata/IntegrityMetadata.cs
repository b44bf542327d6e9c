using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Wallet.Core.TypeMetadata;

/// <summary>
/// A W3C Subresource Integrity "integrity metadata" string (SRI §3.1) as used by <c>vct#integrity</c> and
/// <c>extends#integrity</c> (draft-ietf-oauth-sd-jwt-vc-18 §5): whitespace-separated hash expressions
/// <c>alg-base64digest[?options]</c>. SHA-256, SHA-384 and SHA-512 are supported; expressions with other algorithms
/// are skipped, as SRI §3.3.3 says.
/// </summary>
public sealed class IntegrityMetadata
{
    private const int MaxLength = 4096;
    private readonly IReadOnlyList<(string Algorithm, byte[] Digest)> _expressions;

    private IntegrityMetadata(string value, IReadOnlyList<(string Algorithm, byte[] Digest)> expressions)
    {
        Value = value;
        _expressions = expressions;
    }

    /// <summary>The string exactly as received.</summary>
    public string Value { get; }

    /// <summary>
    /// Parses an integrity metadata string. Fails when it is malformed or names no supported algorithm: §5 rejects a
    /// document whose integrity uses only unsupported algorithms, so such a value can never verify anything.
    /// </summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out IntegrityMetadata? integrity, [NotNullWhen(false)] out VerificationError? error)
    {
        integrity = null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            error = Invalid("it is empty or longer than " + MaxLength + " characters");
            return false;
        }

        var expressions = new List<(string, byte[])>();
        foreach (var token in value.Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = token.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0)
            {
                error = Invalid($"'{Shorten(token)}' is not a hash expression 'alg-digest'");
                return false;
            }

            var algorithm = token[..dash];
            var rest = token[(dash + 1)..];
            var question = rest.IndexOf('?', StringComparison.Ordinal);
            var encoded = question < 0 ? rest : rest[..question];
            if (DigestLength(algorithm) is not { } length)
            {
                continue;
            }

            var digest = new byte[length];
            if (!Convert.TryFromBase64String(encoded, digest, out var written) || written != length || encoded.Length != ((length + 2) / 3) * 4)
            {
                error = Invalid($"the {algorithm} digest is not the standard base64 of {length} bytes");
                return false;
            }

            expressions.Add((algorithm, digest));
        }

        if (expressions.Count == 0)
        {
            error = Invalid("it names none of the supported algorithms sha256, sha384, sha512");
            return false;
        }

        integrity = new IntegrityMetadata(value, expressions);
        error = null;
        return true;
    }

    /// <summary>The integrity string <c>sha256-…</c> of <paramref name="document"/>, for an Issuer to put in <c>vct#integrity</c>.</summary>
    public static string Sha256Of(ReadOnlySpan<byte> document) => "sha256-" + Convert.ToBase64String(SHA256.HashData(document));

    /// <summary>
    /// True when the digest of <paramref name="document"/> under the strongest algorithm present matches one of that
    /// algorithm's expressions (§5), compared in constant time.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> document)
    {
        var strongest = _expressions.Select(e => e.Algorithm).MaxBy(a => DigestLength(a))!;
        var computed = Hash(strongest, document);
        var match = false;
        foreach (var (algorithm, digest) in _expressions)
        {
            if (algorithm == strongest)
            {
                match |= CryptographicOperations.FixedTimeEquals(computed, digest);
            }
        }

        return match;
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static int? DigestLength(string algorithm) => algorithm switch
    {
        "sha256" => 32,
        "sha384" => 48,
        "sha512" => 64,
        _ => null,
    };

    private static byte[] Hash(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        "sha256" => SHA256.HashData(data),
        "sha384" => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    private static string Shorten(string token) => token.Length <= 20 ? token : token[..20] + "…";

    private static VerificationError Invalid(string reason) =>
        new(TypeMetadataErrorCodes.IntegrityInvalid, $"The integrity value is not W3C SRI integrity metadata (draft-ietf-oauth-sd-jwt-vc-18 §5): {reason}.");
}
