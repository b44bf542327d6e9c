namespace Wallet.Core.Tests.Mutation;

/// <summary>
/// One planned change of a valid artifact. Kept as a small value (the bytes are built on demand) so that the full
/// plan of a surface, hundreds of thousands of changes, fits in memory.
/// </summary>
/// <param name="Family">What kind of change (see <see cref="MutationFamilies"/>).</param>
/// <param name="Offset">Where in the artifact (the first byte of the base64url run or inner JSON for the UTF-8 families).</param>
/// <param name="Argument">The family's parameter: the operation, the new character, or the offset inside the decoded JSON.</param>
/// <param name="Variant">For the UTF-8 families: which invalid sequence; otherwise 0.</param>
internal readonly record struct Mutation(string Family, int Offset, int Argument, int Variant)
{
    public override string ToString() => Family switch
    {
        MutationFamilies.Byte => $"byte {MutationFamilies.ByteOperations[Argument]} at {Offset}",
        MutationFamilies.Base64UrlCharacter => $"base64url character at {Offset} → '{(char)Argument}'",
        MutationFamilies.InvalidUtf8 => $"{MutationFamilies.InvalidUtf8Sequences[Variant].Name} in the JSON string at {Argument} of the part at {Offset}",
        _ => $"{MutationFamilies.InvalidUtf8Sequences[Variant].Name} in the JSON string at {Argument} of sealed part {Offset}",
    };
}
