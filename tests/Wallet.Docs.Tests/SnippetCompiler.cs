using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wallet.Docs.Tests;

/// <summary>
/// Compiles a README block as a consumer's project would: C# latest, nullable on, the implicit usings of
/// <c>dotnet new console</c> (or of the Web SDK for <c>web</c> blocks), and warnings as errors, against the assemblies
/// this test runs with (the .NET and ASP.NET Core shared frameworks, the Wallet packages and their dependencies).
/// </summary>
public static class SnippetCompiler
{
    /// <summary>The global usings of <c>Microsoft.NET.Sdk</c> with <c>ImplicitUsings</c> on.</summary>
    public static IReadOnlyList<string> ConsoleUsings { get; } =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>The global usings <c>Microsoft.NET.Sdk.Web</c> adds.</summary>
    public static IReadOnlyList<string> WebUsings { get; } =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    // CS1701/CS1702: assembly version unification, which the SDK also silences; the references here are the runtime's own.
    private static readonly ImmutableDictionary<string, ReportDiagnostic> Silenced = new Dictionary<string, ReportDiagnostic>
    {
        ["CS1701"] = ReportDiagnostic.Suppress,
        ["CS1702"] = ReportDiagnostic.Suppress,
    }.ToImmutableDictionary();

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    /// <summary>Compiles <paramref name="block"/>; diagnostics name the README and its line.</summary>
    public static SnippetCompilation Compile(ReadmeCodeBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);

        // #line maps every diagnostic to the README line the code is on (the fence line + 1 is the first code line).
        var source = $"#line {block.Line + 1} \"{block.Readme}\"\n{block.Code}\n";
        var tree = CSharpSyntaxTree.ParseText(source, parseOptions, path: block.Readme);
        var usings = block.IsWebProject ? [.. ConsoleUsings, .. WebUsings] : ConsoleUsings;
        var globalUsings = CSharpSyntaxTree.ParseText(
            string.Concat(usings.Select(u => $"global using global::{u};\n")),
            parseOptions,
            path: "GlobalUsings.g.cs");

        var isProgram = tree.GetRoot().DescendantNodes().Any(n =>
            n is GlobalStatementSyntax || n is MethodDeclarationSyntax { Identifier.ValueText: "Main" } m && m.Modifiers.Any(SyntaxKind.StaticKeyword));
        var options = new CSharpCompilationOptions(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error)
            .WithSpecificDiagnosticOptions(Silenced);
        var compilation = CSharpCompilation.Create(
            "ReadmeBlock_" + Guid.NewGuid().ToString("N"),
            [tree, globalUsings],
            References.Value,
            options);

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToArray();
        return new SnippetCompilation(isProgram, emitted.Success ? image.ToArray() : null, errors);
    }

    private static MetadataReference[] LoadReferences()
    {
        // The runtime's trusted platform assemblies: the shared frameworks this test runs on plus every assembly of its
        // deps.json, which are the packages under test and their dependencies.
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return paths
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    }
}
