using System.Text.RegularExpressions;

namespace Wallet.Core.Tests.Json;

/// <summary>
/// Keeps defect 2 of issue 10 from coming back: JSON is parsed only through <c>Wallet.Core.Json.StrictJson</c>.
/// <c>src/BannedSymbols.txt</c> makes the build fail on every other parse API (RS0030) except
/// <c>JsonNode.Parse(string, …)</c>, which a source generator uses; this scan covers that one and checks the ban list
/// is wired into every shipped project.
/// </summary>
public sealed partial class JsonParsingGateTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void No_source_outside_StrictJson_parses_json_text_directly()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.EndsWith(Path.Combine("Wallet.Core", "Json", "StrictJson.cs"), StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(x => DirectParse().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Root, x.path)}:{x.index + 1}: {x.line.Trim()}")
            .ToList();

        offenders.Should().BeEmpty("JSON from other parties must go through Wallet.Core.Json.StrictJson");
    }

    [Fact]
    public void The_ban_list_covers_every_parse_api_of_System_Text_Json_and_is_applied_to_every_shipped_project()
    {
        var banned = File.ReadAllLines(Path.Combine(Root, "src", "BannedSymbols.txt"));
        var props = File.ReadAllText(Path.Combine(Root, "src", "Directory.Build.props"));

        banned.Should().Contain(l => l.StartsWith("M:System.Text.Json.JsonDocument.Parse(System.ReadOnlyMemory{System.Byte}", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("M:System.Text.Json.JsonElement.ParseValue(", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("M:System.Text.Json.JsonSerializer.DeserializeAsync``1(System.IO.Stream,", StringComparison.Ordinal));
        props.Should().Contain("Microsoft.CodeAnalysis.BannedApiAnalyzers").And.Contain("BannedSymbols.txt");
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories).Should().NotBeEmpty();
    }

    [GeneratedRegex(@"\b(JsonDocument|JsonNode|JsonElement|JsonObject|JsonArray)\s*\.\s*(Parse|ParseValue|TryParseValue|ParseAsync)\s*\(")]
    private static partial Regex DirectParse();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Wallet.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Wallet.sln not found above the test output.");
    }
}
