namespace Wallet.Core.Mdoc;

/// <summary>How a document's DeviceAuth authenticates the device (ISO/IEC 18013-5 9.1.3).</summary>
public enum DeviceAuthMethod
{
    /// <summary>The DeviceAuth has neither <c>deviceSignature</c> nor <c>deviceMac</c>.</summary>
    None,

    /// <summary><c>deviceSignature</c>: a COSE_Sign1 by the device key (the OpenID4VP case).</summary>
    Signature,

    /// <summary><c>deviceMac</c>: a COSE_Mac0 keyed by ECDH between the device key and the reader's ephemeral key (proximity).</summary>
    Mac,
}
