namespace Wallet.Cli;

/// <summary>The streams and clock a command runs with, so tests can run commands in-process.</summary>
/// <param name="Stdout">Where results go (JSON, tokens).</param>
/// <param name="Stderr">Where messages and warnings go.</param>
/// <param name="Stdin">Read when a file argument is <c>-</c>.</param>
/// <param name="TimeProvider">The clock for issuance times, certificate validity and verification.</param>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr, TextReader Stdin, TimeProvider TimeProvider)
{
    public void Warn(string message) => Stderr.WriteLine($"warning: {message}");

    public void Info(string message) => Stderr.WriteLine(message);
}
