using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// A Client Identifier with its prefix (OpenID4VP 1.0 §5.9), restricted to the X.509 prefixes of HAIP 1.0 §5:
/// <c>x509_san_dns:&lt;DNS name&gt;</c> and <c>x509_hash:&lt;base64url SHA-256 of the leaf certificate&gt;</c>.
/// The full value (prefix included) is what the Wallet uses as KB-JWT <c>aud</c> and in the mdoc handover (§14.8).
/// </summary>
public sealed class ClientId : IEquatable<ClientId>
{
    private ClientId(string prefix, string originalIdentifier)
    {
        Prefix = prefix;
        OriginalIdentifier = originalIdentifier;
        Value = $"{prefix}:{originalIdentifier}";
    }

    /// <summary>The Client Identifier Prefix, one of <see cref="ClientIdPrefixes"/>.</summary>
    public string Prefix { get; }

    /// <summary>The part after the first <c>:</c>: a DNS name or a certificate hash.</summary>
    public string OriginalIdentifier { get; }

    /// <summary>The full Client Identifier, prefix included.</summary>
    public string Value { get; }

    /// <summary>An <c>x509_san_dns</c> Client Identifier for <paramref name="dnsName"/>.</summary>
    /// <exception cref="ArgumentException">The value is not a DNS name.</exception>
    public static ClientId ForX509SanDns(string dnsName)
    {
        ArgumentNullException.ThrowIfNull(dnsName);
        return TryParse($"{ClientIdPrefixes.X509SanDns}:{dnsName}", OpenId4VpLimits.Default, out var clientId, out var error)
            ? clientId
            : throw new ArgumentException(error.Message, nameof(dnsName));
    }

    /// <summary>An <c>x509_hash</c> Client Identifier for the request signing certificate <paramref name="leaf"/>.</summary>
    public static ClientId ForX509Hash(X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return new ClientId(ClientIdPrefixes.X509Hash, Base64UrlStrict.Encode(SHA256.HashData(leaf.RawData)));
    }

    /// <summary>Parses within <see cref="OpenId4VpLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out ClientId? clientId, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(value, OpenId4VpLimits.Default, out clientId, out error);

    /// <summary>
    /// Parses a Client Identifier. The prefix is the text before the first <c>:</c> (§5.9.1); only the X.509 prefixes
    /// are accepted, everything else (including pre-registered identifiers without a prefix) is refused.
    /// </summary>
    public static bool TryParse(string? value, OpenId4VpLimits limits, [NotNullWhen(true)] out ClientId? clientId, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        clientId = null;
        if (string.IsNullOrEmpty(value) || value.Length > limits.MaxIdentifierLength)
        {
            error = new(OpenId4VpErrorCodes.ClientIdInvalid, $"The client_id is empty or longer than {limits.MaxIdentifierLength} characters.");
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? null : value[..colon];
        var original = colon < 0 ? value : value[(colon + 1)..];
        switch (prefix)
        {
            case ClientIdPrefixes.X509SanDns:
                if (!OpenId4VpSyntax.IsDnsName(original))
                {
                    error = new(OpenId4VpErrorCodes.ClientIdInvalid, "The x509_san_dns client_id does not name a DNS host (OpenID4VP 1.0 §5.9.3).");
                    return false;
                }

                break;
            case ClientIdPrefixes.X509Hash:
                if (!Base64UrlStrict.TryDecode(original, out var hash) || hash.Length != 32)
                {
                    error = new(OpenId4VpErrorCodes.ClientIdInvalid, "The x509_hash client_id is not the base64url encoding of a 32-byte SHA-256 hash (OpenID4VP 1.0 §5.9.3).");
                    return false;
                }

                break;
            default:
                error = new(OpenId4VpErrorCodes.ClientIdUnsupportedPrefix, prefix is null
                    ? "The client_id has no Client Identifier Prefix; pre-registered clients are not supported, only x509_san_dns and x509_hash (OpenID4VP 1.0 §5.9.2)."
                    : $"The Client Identifier Prefix '{(prefix.Length <= 32 ? prefix : prefix[..32])}' is not supported; only x509_san_dns and x509_hash are (HAIP 1.0 §5).");
                return false;
        }

        clientId = new ClientId(prefix, original);
        error = null;
        return true;
    }

    /// <summary>
    /// Checks that <paramref name="leaf"/>, the certificate whose key signed the Request Object, carries this Client
    /// Identifier: a dNSName SAN equal to the DNS name (ASCII case-insensitive), or a DER SHA-256 equal to the hash.
    /// </summary>
    /// <returns>Null when bound; otherwise the failed check.</returns>
    public VerificationError? CheckBoundTo(X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        if (Prefix == ClientIdPrefixes.X509Hash)
        {
            Base64UrlStrict.TryDecode(OriginalIdentifier, out var expected);
            return CryptographicOperations.FixedTimeEquals(SHA256.HashData(leaf.RawData), expected)
                ? null
                : new(OpenId4VpErrorCodes.ClientIdNotBound, "The SHA-256 hash of the request signing certificate differs from the x509_hash client_id (OpenID4VP 1.0 §5.9.3).");
        }

        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var names = san is null ? [] : san.EnumerateDnsNames().ToArray();
        return names.Any(n => string.Equals(n, OriginalIdentifier, StringComparison.OrdinalIgnoreCase))
            ? null
            : new(OpenId4VpErrorCodes.ClientIdNotBound, $"The request signing certificate '{leaf.Subject}' has no dNSName subjectAltName '{OriginalIdentifier}' ({names.Length} dNSName(s) present) (OpenID4VP 1.0 §5.9.3).");
    }

    /// <summary>
    /// For <c>x509_san_dns</c>: checks that the host of <paramref name="responseUri"/> is the DNS name (§5.9.3: unless the
    /// Wallet trusts the Verifier otherwise, the FQDN of the response URI must equal it). Always null for <c>x509_hash</c>.
    /// </summary>
    public VerificationError? CheckResponseUri(Uri responseUri)
    {
        ArgumentNullException.ThrowIfNull(responseUri);
        return Prefix != ClientIdPrefixes.X509SanDns || string.Equals(responseUri.IdnHost, OriginalIdentifier, StringComparison.OrdinalIgnoreCase)
            ? null
            : new(OpenId4VpErrorCodes.ResponseUriNotBound, $"The response_uri host '{responseUri.IdnHost}' differs from the x509_san_dns client_id '{OriginalIdentifier}' (OpenID4VP 1.0 §5.9.3).");
    }

    /// <inheritdoc />
    public bool Equals(ClientId? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ClientId);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
