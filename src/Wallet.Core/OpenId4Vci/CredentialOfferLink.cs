using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The link that carries a Credential Offer to the Wallet's Credential Offer Endpoint (OpenID4VCI 1.0 §4.1): exactly one
/// of <c>credential_offer</c> (the offer by value) and <c>credential_offer_uri</c> (by reference, an https URL the
/// Wallet fetches with GET).
/// </summary>
public sealed record CredentialOfferLink
{
    /// <summary>The default Wallet Credential Offer Endpoint (§12.1.1).</summary>
    public const string DefaultScheme = "openid-credential-offer";

    private CredentialOfferLink(CredentialOffer? offer, Uri? offerUri)
    {
        Offer = offer;
        OfferUri = offerUri;
    }

    /// <summary>The offer, when passed by value.</summary>
    public CredentialOffer? Offer { get; }

    /// <summary>Where to fetch the offer, when passed by reference.</summary>
    public Uri? OfferUri { get; }

    /// <summary>A link carrying the offer by value.</summary>
    public static CredentialOfferLink ByValue(CredentialOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new CredentialOfferLink(offer, null);
    }

    /// <summary>A link carrying the offer by reference.</summary>
    /// <exception cref="ArgumentException">The URI is not https.</exception>
    public static CredentialOfferLink ByReference(Uri offerUri)
    {
        ArgumentNullException.ThrowIfNull(offerUri);
        if (!JsonInput.IsHttpsUrl(offerUri.AbsoluteUri))
        {
            throw new ArgumentException("credential_offer_uri must be an https URL (§4.1.3).", nameof(offerUri));
        }

        return new CredentialOfferLink(null, offerUri);
    }

    /// <summary>The link as a URI on the Wallet's Credential Offer Endpoint, <c>openid-credential-offer://</c> by default.</summary>
    public string ToUri(string walletEndpoint = DefaultScheme + "://")
    {
        ArgumentException.ThrowIfNullOrEmpty(walletEndpoint);
        var query = OfferUri is { } uri
            ? "credential_offer_uri=" + Uri.EscapeDataString(uri.AbsoluteUri)
            : "credential_offer=" + Uri.EscapeDataString(Offer!.ToJson());
        return walletEndpoint + (walletEndpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    /// <summary>Parses within <see cref="OpenId4VciLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(string link, [NotNullWhen(true)] out CredentialOfferLink? result, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(link, OpenId4VciLimits.Default, out result, out error);

    /// <summary>
    /// Parses a link as received by the Wallet (any scheme): exactly one of the two parameters, an https
    /// <c>credential_offer_uri</c> or a valid offer object.
    /// </summary>
    public static bool TryParse(string link, OpenId4VciLimits limits, [NotNullWhen(true)] out CredentialOfferLink? result, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(limits);
        result = null;
        var queryStart = link.IndexOf('?', StringComparison.Ordinal);
        if (link.Length > limits.MaxOfferLength * 3 || queryStart < 0)
        {
            error = new(OpenId4VciErrorCodes.OfferLinkInvalid, "The Credential Offer link has no query part or is too long (§4.1).");
            return false;
        }

        var query = link[(queryStart + 1)..];
        var fragment = query.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            query = query[..fragment];
        }

        var values = new List<(string Name, string Value)>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            try
            {
                values.Add((Uri.UnescapeDataString(name.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
            }
            catch (UriFormatException)
            {
                error = new(OpenId4VciErrorCodes.OfferLinkInvalid, "The Credential Offer link has a malformed percent-encoding (§4.1).");
                return false;
            }
        }

        var byValue = values.Where(v => v.Name == "credential_offer").ToList();
        var byReference = values.Where(v => v.Name == "credential_offer_uri").ToList();
        if (byValue.Count + byReference.Count != 1)
        {
            error = new(OpenId4VciErrorCodes.OfferLinkInvalid, "The link must carry exactly one 'credential_offer' or one 'credential_offer_uri' parameter, never both (§4.1).");
            return false;
        }

        if (byReference.Count == 1)
        {
            if (!JsonInput.IsHttpsUrl(byReference[0].Value) || byReference[0].Value.Length > limits.MaxStringLength)
            {
                error = new(OpenId4VciErrorCodes.OfferUriInvalid, "'credential_offer_uri' must be an https URL (§4.1.3).");
                return false;
            }

            result = new CredentialOfferLink(null, new Uri(byReference[0].Value));
            error = null;
            return true;
        }

        if (!CredentialOffer.TryParse(byValue[0].Value, limits, out var offer, out error))
        {
            return false;
        }

        result = new CredentialOfferLink(offer, null);
        return true;
    }
}
