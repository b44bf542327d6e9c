namespace Wallet.Core.Dcql;

/// <summary>
/// One piece of trust information a credential can be matched on (OpenID4VP 1.0 §6.1.1), e.g. type
/// <see cref="TrustedAuthorityTypes.Aki"/> with the base64url KeyIdentifier of an AuthorityKeyIdentifier in the
/// issuer's certificate chain. The caller computes these from the verified credential.
/// </summary>
/// <param name="Type">The Trusted Authorities Query type.</param>
/// <param name="Value">The identifier, compared exactly with the query's <c>values</c>.</param>
public sealed record TrustedAuthorityIdentifier(string Type, string Value);
