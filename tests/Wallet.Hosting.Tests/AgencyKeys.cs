using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;
using Wallet.Issuer.Signing;

namespace Wallet.Hosting.Tests;

/// <summary>The agency's key provider (in production an HSM behind <see cref="SigningKey"/>), registered with <c>UseSigningKeys&lt;AgencyKeys&gt;()</c>.</summary>
public sealed class AgencyKeys(AgencyPki pki) : IIssuerKeys
{
    public SigningKey CredentialSigner => pki.CredentialSigner;

    public SigningKey DocumentSigner => pki.DocumentSigner;

    public SigningKey StatusListSigner => pki.StatusListSigner;

    public X509Certificate2 RootCertificate => pki.Root;
}
