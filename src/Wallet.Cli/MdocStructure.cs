using Wallet.Core;
using Wallet.Core.Mdoc;

namespace Wallet.Cli;

/// <summary>An mdoc input: exactly one of an issued mdoc, a presentation, or why neither could be read.</summary>
internal sealed record MdocStructure(IssuerSigned? IssuerSigned, DeviceResponse? DeviceResponse, VerificationError? Error);
