namespace Wallet.Cli;

/// <summary>Process exit codes shared by every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command succeeded; for <c>verify</c>, the credential is valid.</summary>
    public const int Success = 0;

    /// <summary>The input was processed but is not acceptable: a credential failed verification, or could not be decoded.</summary>
    public const int Invalid = 1;

    /// <summary>The command line or a file it names is unusable: unknown option, missing file, malformed key.</summary>
    public const int Usage = 2;

    /// <summary>A bug in the tool (EX_SOFTWARE of sysexits.h).</summary>
    public const int InternalError = 70;
}
