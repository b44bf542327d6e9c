using System.Globalization;

namespace Wallet.Cli.Commands;

/// <summary>Runs the steps of <c>wallet demo</c>, printing each on its own line with how long it took.</summary>
internal sealed class DemoStepRunner(CliContext context)
{
    private int _step;

    public T Run<T>(string name, Func<T> step, Func<T, string> describe)
    {
        var started = context.TimeProvider.GetTimestamp();
        var value = step();
        Print(name, describe(value), context.TimeProvider.GetElapsedTime(started));
        return value;
    }

    public async Task<T> RunAsync<T>(string name, Func<Task<T>> step, Func<T, string> describe)
    {
        var started = context.TimeProvider.GetTimestamp();
        var value = await step().ConfigureAwait(false);
        Print(name, describe(value), context.TimeProvider.GetElapsedTime(started));
        return value;
    }

    private void Print(string name, string detail, TimeSpan elapsed) =>
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{++_step}. {name,-8} {elapsed.TotalMilliseconds,8:0.0} ms  {detail}"));
}
