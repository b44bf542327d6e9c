using Wallet.Core.OpenId4Vci;

namespace Wallet.Client;

/// <summary>A Credential Offer with the metadata of the issuer that made it.</summary>
/// <param name="Offer">The offer.</param>
/// <param name="Issuer">The offering issuer.</param>
public sealed record ResolvedOffer(CredentialOffer Offer, IssuerContext Issuer);
