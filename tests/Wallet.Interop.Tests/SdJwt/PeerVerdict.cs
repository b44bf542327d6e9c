using System.Text.Json.Nodes;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>The peer's verification outcome: the header, processed claims and KB-JWT when verified, its error otherwise.</summary>
public sealed record PeerVerdict(bool Verified, string? Error, JsonObject? Header, JsonObject? Claims, JsonObject? KeyBinding);
