using System.Diagnostics;
using System.Text;

namespace Wallet.Cli.Tests;

/// <summary>
/// One of the services started as a user starts it: <c>dotnet src/{project}/bin/{configuration}/net10.0/{project}.dll</c>
/// as its own process, from a working directory of the test's choice, with stdout and stderr captured.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    /// <summary>The built service dll: the service projects are built next to this test project (Wallet.Cli references both).</summary>
    public static string DllPath(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Wallet.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "src", project, "bin", configuration, output.Name, project + ".dll");
        File.Exists(path).Should().BeTrue($"the {project} host is built before its tests run ({path})");
        return path;
    }

    public static ServiceProcess Start(string project, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartDll(DllPath(project), workingDirectory, environment, arguments);

    /// <summary>Starts a service dll from anywhere, e.g. a <c>dotnet publish</c> output.</summary>
    public static ServiceProcess StartDll(string dll, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing from the test runner's own environment decides the service's settings.
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ServiceProcess(Process.Start(start)!);
    }

    /// <summary>Waits until stdout or stderr contains <paramref name="text"/>; false on timeout or when the process ended first.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Stdout.Contains(text, StringComparison.Ordinal) || Stderr.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                return Stdout.Contains(text, StringComparison.Ordinal) || Stderr.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>The exit code, or null when the process still runs after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public override string ToString() => $"stdout: {Stdout}\nstderr: {Stderr}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
