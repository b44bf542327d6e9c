using System.Text.Json.Nodes;

namespace Wallet.Cli.Tests;

/// <summary>The outcome of one in-process run of the CLI.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonObject Json => JsonNode.Parse(Stdout)?.AsObject() ?? throw new InvalidOperationException("No JSON on stdout.");

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
