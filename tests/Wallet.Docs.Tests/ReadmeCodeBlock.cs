namespace Wallet.Docs.Tests;

/// <summary>
/// A fenced C# code block of a package README: where its fence opens, the words after the language in its info string,
/// the heading it sits under, and its code.
/// </summary>
public sealed record ReadmeCodeBlock(string Readme, int Line, string? Heading, IReadOnlyList<string> Options, string Code)
{
    /// <summary>Compile only: a fragment or a program that does not end by itself.</summary>
    public const string NoRunOption = "no-run";

    /// <summary>Code of a web project: compiled with the Web SDK's implicit usings (a host that listens until stopped is also <c>no-run</c>).</summary>
    public const string WebOption = "web";

    /// <summary>The comment line that starts a program's expected output, one <c>// line</c> per printed line after it.</summary>
    public const string OutputMarker = "// Output:";

    /// <summary>The words a block may carry after its language; any other is reported, so that a typo cannot switch a check off.</summary>
    public static IReadOnlyList<string> KnownOptions { get; } = [NoRunOption, WebOption];

    /// <summary>README path and line of the opening fence, as a test names the block: <c>src/Wallet.Core/README.md:9</c>.</summary>
    public string Location => $"{Readme}:{Line}";

    /// <summary>Whether the block is code of a web project (Web SDK usings).</summary>
    public bool IsWebProject => Options.Contains(WebOption);

    /// <summary>Whether the test runs the program after compiling it.</summary>
    public bool Runs => !Options.Contains(NoRunOption);

    /// <summary>Options that are not in <see cref="KnownOptions"/>.</summary>
    public IReadOnlyList<string> UnknownOptions => Options.Where(o => !KnownOptions.Contains(o)).ToArray();

    /// <summary>
    /// The lines after the last <see cref="OutputMarker"/> comment (each without its <c>// </c>), or null when the block
    /// states no output.
    /// </summary>
    public IReadOnlyList<string>? ExpectedOutput
    {
        get
        {
            var lines = Code.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            var marker = Array.FindLastIndex(lines, l => l.Trim() == OutputMarker);
            if (marker < 0)
            {
                return null;
            }

            return lines.Skip(marker + 1)
                .Select(l => l.Trim())
                .TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal))
                .Select(l => l.Length > 2 && l[2] == ' ' ? l[3..] : l[2..])
                .ToArray();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Location;
}
