using System.Reflection;
using System.Runtime.Loader;

namespace Wallet.Docs.Tests;

/// <summary>
/// Runs a compiled README program in this process, in a collectible load context that resolves the Wallet packages from
/// this test's own, with standard output and error captured.
/// </summary>
/// <remarks>
/// <see cref="Console.SetOut(TextWriter)"/> is process-wide, so programs run one at a time (a lock here, and the test
/// assembly does not run its tests in parallel).
/// </remarks>
public static class SnippetRunner
{
    private static readonly Lock Gate = new();

    /// <summary>Runs the entry point of <paramref name="assembly"/> with no arguments.</summary>
    public static SnippetRun Run(byte[] assembly, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        lock (Gate)
        {
            var context = new AssemblyLoadContext("ReadmeBlock", isCollectible: true);
            var output = new StringWriter();
            var error = new StringWriter();
            var (originalOut, originalError) = (Console.Out, Console.Error);
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var entryPoint = context.LoadFromStream(new MemoryStream(assembly)).EntryPoint
                    ?? throw new InvalidOperationException("The compiled block has no entry point.");
                var arguments = entryPoint.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() };

                // Top-level statements with await compile to a synchronous entry point that blocks on the program's task.
                var run = Task.Run(() => entryPoint.Invoke(null, arguments));
                if (!run.Wait(timeout))
                {
                    return new SnippetRun(null, output.ToString(), error.ToString(), null, TimedOut: true);
                }

                return new SnippetRun(run.Result as int? ?? 0, output.ToString(), error.ToString(), null, TimedOut: false);
            }
            catch (AggregateException e) when (e.InnerException is TargetInvocationException { InnerException: { } thrown })
            {
                return new SnippetRun(null, output.ToString(), error.ToString(), thrown, TimedOut: false);
            }
            finally
            {
                Console.SetOut(originalOut);
                Console.SetError(originalError);
                context.Unload();
            }
        }
    }
}
