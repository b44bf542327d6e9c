using System.Text.Json.Nodes;
using Wallet.Core.Credentials;

namespace Wallet.Cli.Commands;

/// <summary>The parts of a <c>wallet verify</c> report that both formats fill from the shared result surface.</summary>
internal static class CredentialReport
{
    /// <summary>The subjects of the validated Issuer chain, leaf first, ending with the trust anchor; empty unless valid.</summary>
    public static JsonArray Chain(CredentialVerificationResult result) =>
        new(result.IssuerChain.Select(c => (JsonNode)c.Subject).ToArray());
}
