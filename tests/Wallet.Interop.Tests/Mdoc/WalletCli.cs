using System.Text.Json.Nodes;
using Wallet.Cli;

namespace Wallet.Interop.Tests.Mdoc;

/// <summary>Runs our <c>wallet</c> CLI in-process in a temporary folder (deleted on dispose) that holds its input files.</summary>
internal sealed class WalletCli : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wallet-interop-").FullName;

    /// <summary>Writes <paramref name="content"/> to a file of the folder and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stdin = new StringReader(string.Empty);
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, stdin);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    public static JsonObject Json(string stdout) => JsonNode.Parse(stdout)?.AsObject() ?? throw new InvalidOperationException($"No JSON object on stdout: {stdout}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the test result is what matters.
        }
    }
}
