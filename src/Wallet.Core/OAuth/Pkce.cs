using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Wallet.Core.Jose;
using Wallet.Core.Security;

namespace Wallet.Core.OAuth;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636) with the <c>S256</c> method only, as HAIP 1.0 §4 (FAPI 2.0) requires.
/// </summary>
public static class Pkce
{
    /// <summary>The only accepted <c>code_challenge_method</c>.</summary>
    public const string S256 = "S256";

    /// <summary>Creates a <c>code_verifier</c> of 43 characters from 32 CSPRNG bytes (RFC 7636 §4.1, §7.1).</summary>
    public static string CreateVerifier() => RandomHandle.Create();

    /// <summary>True when <paramref name="verifier"/> is 43–128 characters of <c>[A-Z a-z 0-9 - . _ ~]</c> (RFC 7636 §4.1).</summary>
    public static bool IsValidVerifier([NotNullWhen(true)] string? verifier) =>
        verifier is { Length: >= 43 and <= 128 } && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary><c>BASE64URL(SHA256(ASCII(code_verifier)))</c> (RFC 7636 §4.2).</summary>
    /// <exception cref="ArgumentException">The verifier is not valid per RFC 7636 §4.1.</exception>
    public static string ComputeChallenge(string verifier)
    {
        if (!IsValidVerifier(verifier))
        {
            throw new ArgumentException("The code_verifier must be 43 to 128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1).", nameof(verifier));
        }

        return Base64UrlStrict.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>
    /// Checks an authorization request's challenge and method (RFC 7636 §4.3, §4.4.1): the method must be <c>S256</c>
    /// (an absent method means <c>plain</c>, which is refused) and the challenge a base64url SHA-256 value.
    /// </summary>
    public static bool TryValidateChallenge(string? challenge, string? method, [NotNullWhen(false)] out VerificationError? error)
    {
        if (!string.Equals(method, S256, StringComparison.Ordinal))
        {
            error = new VerificationError(OAuthErrorCodes.PkceMethodNotSupported, $"The code_challenge_method is '{method ?? "(absent, meaning plain)"}'; only S256 is accepted (RFC 7636 §4.3, HAIP 1.0 §4).");
            return false;
        }

        if (challenge is not { Length: 43 } || !Base64UrlStrict.TryDecode(challenge, out var bytes) || bytes.Length != 32)
        {
            error = new VerificationError(OAuthErrorCodes.PkceChallengeInvalid, "The code_challenge is not the base64url encoding of a SHA-256 hash (RFC 7636 §4.2).");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Checks a token request's <c>code_verifier</c> against the stored S256 challenge in constant time (RFC 7636 §4.6).</summary>
    public static bool TryVerify(string? verifier, string challenge, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!IsValidVerifier(verifier))
        {
            error = new VerificationError(OAuthErrorCodes.PkceVerifierInvalid, "The code_verifier is missing or not 43 to 128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1).");
            return false;
        }

        var computed = Encoding.ASCII.GetBytes(ComputeChallenge(verifier));
        if (!CryptographicOperations.FixedTimeEquals(computed, Encoding.ASCII.GetBytes(challenge)))
        {
            error = new VerificationError(OAuthErrorCodes.PkceMismatch, "The code_verifier does not hash to the code_challenge of the authorization request (RFC 7636 §4.6).");
            return false;
        }

        error = null;
        return true;
    }
}
