using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.Mdoc;

/// <summary>
/// The IssuerAuth COSE_Sign1 (ISO/IEC 18013-5 9.1.2.4): the document signer's signature over
/// <c>MobileSecurityObjectBytes = #6.24(bstr .cbor MSO)</c>, with <c>alg</c> in the protected header and the
/// document signer certificate chain in the unprotected <c>x5chain</c> (label 33). Parsing keeps the
/// received bytes; nothing here is trusted until <see cref="MdocVerifier"/> has checked it.
/// </summary>
public sealed class IssuerAuth
{
    private IssuerAuth(ReadOnlyMemory<byte> encoded, CoseStructure cose, MobileSecurityObject mso, ReadOnlyMemory<byte> msoBytes, IReadOnlyList<X509Certificate2> chain, string? chainProblem)
    {
        Encoded = encoded;
        Cose = cose;
        MobileSecurityObject = mso;
        MobileSecurityObjectBytes = msoBytes;
        CertificateChain = chain;
        CertificateChainProblem = chainProblem;
    }

    /// <summary>The COSE_Sign1 as received (or as produced: untagged).</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>The COSE <c>alg</c> of the protected header, or null when it is missing.</summary>
    public long? CoseAlgorithm => Cose.Algorithm;

    /// <summary>The document signer certificate chain from <c>x5chain</c>, leaf first; empty when absent or unreadable.</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>The signed MSO.</summary>
    public MobileSecurityObject MobileSecurityObject { get; }

    /// <summary>The payload exactly as signed: <c>#6.24(bstr .cbor MSO)</c>.</summary>
    public ReadOnlyMemory<byte> MobileSecurityObjectBytes { get; }

    internal CoseStructure Cose { get; }

    internal string? CertificateChainProblem { get; }

    internal static IssuerAuth Sign(MobileSecurityObject mso, SigningKey signingKey)
    {
        var unprotected = new CoseHeaderMap();
        if (signingKey.CertificateChain.Count > 0)
        {
            var x5chain = Cbor.Writer();
            if (signingKey.CertificateChain.Count == 1)
            {
                x5chain.WriteByteString(signingKey.CertificateChain[0].RawData);
            }
            else
            {
                x5chain.WriteStartArray(signingKey.CertificateChain.Count);
                foreach (var certificate in signingKey.CertificateChain)
                {
                    x5chain.WriteByteString(certificate.RawData);
                }

                x5chain.WriteEndArray();
            }

            unprotected[new CoseHeaderLabel((int)CoseStructure.X5ChainLabel)] = CoseHeaderValue.FromEncodedValue(x5chain.Encode());
        }

        var msoBytes = Cbor.WrapEmbedded(mso.Encoded.Span);
        var encoded = CoseStructure.SignUntagged(signingKey.Key, signingKey.Algorithm.HashAlgorithm, msoBytes, detached: false, unprotected);
        return Read(encoded, MdocLimits.Default, mso);
    }

    internal static IssuerAuth Read(ReadOnlyMemory<byte> encoded, MdocLimits limits, MobileSecurityObject? known = null)
    {
        const ulong CoseSign1Tag = 18;
        var cose = CoseStructure.Read(encoded, CoseSign1Tag, limits, MdocErrorCodes.IssuerAuthMalformed, "The IssuerAuth COSE_Sign1");
        if (cose.Payload is not { } payload)
        {
            throw new MdocFormatException(MdocErrorCodes.IssuerAuthMalformed, "The IssuerAuth COSE_Sign1 has a detached payload; the MSO must be embedded.");
        }

        ReadOnlyMemory<byte> msoContent;
        try
        {
            // A payload that is not one CBOR item is as much a broken MobileSecurityObjectBytes as a wrong tag.
            Cbor.Check(payload, limits, "The IssuerAuth payload (MobileSecurityObjectBytes)");
            msoContent = Cbor.ReadEmbedded(payload, limits, "The IssuerAuth payload (MobileSecurityObjectBytes)");
        }
        catch (MdocFormatException e) when (e.Error.Code == MdocErrorCodes.Malformed)
        {
            throw new MdocFormatException(MdocErrorCodes.MsoInvalid, e.Error.Message);
        }

        var mso = known ?? MobileSecurityObject.Read(msoContent);
        var (chain, problem) = ReadChain(cose);
        return new IssuerAuth(encoded, cose, mso, payload, chain, problem);
    }

    internal bool VerifySignature(ECDsa key, HashAlgorithmName hash) => Cose.VerifySignature(key, hash, MobileSecurityObjectBytes.Span);

    private static (IReadOnlyList<X509Certificate2> Chain, string? Problem) ReadChain(CoseStructure cose)
    {
        if (!cose.Unprotected.TryGetValue(CoseStructure.X5ChainLabel, out var raw))
        {
            return ([], cose.ProtectedHeaders.ContainsKey(CoseStructure.X5ChainLabel)
                ? "x5chain (33) is in the protected header; ISO/IEC 18013-5 9.1.2.4 puts it in the unprotected header"
                : "the unprotected header has no x5chain (33)");
        }

        if (!X5cParser.TryParseX5chain(raw, out var chain, out var error, null, DecodedCertificateCache.Shared))
        {
            return ([], $"{error.Code}: {error.Message.TrimEnd('.')}");
        }

        return (chain, null);
    }
}
