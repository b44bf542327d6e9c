using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Wallet.Cli.Commands;

namespace Wallet.Cli;

/// <summary>
/// The command tree and its runner. <see cref="Program"/> calls <see cref="RunAsync(string[], TextWriter, TextWriter, TextReader, TimeProvider?, CancellationToken)"/>
/// with the console streams; tests call it with string writers.
/// </summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin) =>
        RunAsync(args, stdout, stderr, stdin, timeProvider: null, CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stdin);
        var context = new CliContext(stdout, stderr, stdin, timeProvider ?? TimeProvider.System);
        var root = CreateRootCommand(context);
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,

            // Exceptions reach the handler below, which prints one line instead of a stack trace.
            EnableDefaultExceptionHandler = false,
        };

        if (parseResult.Errors.Count > 0 && parseResult.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'wallet --help' (or '<command> --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUserError(e))
        {
            await stderr.WriteLineAsync($"error: {Describe(e)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
#pragma warning disable CA1031 // Any other exception is a bug: reported on one line with an exit code of its own.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // WALLET_DEBUG=1 shows the stack trace, for bug reports.
            var detail = Environment.GetEnvironmentVariable("WALLET_DEBUG") == "1" ? Environment.NewLine + e : string.Empty;
            await stderr.WriteLineAsync($"internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}{detail}").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("Issue, present, verify and decode EU Digital Identity Wallet credentials (SD-JWT VC and mdoc), check Token Status Lists and match DCQL queries, with development keys and certificates.")
        {
            KeysCommand.Create(context),
            CertCommand.Create(context),
            IssueCommand.Create(context),
            PresentCommand.Create(context),
            VerifyCommand.Create(context),
            DecodeCommand.Create(context),
            StatusCommand.Create(context),
            DcqlCommand.Create(context),
            DemoCommand.Create(context),
        };
        return root;
    }

    private static bool IsUserError(Exception e) =>
        e is UsageException or ArgumentException or CryptographicException or IOException or UnauthorizedAccessException
            or JsonException or InvalidDataException or FormatException;

    private static string Describe(Exception e)
    {
        var message = e.Message;

        // ArgumentException appends " (Parameter 'x')", which names a C# parameter the user never saw.
        if (e is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message.ReplaceLineEndings(" ");
    }
}
