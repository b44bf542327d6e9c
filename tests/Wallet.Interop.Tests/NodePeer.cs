using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Wallet.Interop.Tests;

/// <summary>
/// Runs one script of an independent implementation under <c>js/{folder}</c> with Node.js: the request goes in as JSON
/// on standard input, the script answers with one JSON object on standard output. The peer's packages come from the
/// folder's committed <c>package-lock.json</c> (<c>npm ci</c>, done by <c>.ci/run</c>), so their versions are pinned.
/// </summary>
public sealed class NodePeer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _folder;

    public NodePeer(string folder)
    {
        _folder = Path.Combine(SourceRoot(), "js", folder);
        if (!Directory.Exists(Path.Combine(_folder, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The interop peer in {_folder} is not installed: run `npm ci` in that folder (bash .ci/run does it).");
        }
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="request"/> and returns its JSON answer; a non-zero exit fails with the peer's stderr.</summary>
    public async Task<JsonObject> RunAsync(string script, JsonObject request)
    {
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = _folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var cts = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.StandardInput.WriteAsync(request.ToJsonString());
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} in {_folder} did not finish within {Timeout.TotalSeconds} s");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited {process.ExitCode}: {errors}{output}");
        }

        return JsonNode.Parse(output) as JsonObject
            ?? throw new InvalidOperationException($"node {script} printed no JSON object: {output}");
    }

    // The scripts and node_modules stay in the source folder (not copied to bin/); CI builds map source paths, so
    // the folder is found by walking up from the test assembly rather than from [CallerFilePath].
    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wallet.Interop.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Wallet.Interop.Tests.csproj not found above {AppContext.BaseDirectory}");
    }
}
