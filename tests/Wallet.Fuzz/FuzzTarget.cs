namespace Wallet.Fuzz;

/// <summary>
/// One harness: feeds one input to one parser or verifier of Wallet.Core. It returns normally whatever the input,
/// as long as the code under test answers with its typed result; an exception escaping it is a finding.
/// </summary>
/// <param name="Name">The name given on the command line and the folder of its corpus.</param>
/// <param name="Description">What the harness drives.</param>
/// <param name="Run">Runs one input; true when the input passed every check (a valid artifact).</param>
internal sealed record FuzzTarget(string Name, string Description, Func<byte[], bool> Run);
