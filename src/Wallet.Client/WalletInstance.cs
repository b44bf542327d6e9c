using Wallet.Core.Jose;
using Wallet.Core.OAuth;

namespace Wallet.Client;

/// <summary>
/// One wallet instance as its wallet provider attested it: the Wallet Attestation JWT (whose <c>cnf</c> is
/// <see cref="InstanceKey"/>) and the key that signs each attestation proof of possession.
/// </summary>
/// <param name="ClientId">The attestation's <c>sub</c>: the wallet's OAuth <c>client_id</c>.</param>
/// <param name="Attestation">The <c>OAuth-Client-Attestation</c> JWT.</param>
/// <param name="InstanceKey">The instance key the attestation binds.</param>
public sealed record WalletInstance(string ClientId, string Attestation, SigningKey InstanceKey)
{
    /// <summary>Adds the attestation and a fresh proof of possession for <paramref name="audience"/> (the authorization server's issuer) to <paramref name="request"/>.</summary>
    public void Authenticate(HttpRequestMessage request, string audience, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add(ClientAttestation.HeaderName, Attestation);
        request.Headers.Add(ClientAttestation.PopHeaderName, ClientAttestation.CreatePop(InstanceKey, audience, now));
    }
}
