using System.Text.Json.Nodes;

namespace Wallet.Core.Representation;

/// <summary>What a verified presentation brought for a representation decision.</summary>
/// <param name="Pid">The verified PID attributes of the person acting (SD-JWT VC claims, or the PID mdoc namespace's elements), or null.</param>
/// <param name="PidHolderBound">True when the PID's proof of possession verified.</param>
/// <param name="Representation">The verified representation attributes (SD-JWT VC claims or the POR mdoc namespace's elements), or null.</param>
/// <param name="RepresentationHolderBound">True when the representation's proof of possession verified.</param>
/// <param name="RepresentationStatus"><c>valid</c>, <c>revoked</c>, <c>suspended</c> or <c>unchecked</c>.</param>
public sealed record RepresentationEvidence(JsonObject? Pid, bool PidHolderBound, JsonObject? Representation, bool RepresentationHolderBound, string RepresentationStatus);
