namespace Wallet.Docs.Tests;

/// <summary>
/// What the documentation promises of a block: its info string is understood, it compiles without a warning, and unless
/// marked <c>no-run</c> it is a program that ends within <see cref="Timeout"/> with exit code 0, printing
/// what its <c>// Output:</c> comment says when it has one.
/// </summary>
public static class ReadmeCodeBlockCheck
{
    /// <summary>How long a program may run: the README programs take well under a second.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks <paramref name="block"/>; each failure names the block's README and line.</summary>
    public static ReadmeCodeBlockOutcome Check(ReadmeCodeBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var failures = new List<string>();
        if (block.UnknownOptions.Count > 0)
        {
            failures.Add($"{block.Location}: unknown option(s) '{string.Join("', '", block.UnknownOptions)}' after the language; known: {string.Join(", ", ReadmeCodeBlock.KnownOptions)}.");
        }

        var compilation = SnippetCompiler.Compile(block);
        if (!compilation.Succeeded)
        {
            failures.Add($"{block.Location}: does not compile:\n  " + string.Join("\n  ", compilation.Errors));
            return new ReadmeCodeBlockOutcome(failures, null);
        }

        if (!block.Runs)
        {
            return new ReadmeCodeBlockOutcome(failures, null);
        }

        if (!compilation.IsProgram)
        {
            failures.Add($"{block.Location}: has no top-level statements or Main to run; mark a fragment '```csharp {ReadmeCodeBlock.NoRunOption}'.");
            return new ReadmeCodeBlockOutcome(failures, null);
        }

        var run = SnippetRunner.Run(compilation.Assembly!, Timeout);
        if (run.TimedOut)
        {
            failures.Add($"{block.Location}: did not end within {Timeout.TotalSeconds} s; mark a program that keeps running '```csharp {ReadmeCodeBlock.NoRunOption}'.");
        }
        else if (run.Exception is { } thrown)
        {
            failures.Add($"{block.Location}: threw {thrown}");
        }
        else if (run.ExitCode != 0)
        {
            failures.Add($"{block.Location}: exited with {run.ExitCode}; standard error: {run.Error}");
        }
        else if (block.ExpectedOutput is { } expected && !expected.SequenceEqual(run.OutputLines))
        {
            failures.Add($"{block.Location}: printed\n  {string.Join("\n  ", run.OutputLines)}\nbut its {ReadmeCodeBlock.OutputMarker} comment says\n  {string.Join("\n  ", expected)}");
        }

        return new ReadmeCodeBlockOutcome(failures, run);
    }
}
