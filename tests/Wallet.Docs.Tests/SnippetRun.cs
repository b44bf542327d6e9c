namespace Wallet.Docs.Tests;

/// <summary>What a README program did: its exit code (null when it threw or did not end), what it printed, and what it threw.</summary>
public sealed record SnippetRun(int? ExitCode, string Output, string Error, Exception? Exception, bool TimedOut)
{
    /// <summary>The printed lines, without line-ending differences and the final empty line.</summary>
    public IReadOnlyList<string> OutputLines =>
        Output.Length == 0 ? [] : Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
