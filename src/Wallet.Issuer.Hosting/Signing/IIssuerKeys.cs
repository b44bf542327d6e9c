using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;

namespace Wallet.Issuer.Signing;

/// <summary>
/// The issuer's signing keys, each with its certificate chain (leaf first, root excluded). Behind an interface so that
/// an HSM-backed implementation (an <see cref="System.Security.Cryptography.ECDsa"/> subclass in a
/// <see cref="SigningKey"/>) can replace the file-based one: <c>AddPidIssuer().UseSigningKeys&lt;T&gt;()</c>. The two credential
/// signers are read for every credential, so a provider may rotate them; the status-list signer is read once at start.
/// </summary>
public interface IIssuerKeys
{
    /// <summary>Signs SD-JWT VCs (<c>x5c</c>).</summary>
    SigningKey CredentialSigner { get; }

    /// <summary>Signs mdoc MSOs (<c>x5chain</c>); its certificate carries the document signer EKU.</summary>
    SigningKey DocumentSigner { get; }

    /// <summary>Signs Status List Tokens.</summary>
    SigningKey StatusListSigner { get; }

    /// <summary>The root (IACA) the three chains end at; relying parties and wallets trust it.</summary>
    X509Certificate2 RootCertificate { get; }
}
