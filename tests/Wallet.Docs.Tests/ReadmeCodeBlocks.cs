using System.Text.RegularExpressions;

namespace Wallet.Docs.Tests;

/// <summary>Finds the fenced C# code blocks of Markdown files (CommonMark fences: <c>```</c> or <c>~~~</c>, three or more).</summary>
public static partial class ReadmeCodeBlocks
{
    /// <summary>Info-string languages read as C#: all of them are tested, so a block cannot escape by its spelling.</summary>
    public static IReadOnlyList<string> CSharpLanguages { get; } = ["csharp", "cs", "c#"];

    private static readonly Lazy<ReadmeCodeBlock[]> PackageBlocks = new(LoadPackageReadmes);

    /// <summary>
    /// Every C# block of the repository's README and of every README under <c>src/</c>, as the build copied them to
    /// <c>Readmes/</c> next to this assembly, named by their path in the repository.
    /// </summary>
    public static IReadOnlyList<ReadmeCodeBlock> All => PackageBlocks.Value;

    /// <summary>The package README files that were found, by their path in the repository.</summary>
    public static IReadOnlyList<string> Readmes => Directory.EnumerateFiles(ReadmeFolder, "README.md", SearchOption.AllDirectories)
        .Select(RepositoryPath)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The block at <paramref name="location"/> (<c>README:line</c>).</summary>
    public static ReadmeCodeBlock At(string location) =>
        All.SingleOrDefault(b => b.Location == location) ?? throw new InvalidOperationException($"No C# block at {location}.");

    /// <summary>The C# blocks of <paramref name="markdown"/>, named <paramref name="readme"/>.</summary>
    public static IReadOnlyList<ReadmeCodeBlock> Parse(string readme, string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var blocks = new List<ReadmeCodeBlock>();
        string? heading = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!TryOpenFence(lines[i], out var fence, out var info))
            {
                if (AtxHeading().Match(lines[i]) is { Success: true } match)
                {
                    heading = match.Groups["text"].Value.Trim();
                }

                continue;
            }

            var start = i;
            var code = new List<string>();
            for (i++; i < lines.Length && !IsClosingFence(lines[i], fence); i++)
            {
                code.Add(lines[i]);
            }

            var words = info.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && CSharpLanguages.Contains(words[0], StringComparer.OrdinalIgnoreCase))
            {
                blocks.Add(new ReadmeCodeBlock(readme, start + 1, heading, words[1..], string.Join('\n', code)));
            }
        }

        return blocks;
    }

    private static bool TryOpenFence(string line, out string fence, out string info)
    {
        var trimmed = line.TrimStart(' ');
        fence = info = "";
        if (line.Length - trimmed.Length > 3 || trimmed.Length < 3 || trimmed[0] is not ('`' or '~'))
        {
            return false;
        }

        var length = trimmed.TakeWhile(c => c == trimmed[0]).Count();
        if (length < 3)
        {
            return false;
        }

        fence = trimmed[..length];
        info = trimmed[length..].Trim();

        // A backtick fence's info string may not hold a backtick (CommonMark 4.5): then the line is inline code.
        return !(trimmed[0] == '`' && info.Contains('`', StringComparison.Ordinal));
    }

    private static bool IsClosingFence(string line, string fence)
    {
        var trimmed = line.Trim();
        return line.Length - line.TrimStart(' ').Length <= 3
            && trimmed.Length >= fence.Length
            && trimmed.All(c => c == fence[0]);
    }

    private static string ReadmeFolder => Path.Combine(AppContext.BaseDirectory, "Readmes");

    private static string RepositoryPath(string file) =>
        Path.GetRelativePath(ReadmeFolder, file).Replace(Path.DirectorySeparatorChar, '/');

    private static ReadmeCodeBlock[] LoadPackageReadmes() =>
        Directory.EnumerateFiles(ReadmeFolder, "README.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => Parse(RepositoryPath(file), File.ReadAllText(file)))
            .ToArray();

    [GeneratedRegex("^ {0,3}#{1,6}(?:[ \t]+(?<text>.*?))?[ \t#]*$")]
    private static partial Regex AtxHeading();
}
