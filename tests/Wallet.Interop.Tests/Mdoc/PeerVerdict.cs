using System.Text.Json.Nodes;

namespace Wallet.Interop.Tests.Mdoc;

/// <summary>The peer's verdict: every check it failed, and the disclosed elements when it accepted.</summary>
public sealed record PeerVerdict(bool Verified, IReadOnlyList<string> Failed, JsonArray Documents)
{
    public override string ToString() => Verified ? "verified" : "rejected: " + string.Join("; ", Failed);
}
