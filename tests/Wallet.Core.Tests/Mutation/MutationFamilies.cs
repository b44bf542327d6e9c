using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Wallet.Core.Tests.Mutation;

/// <summary>
/// The changes the corpus makes: every single-byte change, every in-alphabet substitution of each base64url
/// character, and invalid UTF-8 placed at the start of each JSON string (member names included), both where the
/// JSON travels as is or base64url-encoded and, for artifacts the test can seal again, re-signed or re-encrypted
/// so that the change reaches the checks behind the signature.
/// </summary>
internal static class MutationFamilies
{
    public const string Byte = "byte";
    public const string Base64UrlCharacter = "base64url";
    public const string InvalidUtf8 = "utf8";
    public const string InvalidUtf8Sealed = "utf8-sealed";

    public static readonly string[] ByteOperations = ["xor 0x01", "xor 0x80", "xor 0xff", "delete", "duplicate"];

    /// <summary>
    /// Raw 0xFF (never valid in UTF-8), the overlong NUL C0 80, a lone low surrogate escaped (RFC 8259 §8.2: its
    /// meaning is unpredictable) and the same surrogate raw, ED B0 80 (excluded by RFC 3629 §3).
    /// </summary>
    public static readonly (string Name, byte[] Bytes)[] InvalidUtf8Sequences =
    [
        ("raw 0xff", [0xFF]),
        ("overlong C0 80", [0xC0, 0x80]),
        ("escaped \\udc00", "\\udc00"u8.ToArray()),
        ("raw ED B0 80", [0xED, 0xB0, 0x80]),
    ];

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static IEnumerable<Mutation> Plan(MutationSurface surface)
    {
        var valid = surface.Valid;
        for (var offset = 0; offset < valid.Length; offset++)
        {
            for (var operation = 0; operation < ByteOperations.Length; operation++)
            {
                yield return new Mutation(Byte, offset, operation, 0);
            }
        }

        if (surface.Shape == SurfaceShape.Compact)
        {
            foreach (var (start, length) in Base64UrlRuns(valid))
            {
                for (var offset = start; offset < start + length; offset++)
                {
                    foreach (var character in Alphabet)
                    {
                        if (character != valid[offset])
                        {
                            yield return new Mutation(Base64UrlCharacter, offset, character, 0);
                        }
                    }
                }
            }

            foreach (var (start, length) in Base64UrlRuns(valid))
            {
                if (Base64Url.IsValid(valid.AsSpan(start, length)) && TryDecodeJson(valid.AsSpan(start, length), out var json))
                {
                    foreach (var mutation in InvalidUtf8In(json, InvalidUtf8, start))
                    {
                        yield return mutation;
                    }
                }
            }
        }
        else if (surface.Shape == SurfaceShape.Json)
        {
            foreach (var mutation in InvalidUtf8In(valid, InvalidUtf8, -1))
            {
                yield return mutation;
            }
        }

        for (var part = 0; part < surface.Sealed.Count; part++)
        {
            foreach (var mutation in InvalidUtf8In(surface.Sealed[part].Json, InvalidUtf8Sealed, part))
            {
                yield return mutation;
            }
        }
    }

    public static byte[] Apply(MutationSurface surface, Mutation mutation)
    {
        var valid = surface.Valid;
        switch (mutation.Family)
        {
            case Byte:
                return mutation.Argument switch
                {
                    0 => Xor(valid, mutation.Offset, 0x01),
                    1 => Xor(valid, mutation.Offset, 0x80),
                    2 => Xor(valid, mutation.Offset, 0xFF),
                    3 => [.. valid.AsSpan(0, mutation.Offset), .. valid.AsSpan(mutation.Offset + 1)],
                    _ => [.. valid.AsSpan(0, mutation.Offset + 1), .. valid.AsSpan(mutation.Offset)],
                };
            case Base64UrlCharacter:
                var substituted = (byte[])valid.Clone();
                substituted[mutation.Offset] = (byte)mutation.Argument;
                return substituted;
            case InvalidUtf8 when mutation.Offset < 0:
                return Insert(valid, mutation.Argument, InvalidUtf8Sequences[mutation.Variant].Bytes);
            case InvalidUtf8:
                var run = Base64UrlRuns(valid).Single(r => r.Start == mutation.Offset);
                TryDecodeJson(valid.AsSpan(run.Start, run.Length), out var json);
                var encoded = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Insert(json, mutation.Argument, InvalidUtf8Sequences[mutation.Variant].Bytes)));
                return [.. valid.AsSpan(0, run.Start), .. encoded, .. valid.AsSpan(run.Start + run.Length)];
            default:
                var part = surface.Sealed[mutation.Offset];
                return part.Seal(Insert(part.Json, mutation.Argument, InvalidUtf8Sequences[mutation.Variant].Bytes));
        }
    }

    /// <summary>Maximal runs of base64url characters: the segments of a JWS, JWE or SD-JWT between '.' and '~'.</summary>
    public static IEnumerable<(int Start, int Length)> Base64UrlRuns(byte[] text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inAlphabet = i < text.Length && Alphabet.Contains((char)text[i], StringComparison.Ordinal);
            if (inAlphabet && start < 0)
            {
                start = i;
            }
            else if (!inAlphabet && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }

    /// <summary>The offset just after the opening quote of every string token (member names too).</summary>
    public static IEnumerable<int> StringContentOffsets(byte[] json)
    {
        var offsets = new List<int>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                offsets.Add((int)reader.TokenStartIndex + 1);
            }
        }

        return offsets;
    }

    private static IEnumerable<Mutation> InvalidUtf8In(byte[] json, string family, int part)
    {
        foreach (var offset in StringContentOffsets(json))
        {
            for (var variant = 0; variant < InvalidUtf8Sequences.Length; variant++)
            {
                yield return new Mutation(family, part, offset, variant);
            }
        }
    }

    private static bool TryDecodeJson(ReadOnlySpan<byte> base64Url, out byte[] json)
    {
        json = Base64Url.DecodeFromUtf8(base64Url);
        if (json.Length == 0 || (json[0] != (byte)'{' && json[0] != (byte)'['))
        {
            return false;
        }

        try
        {
            using var _ = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] Xor(byte[] valid, int offset, byte mask)
    {
        var changed = (byte[])valid.Clone();
        changed[offset] ^= mask;
        return changed;
    }

    private static byte[] Insert(byte[] bytes, int offset, byte[] inserted) =>
        [.. bytes.AsSpan(0, offset), .. inserted, .. bytes.AsSpan(offset)];
}
