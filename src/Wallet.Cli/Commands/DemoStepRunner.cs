using System.Globalization;

namespace Wallet.Cli.Commands;

/// <summary>Runs the steps of <c>wallet demo</c>, printing each on its own line with how long it took.</summary>
internal sealed class DemoStepRunner(CliContext context, int nameWidth = 8, int numberWidth = 1)
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

    public void Print(string name, string detail, TimeSpan elapsed) =>
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Number()}. {name.PadRight(nameWidth)} {elapsed.TotalMilliseconds,8:0.0} ms  {detail}"));

    public void PrintFailure(string name, string detail) =>
        context.Stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Number()}. {name.PadRight(nameWidth)}   FAILED     {detail}"));

    private string Number() => (++_step).ToString(CultureInfo.InvariantCulture).PadLeft(numberWidth);
}
