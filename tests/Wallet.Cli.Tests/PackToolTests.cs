using System.Diagnostics;
using System.IO.Compression;

namespace Wallet.Cli.Tests;

/// <summary>
/// README's install commands work: <c>dotnet pack src/Wallet.Cli</c> makes a .NET tool package, <c>dotnet tool
/// install</c> installs it from that folder, and the installed <c>wallet</c> runs. Uses the build the tests run on
/// (<c>--no-build</c>), a private NuGet cache and only the local package folder as source; each process is capped at
/// two minutes.
/// </summary>
public sealed class PackToolTests : IDisposable
{
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(2);
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Packed_tool_installs_from_the_package_folder_and_runs_help_and_the_offline_demo()
    {
        var dotnet = DotnetHost();
        var packages = _cli.PathOf("packages");
        var tools = _cli.PathOf("tools");

        var pack = await RunAsync(dotnet, ["pack", Path.Combine(RepositoryRoot(), "src", "Wallet.Cli"), "-c", BuildConfiguration(), "--no-build", "-o", packages]);

        pack.ExitCode.Should().Be(0, pack.ToString());
        var package = Directory.GetFiles(packages, "Wallet.Cli.*.nupkg").Should().ContainSingle().Subject;
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            entries.Should().Contain("tools/net10.0/any/wallet.dll").And.Contain("tools/net10.0/any/DotnetToolSettings.xml");
            entries.Should().NotContain(e => e.EndsWith("appsettings.json", StringComparison.Ordinal), "the services' settings are not part of the tool (NETSDK1152)");
        }

        await File.WriteAllTextAsync(_cli.PathOf("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="local" value="{packages}" /></packageSources>
            </configuration>
            """);
        var install = await RunAsync(dotnet, ["tool", "install", "--tool-path", tools, "--configfile", _cli.PathOf("nuget.config"), "--add-source", packages, "Wallet.Cli"]);

        install.ExitCode.Should().Be(0, install.ToString());
        var wallet = Path.Combine(tools, OperatingSystem.IsWindows() ? "wallet.exe" : "wallet");
        var help = await RunAsync(wallet, ["--help"]);
        help.ExitCode.Should().Be(0, help.ToString());
        help.Stdout.Should().Contain("verify").And.Contain("present").And.Contain("demo");

        var demo = await RunAsync(wallet, ["demo", "--offline", "--data", _cli.PathOf("demo")]);
        demo.ExitCode.Should().Be(0, demo.ToString());
        demo.Stdout.Should().Contain("given_name").And.Contain("address");
    }

    private async Task<CliRun> RunAsync(string fileName, string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _cli.Directory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A private package cache: an earlier install of the same version must not stand in for this build.
        start.Environment["NUGET_PACKAGES"] = _cli.PathOf("nuget-cache");
        start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(DotnetHost());
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var timeout = new CancellationTokenSource(Cap);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {Cap}.");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    // The dotnet that runs the tests (dotnet test sets DOTNET_HOST_PATH for its children).
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    // bin/<Configuration>/<TargetFramework>/ of this test assembly: pack the tool as built for the same configuration.
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Wallet.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Wallet.sln not found above the test assembly.");
    }
}
