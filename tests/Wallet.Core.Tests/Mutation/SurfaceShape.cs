namespace Wallet.Core.Tests.Mutation;

/// <summary>How an artifact travels, which decides the families of changes that apply beyond single bytes.</summary>
internal enum SurfaceShape
{
    /// <summary>base64url segments separated by '.' or '~' (JWS, JWE, SD-JWT).</summary>
    Compact,

    /// <summary>JSON text as is (DCQL query, credential request body).</summary>
    Json,

    /// <summary>CBOR bytes (mdoc, status list CWT).</summary>
    Cbor,
}
