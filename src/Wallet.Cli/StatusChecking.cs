using System.CommandLine;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Cli;

/// <summary>
/// Online Token Status List checks (draft-ietf-oauth-status-list §8): an <see cref="HttpTokenStatusChecker"/> that
/// trusts status list tokens signed under the same anchors as the credentials.
/// </summary>
internal static class StatusChecking
{
    public static Option<bool> CreateAllowHttpLoopbackOption() => new("--allow-http-loopback")
    {
        Description = "Also fetch status lists over plain http from a loopback address (127.0.0.1, ::1, localhost), for local testing; https otherwise.",
    };

    /// <summary>A token verifier trusting signer certificates that chain to <paramref name="store"/> (when given) and <paramref name="trustedKeys"/>.</summary>
    public static StatusListTokenVerifier CreateTokenVerifier(TrustAnchorStore? store, TimeProvider timeProvider, IReadOnlyList<Wallet.Core.Jose.PublicJwk>? trustedKeys = null) =>
        new(store is null ? null : new X509ChainValidator(store), new StatusListTokenVerifierOptions { TrustedKeys = trustedKeys ?? [] }, timeProvider);

    /// <summary>A checker over <paramref name="httpClient"/>, which the caller owns.</summary>
    public static HttpTokenStatusChecker CreateChecker(HttpClient httpClient, TrustAnchorStore store, TimeProvider timeProvider, bool allowHttpLoopback) =>
        new(
            httpClient,
            CreateTokenVerifier(store, timeProvider),
            timeProvider,
            new HttpTokenStatusCheckerOptions { AllowHttpForLoopback = allowHttpLoopback, AcceptCwt = true });

    /// <summary>A status value as a word: <c>valid</c>, <c>invalid</c>, <c>suspended</c>, or <c>0x..</c> (§7.1).</summary>
    public static string Describe(byte status) => status switch
    {
        (byte)TokenStatus.Valid => "valid",
        (byte)TokenStatus.Invalid => "invalid",
        (byte)TokenStatus.Suspended => "suspended",
        _ => $"0x{status:X2}",
    };
}
