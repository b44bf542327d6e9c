namespace Wallet.Core.Tests.Mutation;

/// <summary>
/// One input of one parser or verifier, seeded with a valid artifact: the bytes to change, how to feed them, and
/// which accepted changes are argued to be harmless.
/// </summary>
internal sealed class MutationSurface
{
    /// <summary>Kind and part, e.g. "DPoP proof".</summary>
    public required string Name { get; init; }

    /// <summary>The valid artifact as it travels.</summary>
    public required byte[] Valid { get; init; }

    public required SurfaceShape Shape { get; init; }

    /// <summary>Feeds one input to the parser or verifier. Must not catch exceptions: the corpus counts them.</summary>
    public required Func<byte[], Verdict> Evaluate { get; init; }

    /// <summary>Inner JSON documents the test can change and seal again.</summary>
    public IReadOnlyList<SealedJson> Sealed { get; init; } = [];

    /// <summary>
    /// For an accepted change: why it is harmless by design, or null when it is not. Unset means no accepted change
    /// is harmless.
    /// </summary>
    public Func<Mutation, byte[], Verdict, string?> ByDesign { get; init; } = (_, _, _) => null;

    public override string ToString() => Name;
}
