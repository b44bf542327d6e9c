using System.CommandLine;

namespace Wallet.Cli;

/// <summary>Validation shared by options.</summary>
internal static class OptionValues
{
    /// <summary>
    /// For options taking several values after one flag (<c>--disclose a b</c>): a value starting with <c>-</c> is a
    /// mistyped or unknown option swallowed as a value, so it is reported instead of used as a claim path.
    /// </summary>
    public static void RejectOptionLikeValues(Option<string[]> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-'))
                {
                    result.AddError($"'{token.Value}' is not a known option of this command (and not a claim path for {option.Name}).");
                }
            }
        });
    }
}
