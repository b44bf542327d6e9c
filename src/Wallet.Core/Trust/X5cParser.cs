using System.Diagnostics.CodeAnalysis;
using System.Formats.Cbor;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Wallet.Core.Trust;

/// <summary>
/// Turns a received certificate chain into certificates, leaf first: the JOSE <c>x5c</c> header (RFC 7515 §4.1.6)
/// or the COSE <c>x5chain</c> header (RFC 9360 §2, label 33, as used by ISO/IEC 18013-5 <c>IssuerAuth</c>).
/// </summary>
/// <remarks>
/// Parsing only decodes; it does not decide trust. Pass the result to an <see cref="ICertificateChainValidator"/>.
/// The returned certificates keep the exact DER bytes received. The caller owns them and may dispose them.
/// </remarks>
public static class X5cParser
{
    /// <summary>The COSE header label of <c>x5chain</c> (RFC 9360 §2).</summary>
    public const int X5ChainLabel = 33;

    /// <summary>
    /// Parses the value of a JOSE <c>x5c</c> header: a non-empty JSON array of strings, each the standard base64
    /// (RFC 4648 §4, with padding, not base64url) encoding of one DER certificate.
    /// </summary>
    /// <remarks>
    /// RFC 7515 §4.1.6 says the values are base64, "not base64url", so the characters <c>-</c> and <c>_</c>, missing
    /// padding, whitespace and line breaks are all rejected, as is any non-canonical encoding (non-zero padding bits):
    /// the same certificate has exactly one accepted spelling.
    /// </remarks>
    /// <param name="x5c">The header value.</param>
    /// <param name="chain">The certificates, leaf first.</param>
    /// <param name="error">The reason for rejection, with a <see cref="TrustErrorCodes"/> code.</param>
    /// <param name="limits">Bounds; <see cref="X5cLimits.Default"/> when null.</param>
    public static bool TryParseX5c(
        JsonElement x5c,
        [NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain,
        [NotNullWhen(false)] out VerificationError? error,
        X5cLimits? limits = null) =>
        TryParseX5c(x5c, out chain, out error, limits, cache: null);

    /// <summary>As the public overload, with decoded certificates taken from and added to <paramref name="cache"/> (shared instances: not to be disposed).</summary>
    internal static bool TryParseX5c(
        JsonElement x5c,
        [NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain,
        [NotNullWhen(false)] out VerificationError? error,
        X5cLimits? limits,
        DecodedCertificateCache? cache)
    {
        chain = null;
        if (x5c.ValueKind != JsonValueKind.Array)
        {
            error = new(TrustErrorCodes.MalformedChain, $"The x5c header is a JSON {x5c.ValueKind}, not an array of base64 strings (RFC 7515 §4.1.6).");
            return false;
        }

        var values = new List<string>();
        var index = 0;
        var max = (limits ?? X5cLimits.Default).MaxCertificates;
        foreach (var item in x5c.EnumerateArray())
        {
            if (index >= max)
            {
                error = TooMany(x5c.GetArrayLength(), max);
                return false;
            }

            if (item.ValueKind != JsonValueKind.String)
            {
                error = new(TrustErrorCodes.MalformedChain, $"x5c entry #{index} is a JSON {item.ValueKind}, not a base64 string (RFC 7515 §4.1.6).");
                return false;
            }

            values.Add(item.GetString()!);
            index++;
        }

        return TryParseX5c(values, out chain, out error, limits, cache);
    }

    /// <summary>Parses <c>x5c</c> values already taken out of their JSON array; see <see cref="TryParseX5c(JsonElement, out IReadOnlyList{X509Certificate2}?, out VerificationError?, X5cLimits?)"/>.</summary>
    /// <param name="x5c">The base64 strings, leaf first.</param>
    /// <param name="chain">The certificates, leaf first.</param>
    /// <param name="error">The reason for rejection, with a <see cref="TrustErrorCodes"/> code.</param>
    /// <param name="limits">Bounds; <see cref="X5cLimits.Default"/> when null.</param>
    public static bool TryParseX5c(
        IReadOnlyList<string> x5c,
        [NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain,
        [NotNullWhen(false)] out VerificationError? error,
        X5cLimits? limits = null) =>
        TryParseX5c(x5c, out chain, out error, limits, cache: null);

    private static bool TryParseX5c(
        IReadOnlyList<string> x5c,
        [NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain,
        [NotNullWhen(false)] out VerificationError? error,
        X5cLimits? limits,
        DecodedCertificateCache? cache)
    {
        ArgumentNullException.ThrowIfNull(x5c);
        limits ??= X5cLimits.Default;
        chain = null;
        if (!CheckCount(x5c.Count, limits, out error))
        {
            return false;
        }

        // Four base64 characters per three bytes, rounded up to a whole padded quantum.
        var maxChars = (limits.MaxCertificateLength + 2) / 3 * 4;
        var ders = new List<ReadOnlyMemory<byte>>(x5c.Count);
        for (var i = 0; i < x5c.Count; i++)
        {
            var value = x5c[i] ?? throw new ArgumentException("An x5c value is null.", nameof(x5c));
            if (value.Length > maxChars)
            {
                error = TooLarge(i, $"{value.Length} base64 characters", limits);
                return false;
            }

            if (!TryDecodeStandardBase64(value, out var der))
            {
                error = new(TrustErrorCodes.MalformedCertificate, $"x5c entry #{i} is not canonical standard base64 with padding (RFC 7515 §4.1.6 requires base64, not base64url).");
                return false;
            }

            ders.Add(der);
        }

        return TryParseDer(ders, out chain, out error, limits, cache);
    }

    /// <summary>
    /// Parses the CBOR-encoded value of a COSE <c>x5chain</c> header: one byte string holding the only certificate,
    /// or an array of two or more byte strings, leaf first (RFC 9360 §2: <c>COSE_X509 = bstr / [ 2*certs: bstr ]</c>).
    /// An array of one certificate does not match that grammar and is rejected.
    /// </summary>
    /// <param name="encodedValue">The CBOR encoding of the header value, e.g. <see cref="CoseHeaderValue.EncodedValue"/>.</param>
    /// <param name="chain">The certificates, leaf first.</param>
    /// <param name="error">The reason for rejection, with a <see cref="TrustErrorCodes"/> code.</param>
    /// <param name="limits">Bounds; <see cref="X5cLimits.Default"/> when null.</param>
    public static bool TryParseX5chain(
        ReadOnlyMemory<byte> encodedValue,
        [NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain,
        [NotNullWhen(false)] out VerificationError? error,
        X5cLimits? limits = null) =>
        TryParseX5chain(encodedValue, out chain, out error, limits, cache: null);

    /// <summary>As the public overload, with decoded certificates taken from and added to <paramref name="cache"/> (shared instances: not to be disposed).</summary>
    internal static bool TryParseX5chain(
        ReadOnlyMemory<byte> encodedValue,
        [NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain,
        [NotNullWhen(false)] out VerificationError? error,
        X5cLimits? limits,
        DecodedCertificateCache? cache)
    {
        limits ??= X5cLimits.Default;
        chain = null;
        var ders = new List<ReadOnlyMemory<byte>>();
        try
        {
            var reader = new CborReader(encodedValue, CborConformanceMode.Lax);
            switch (reader.PeekState())
            {
                case CborReaderState.ByteString:
                    ders.Add(reader.ReadDefiniteLengthByteString());
                    break;
                case CborReaderState.StartArray:
                    var count = reader.ReadStartArray();
                    if (count is null)
                    {
                        error = new(TrustErrorCodes.MalformedChain, "The x5chain array has an indefinite length; a COSE header value must be definite.");
                        return false;
                    }

                    if (count > limits.MaxCertificates)
                    {
                        error = TooMany(count.Value, limits.MaxCertificates);
                        return false;
                    }

                    if (count < 2)
                    {
                        error = new(TrustErrorCodes.MalformedChain, $"The x5chain array holds {count} certificate(s); a single certificate must be a byte string, an array must hold two or more (RFC 9360 §2).");
                        return false;
                    }

                    for (var i = 0; i < count; i++)
                    {
                        if (reader.PeekState() != CborReaderState.ByteString)
                        {
                            error = new(TrustErrorCodes.MalformedChain, $"x5chain entry #{i} is not a byte string (RFC 9360 §2).");
                            return false;
                        }

                        ders.Add(reader.ReadDefiniteLengthByteString());
                    }

                    reader.ReadEndArray();
                    break;
                default:
                    error = new(TrustErrorCodes.MalformedChain, "The x5chain header is neither a byte string nor an array of byte strings (RFC 9360 §2).");
                    return false;
            }

            if (reader.BytesRemaining != 0)
            {
                error = new(TrustErrorCodes.MalformedChain, "Bytes follow the x5chain header value.");
                return false;
            }
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException)
        {
            error = new(TrustErrorCodes.MalformedChain, "The x5chain header value is not well-formed CBOR.");
            return false;
        }

        return TryParseDer(ders, out chain, out error, limits, cache);
    }

    /// <summary>Parses a COSE <c>x5chain</c> header value; see <see cref="TryParseX5chain(ReadOnlyMemory{byte}, out IReadOnlyList{X509Certificate2}?, out VerificationError?, X5cLimits?)"/>.</summary>
    /// <param name="value">The header value as read from a <see cref="CoseHeaderMap"/>.</param>
    /// <param name="chain">The certificates, leaf first.</param>
    /// <param name="error">The reason for rejection, with a <see cref="TrustErrorCodes"/> code.</param>
    /// <param name="limits">Bounds; <see cref="X5cLimits.Default"/> when null.</param>
    public static bool TryParseX5chain(
        CoseHeaderValue value,
        [NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain,
        [NotNullWhen(false)] out VerificationError? error,
        X5cLimits? limits = null) =>
        TryParseX5chain(value.EncodedValue, out chain, out error, limits);

    /// <summary>Parses DER certificates, leaf first; each must be exactly one DER-encoded X.509 certificate.</summary>
    /// <param name="certificates">The DER encodings.</param>
    /// <param name="chain">The certificates, leaf first.</param>
    /// <param name="error">The reason for rejection, with a <see cref="TrustErrorCodes"/> code.</param>
    /// <param name="limits">Bounds; <see cref="X5cLimits.Default"/> when null.</param>
    public static bool TryParseDer(
        IReadOnlyList<ReadOnlyMemory<byte>> certificates,
        [NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain,
        [NotNullWhen(false)] out VerificationError? error,
        X5cLimits? limits = null) =>
        TryParseDer(certificates, out chain, out error, limits, cache: null);

    private static bool TryParseDer(
        IReadOnlyList<ReadOnlyMemory<byte>> certificates,
        [NotNullWhen(true)] out IReadOnlyList<X509Certificate2>? chain,
        [NotNullWhen(false)] out VerificationError? error,
        X5cLimits? limits,
        DecodedCertificateCache? cache)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        limits ??= X5cLimits.Default;
        chain = null;
        if (!CheckCount(certificates.Count, limits, out error))
        {
            return false;
        }

        var parsed = new List<X509Certificate2>(certificates.Count);
        for (var i = 0; i < certificates.Count; i++)
        {
            var der = certificates[i].Span;
            if (der.Length > limits.MaxCertificateLength)
            {
                error = TooLarge(i, $"{der.Length} bytes", limits);
                DisposeAll(parsed);
                return false;
            }

            X509Certificate2? certificate;
            string? reason;
            if (!(cache is null
                ? CertificateDecoder.TryDecode(der, out certificate, out reason)
                : cache.TryDecode(der, out certificate, out reason)))
            {
                error = new(TrustErrorCodes.MalformedCertificate, $"Certificate #{i} of the chain is not a DER X.509 certificate: {reason}.");
                if (cache is null)
                {
                    DisposeAll(parsed);
                }

                return false;
            }

            parsed.Add(certificate);
        }

        chain = parsed;
        return true;
    }

    private static bool CheckCount(int count, X5cLimits limits, [NotNullWhen(false)] out VerificationError? error)
    {
        if (count == 0)
        {
            error = new(TrustErrorCodes.ChainEmpty, "The certificate chain is empty; at least the signing certificate is required.");
            return false;
        }

        if (count > limits.MaxCertificates)
        {
            error = TooMany(count, limits.MaxCertificates);
            return false;
        }

        error = null;
        return true;
    }

    private static VerificationError TooMany(int count, int max) =>
        new(TrustErrorCodes.ChainTooLong, $"The certificate chain holds {count} certificates; at most {max} are accepted.");

    private static VerificationError TooLarge(int index, string size, X5cLimits limits) =>
        new(TrustErrorCodes.MalformedCertificate, $"Certificate #{index} of the chain is {size}; at most {limits.MaxCertificateLength} DER bytes are accepted.");

    private static bool TryDecodeStandardBase64(string value, out byte[] bytes)
    {
        bytes = [];
        if (value.Length == 0 || value.Length % 4 != 0)
        {
            return false;
        }

        var padding = value.EndsWith("==", StringComparison.Ordinal) ? 2 : value.EndsWith('=') ? 1 : 0;
        for (var i = 0; i < value.Length - padding; i++)
        {
            var c = value[i];
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/'))
            {
                return false;
            }
        }

        bytes = Convert.FromBase64String(value);

        // Non-zero bits in the last character before padding decode to the same bytes; reject that second spelling.
        return string.Equals(Convert.ToBase64String(bytes), value, StringComparison.Ordinal);
    }

    private static void DisposeAll(List<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
