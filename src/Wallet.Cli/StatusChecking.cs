using System.CommandLine;
using Wallet.Core.StatusList;

namespace Wallet.Cli;

/// <summary>
/// What the commands that check Token Status Lists (draft-ietf-oauth-status-list §8) share; the checker itself comes
/// from <see cref="Commands.VerifyCommand.CreateVerifiers"/>.
/// </summary>
internal static class StatusChecking
{
    public static Option<bool> CreateAllowHttpLoopbackOption() => new("--allow-http-loopback")
    {
        Description = "Also fetch status lists over plain http from a loopback address (127.0.0.1, ::1, localhost), for local testing; https otherwise.",
    };

    /// <summary>A status value as a word: <c>valid</c>, <c>invalid</c>, <c>suspended</c>, or <c>0x..</c> (§7.1).</summary>
    public static string Describe(byte status) => status switch
    {
        (byte)TokenStatus.Valid => "valid",
        (byte)TokenStatus.Invalid => "invalid",
        (byte)TokenStatus.Suspended => "suspended",
        _ => $"0x{status:X2}",
    };
}
