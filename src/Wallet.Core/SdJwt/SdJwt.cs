using System.Diagnostics.CodeAnalysis;
using System.Text;
using Wallet.Core.Jose;

namespace Wallet.Core.SdJwt;

/// <summary>
/// An SD-JWT or SD-JWT+KB in compact serialization (RFC 9901 §4), parsed into its Issuer-signed JWT,
/// Disclosures and optional Key Binding JWT. Nothing is verified yet: see <see cref="SdJwtVerifier"/>.
/// </summary>
public sealed class SdJwt
{
    private readonly int _sdHashInputLength;
    private string? _sdHashInput;

    private SdJwt(string raw, CompactJws issuerSignedJwt, IReadOnlyList<Disclosure> disclosures, KeyBindingJwt? keyBinding, int sdHashInputLength)
    {
        Raw = raw;
        IssuerSignedJwt = issuerSignedJwt;
        Disclosures = disclosures;
        KeyBinding = keyBinding;
        _sdHashInputLength = sdHashInputLength;
    }

    /// <summary>The compact serialization exactly as received or created.</summary>
    public string Raw { get; }

    /// <summary>The Issuer-signed JWT.</summary>
    public CompactJws IssuerSignedJwt { get; }

    /// <summary>The Disclosures, in the order received.</summary>
    public IReadOnlyList<Disclosure> Disclosures { get; }

    /// <summary>The Key Binding JWT of an SD-JWT+KB; null for a plain SD-JWT.</summary>
    public KeyBindingJwt? KeyBinding { get; }

    /// <summary>
    /// <c>&lt;Issuer-signed JWT&gt;~&lt;D.1&gt;~…~&lt;D.N&gt;~</c> exactly as received: the input of <c>sd_hash</c> (RFC 9901 §4.3.1).
    /// </summary>
    public string SdHashInput => _sdHashInput ??= Raw[.._sdHashInputLength];

    /// <summary>The <c>sd_hash</c> input without copying it out of <see cref="Raw"/>.</summary>
    internal ReadOnlySpan<char> SdHashInputSpan => Raw.AsSpan(0, _sdHashInputLength);

    /// <summary>Parses within <see cref="SdJwtLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(string compact, [NotNullWhen(true)] out SdJwt? sdJwt, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(compact, SdJwtLimits.Default, out sdJwt, out error);

    /// <summary>Parses the compact serialization within <paramref name="limits"/>. Never throws for malformed input.</summary>
    public static bool TryParse(string compact, SdJwtLimits limits, [NotNullWhen(true)] out SdJwt? sdJwt, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(limits);
        sdJwt = null;
        if (compact.Length > limits.MaxLength)
        {
            error = new VerificationError(SdJwtErrorCodes.TooLarge, $"The SD-JWT is {compact.Length} characters long; the limit is {limits.MaxLength}.");
            return false;
        }

        var lastTilde = compact.LastIndexOf('~');
        if (lastTilde < 0)
        {
            error = new VerificationError(SdJwtErrorCodes.Malformed, "An SD-JWT must contain '~' separators; a trailing '~' is required even without Disclosures (RFC 9901 §4).");
            return false;
        }

        // Walk the separators in place: only each part is copied out, never the whole (possibly large) string.
        var body = compact.AsSpan(0, lastTilde);
        var disclosureCount = body.Count('~');
        if (disclosureCount > limits.MaxDisclosures)
        {
            error = new VerificationError(SdJwtErrorCodes.TooLarge, $"The SD-JWT has {disclosureCount} Disclosures; the limit is {limits.MaxDisclosures}.");
            return false;
        }

        var jwtEnd = body.IndexOf('~');
        if (jwtEnd < 0)
        {
            jwtEnd = body.Length;
        }

        if (!CompactJws.TryParse(compact[..jwtEnd], limits.Jose, out var issuerJwt, out var jwsError))
        {
            error = new VerificationError(SdJwtErrorCodes.IssuerJwtMalformed, $"The Issuer-signed JWT is malformed: {jwsError.Message}");
            return false;
        }

        var disclosures = new List<Disclosure>(disclosureCount);
        var start = jwtEnd + 1;
        for (var i = 1; i <= disclosureCount; i++)
        {
            var length = body[start..].IndexOf('~');
            if (length < 0)
            {
                length = body.Length - start;
            }

            if (length == 0)
            {
                error = new VerificationError(SdJwtErrorCodes.Malformed, $"Disclosure {i} is empty ('~~' in the SD-JWT, RFC 9901 §4).");
                return false;
            }

            var part = compact.Substring(start, length);
            start += length + 1;
            if (!Disclosure.TryParse(part, limits, out var disclosure, out var disclosureError))
            {
                error = disclosureError with { Message = $"Disclosure {i}: {disclosureError.Message}" };
                return false;
            }

            disclosures.Add(disclosure);
        }

        KeyBindingJwt? keyBinding = null;
        var last = compact[(lastTilde + 1)..];
        if (last.Length > 0 && !KeyBindingJwt.TryParse(last, limits, out keyBinding, out error))
        {
            return false;
        }

        sdJwt = new SdJwt(compact, issuerJwt, disclosures, keyBinding, lastTilde + 1);
        error = null;
        return true;
    }

    /// <summary>Builds the compact form from an Issuer-signed JWT and Disclosures, without Key Binding.</summary>
    public static string Compose(string issuerSignedJwt, IEnumerable<Disclosure> disclosures)
    {
        ArgumentNullException.ThrowIfNull(issuerSignedJwt);
        ArgumentNullException.ThrowIfNull(disclosures);
        var builder = new StringBuilder(issuerSignedJwt).Append('~');
        foreach (var disclosure in disclosures)
        {
            builder.Append(disclosure.Encoded).Append('~');
        }

        return builder.ToString();
    }

    /// <summary>The <c>sd_hash</c> of <paramref name="sdHashInput"/> (RFC 9901 §4.3.1).</summary>
    public static string ComputeSdHash(string sdHashInput, SdHashAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return algorithm.ComputeDigest(sdHashInput);
    }

    /// <inheritdoc />
    public override string ToString() => Raw;
}
