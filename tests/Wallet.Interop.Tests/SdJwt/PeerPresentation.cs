using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>What the peer issued and presented, its keys, the paths it calls presentable and the claims it reads back.</summary>
public sealed record PeerPresentation(
    string Issued,
    string Presentation,
    PublicJwk IssuerPublicJwk,
    JsonObject HolderPrivateJwk,
    IReadOnlyList<string> PresentableKeys,
    JsonObject PeerClaims);
