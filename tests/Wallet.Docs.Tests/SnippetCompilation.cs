namespace Wallet.Docs.Tests;

/// <summary>The outcome of compiling a README block: the assembly when it compiled, else its errors (each with README and line).</summary>
public sealed record SnippetCompilation(bool IsProgram, byte[]? Assembly, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the block compiled without an error or a warning.</summary>
    public bool Succeeded => Assembly is not null && Errors.Count == 0;
}
