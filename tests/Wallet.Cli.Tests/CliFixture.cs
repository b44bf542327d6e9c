namespace Wallet.Cli.Tests;

/// <summary>Runs the CLI in-process in a temporary working folder, deleted on dispose.</summary>
public sealed class CliFixture : IDisposable
{
    public CliFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "wallet-cli-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public async Task<CliRun> RunAsync(params string[] args) => await RunWithStdinAsync(string.Empty, args);

    public async Task<CliRun> RunWithStdinAsync(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin);
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, input);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and requires exit code 0, returning stdout.</summary>
    public async Task<string> RunOkAsync(params string[] args)
    {
        var run = await RunAsync(args);
        run.ExitCode.Should().Be(0, run.ToString());
        return run.Stdout;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the test result is what matters.
        }
    }
}
