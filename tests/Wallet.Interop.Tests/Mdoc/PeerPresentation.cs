namespace Wallet.Interop.Tests.Mdoc;

/// <summary>A DeviceResponse the peer made (base64url, as a <c>vp_token</c> entry) and the SessionTranscript it signed over.</summary>
public sealed record PeerPresentation(string DeviceResponse, string SessionTranscriptHex);
