using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The body of a <c>request_uri</c> POST (OpenID4VP 1.0 §5.10): the optional <c>wallet_metadata</c> (a JSON object)
/// and <c>wallet_nonce</c>, which the Verifier must echo in the Request Object. Other parameters are ignored.
/// </summary>
public sealed class WalletRequestUriParameters
{
    private WalletRequestUriParameters(JsonObject? walletMetadata, string? walletNonce)
    {
        WalletMetadata = walletMetadata;
        WalletNonce = walletNonce;
    }

    /// <summary>The Wallet's metadata (§10), when sent.</summary>
    public JsonObject? WalletMetadata { get; }

    /// <summary>The Wallet's nonce, when sent.</summary>
    public string? WalletNonce { get; }

    /// <summary>Reads within <see cref="OpenId4VpLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryRead(IReadOnlyDictionary<string, string> form, [NotNullWhen(true)] out WalletRequestUriParameters? parameters, [NotNullWhen(false)] out VerificationError? error)
        => TryRead(form, OpenId4VpLimits.Default, out parameters, out error);

    /// <summary>Reads the form parameters; <c>wallet_nonce</c> must be 1 to <see cref="OpenId4VpLimits.MaxIdentifierLength"/> visible ASCII characters.</summary>
    public static bool TryRead(IReadOnlyDictionary<string, string> form, OpenId4VpLimits limits, [NotNullWhen(true)] out WalletRequestUriParameters? parameters, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(limits);
        parameters = null;
        string? nonce = null;
        if (form.TryGetValue("wallet_nonce", out var nonceText))
        {
            if (string.IsNullOrEmpty(nonceText) || nonceText.Length > limits.MaxIdentifierLength || !nonceText.All(c => c is >= '!' and <= '~'))
            {
                error = new(OpenId4VpErrorCodes.WalletParameterInvalid, $"wallet_nonce must be 1 to {limits.MaxIdentifierLength} visible ASCII characters (OpenID4VP 1.0 §5.10).");
                return false;
            }

            nonce = nonceText;
        }

        JsonObject? metadata = null;
        if (form.TryGetValue("wallet_metadata", out var metadataText))
        {
            if (metadataText is null || metadataText.Length > limits.MaxWalletMetadataLength)
            {
                error = new(OpenId4VpErrorCodes.WalletParameterInvalid, $"wallet_metadata is longer than {limits.MaxWalletMetadataLength} characters.");
                return false;
            }

            const string Message = "wallet_metadata is not a JSON object (OpenID4VP 1.0 §5.10, §10).";
            if (!StrictJson.TryParseNode(metadataText, limits.MaxDepth, allowDuplicateProperties: false, out var node, out var jsonError))
            {
                error = StrictJson.Failure(jsonError, OpenId4VpErrorCodes.WalletParameterInvalid, Message);
                return false;
            }

            metadata = node as JsonObject;
            if (metadata is null)
            {
                error = new(OpenId4VpErrorCodes.WalletParameterInvalid, Message);
                return false;
            }
        }

        parameters = new WalletRequestUriParameters(metadata, nonce);
        error = null;
        return true;
    }
}
