namespace Wallet.Cli;

/// <summary>
/// Bad user input found while running a command (a file that is not a key, a claim path that selects nothing).
/// Turned into one line on stderr and exit code <see cref="ExitCodes.Usage"/>, never a stack trace.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UsageException()
    {
    }
}
