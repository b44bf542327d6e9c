using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Wallet.Core.Jose;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// An authorization response received at the <c>response_uri</c> (OpenID4VP 1.0 §8.2, §8.3.1), decrypted when
/// encrypted: either a <c>vp_token</c> (with <c>state</c>) or a Wallet error (<c>error</c>, <c>error_description</c>).
/// Unknown parameters are ignored (§8.1).
/// </summary>
public sealed class AuthorizationResponse
{
    private const int MaxErrorLength = 256;
    private const int MaxErrorDescriptionLength = 1024;

    private AuthorizationResponse(VpToken? vpToken, string? state, string? error, string? errorDescription, JweContentEncryption? contentEncryption)
    {
        VpToken = vpToken;
        State = state;
        Error = error;
        ErrorDescription = errorDescription;
        ContentEncryption = contentEncryption;
    }

    /// <summary>The presentations; null for an error response.</summary>
    public VpToken? VpToken { get; }

    /// <summary>The returned <c>state</c>.</summary>
    public string? State { get; }

    /// <summary>The Wallet's <c>error</c> code (§8.5); null for a successful response.</summary>
    public string? Error { get; }

    /// <summary>The Wallet's <c>error_description</c>.</summary>
    public string? ErrorDescription { get; }

    /// <summary>True for an error response.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(VpToken))]
    public bool IsError => Error is not null;

    /// <summary>The <c>enc</c> of the JWE when the response was encrypted.</summary>
    public JweContentEncryption? ContentEncryption { get; }

    /// <summary>Reads within <see cref="OpenId4VpLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryRead(
        IReadOnlyDictionary<string, string> form,
        string responseMode,
        VerifierEncryptionKey? decryptionKey,
        [NotNullWhen(true)] out AuthorizationResponse? response,
        out IReadOnlyList<VerificationError> errors)
        => TryRead(form, responseMode, decryptionKey, OpenId4VpLimits.Default, out response, out errors);

    /// <summary>
    /// Reads the form parameters POSTed to the <c>response_uri</c>. For <c>direct_post.jwt</c> the <c>response</c>
    /// parameter is decrypted with <paramref name="decryptionKey"/> (its <c>kid</c> required in the JWE header);
    /// only an error response may come unencrypted (§8.3.1).
    /// </summary>
    /// <param name="form">The form parameters.</param>
    /// <param name="responseMode">The response mode of the request.</param>
    /// <param name="decryptionKey">The Verifier's ephemeral key; required for <c>direct_post.jwt</c>.</param>
    /// <param name="limits">Size limits.</param>
    /// <param name="response">The response.</param>
    /// <param name="errors">The failed checks.</param>
    public static bool TryRead(
        IReadOnlyDictionary<string, string> form,
        string responseMode,
        VerifierEncryptionKey? decryptionKey,
        OpenId4VpLimits limits,
        [NotNullWhen(true)] out AuthorizationResponse? response,
        out IReadOnlyList<VerificationError> errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(limits);
        response = null;
        if (form.Values.Any(v => v is null) || form.Values.Sum(v => (long)v.Length) > limits.MaxResponseLength)
        {
            errors = [new(OpenId4VpErrorCodes.ResponseTooLarge, $"The response parameters exceed {limits.MaxResponseLength} characters.")];
            return false;
        }

        if (responseMode == ResponseModes.DirectPostJwt && form.TryGetValue("response", out var jwe))
        {
            if (decryptionKey is null)
            {
                throw new ArgumentException("direct_post.jwt needs the Verifier's decryption key.", nameof(decryptionKey));
            }

            var options = new JweDecryptionOptions { ExpectedKeyId = decryptionKey.KeyId, Limits = new JweLimits { MaxTokenLength = limits.MaxResponseLength } };
            if (!EcdhEsJwe.TryDecrypt(jwe, decryptionKey.Key, options, out var decrypted, out var jweError))
            {
                errors = [new(OpenId4VpErrorCodes.ResponseNotEncrypted, "The 'response' parameter is not a JWE encrypted to this transaction's key (OpenID4VP 1.0 §8.3)."), jweError];
                return false;
            }

            return TryReadJson(decrypted.Plaintext, decrypted.ContentEncryption, limits, out response, out errors);
        }

        if (responseMode == ResponseModes.DirectPostJwt && !form.ContainsKey("error"))
        {
            errors = [new(OpenId4VpErrorCodes.ResponseNotEncrypted, "direct_post.jwt requires the response in an encrypted 'response' parameter; only an error response may be sent unencrypted (OpenID4VP 1.0 §8.3.1).")];
            return false;
        }

        form.TryGetValue("state", out var state);
        if (form.TryGetValue("error", out var error))
        {
            form.TryGetValue("error_description", out var description);
            return TryCreateError(error, description, state, null, out response, out errors);
        }

        if (!form.TryGetValue("vp_token", out var vpTokenJson))
        {
            errors = [new(OpenId4VpErrorCodes.ResponseMalformed, "The response has neither 'vp_token' nor 'error' (OpenID4VP 1.0 §8.1, §8.5).")];
            return false;
        }

        if (!VpToken.TryParse(vpTokenJson, limits, out var vpToken, out var vpError))
        {
            errors = [vpError];
            return false;
        }

        response = new AuthorizationResponse(vpToken, state, null, null, null);
        errors = [];
        return true;
    }

    private static bool TryReadJson(ReadOnlyMemory<byte> plaintext, JweContentEncryption enc, OpenId4VpLimits limits, [NotNullWhen(true)] out AuthorizationResponse? response, out IReadOnlyList<VerificationError> errors)
    {
        response = null;
        if (!StrictJson.TryParseElement(plaintext, limits.MaxDepth, allowDuplicateProperties: false, out var root, out var jsonError))
        {
            errors = [StrictJson.Failure(jsonError, OpenId4VpErrorCodes.ResponseMalformed, "The decrypted response is not well-formed JSON without duplicate members (OpenID4VP 1.0 §8.3).")];
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            errors = [new(OpenId4VpErrorCodes.ResponseMalformed, "The decrypted response is not a JSON object (OpenID4VP 1.0 §8.3).")];
            return false;
        }

        string? state = null;
        if (root.TryGetProperty("state", out var stateElement))
        {
            if (stateElement.ValueKind != JsonValueKind.String)
            {
                errors = [new(OpenId4VpErrorCodes.ResponseMalformed, "The 'state' of the decrypted response is not a string.")];
                return false;
            }

            state = stateElement.GetString();
        }

        if (root.TryGetProperty("error", out var errorElement))
        {
            var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return TryCreateError(errorElement.ValueKind == JsonValueKind.String ? errorElement.GetString()! : string.Empty, description, state, enc, out response, out errors);
        }

        if (!root.TryGetProperty("vp_token", out var vpTokenElement))
        {
            errors = [new(OpenId4VpErrorCodes.ResponseMalformed, "The decrypted response has neither 'vp_token' nor 'error' (OpenID4VP 1.0 §8.1, §8.5).")];
            return false;
        }

        if (!VpToken.TryParse(vpTokenElement, limits, out var vpToken, out var vpError))
        {
            errors = [vpError];
            return false;
        }

        response = new AuthorizationResponse(vpToken, state, null, null, enc);
        errors = [];
        return true;
    }

    private static bool TryCreateError(string error, string? description, string? state, JweContentEncryption? enc, [NotNullWhen(true)] out AuthorizationResponse? response, out IReadOnlyList<VerificationError> errors)
    {
        // RFC 6749 §4.1.2.1: error and error_description use %x20-21 / %x23-5B / %x5D-7E only.
        if (!IsErrorText(error, MaxErrorLength, allowSpace: false) || (description is not null && !IsErrorText(description, MaxErrorDescriptionLength, allowSpace: true)))
        {
            response = null;
            errors = [new(OpenId4VpErrorCodes.ResponseMalformed, "The 'error' or 'error_description' is empty, too long, or uses characters RFC 6749 §4.1.2.1 does not allow.")];
            return false;
        }

        response = new AuthorizationResponse(null, state, error, description, enc);
        errors = [];
        return true;
    }

    private static bool IsErrorText(string value, int maxLength, bool allowSpace) =>
        value.Length > 0 && value.Length <= maxLength && value.All(c => c is >= '!' and <= '~' and not '"' and not '\\' || (allowSpace && c == ' '));
}
