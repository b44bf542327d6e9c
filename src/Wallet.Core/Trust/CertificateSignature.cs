using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>Outcome of checking one certificate's signature against a candidate issuer key.</summary>
internal enum SignatureCheck
{
    Valid,
    Invalid,
    UnsupportedAlgorithm,
}

/// <summary>
/// Verifies a certificate's signature with an issuer's public key, independently of the platform chain engine,
/// so a failure can be attributed to one exact link of the chain.
/// </summary>
internal static class CertificateSignature
{
    private const string EcdsaSha256 = "1.2.840.10045.4.3.2";
    private const string EcdsaSha384 = "1.2.840.10045.4.3.3";
    private const string EcdsaSha512 = "1.2.840.10045.4.3.4";
    private const string RsaSha256 = "1.2.840.113549.1.1.11";
    private const string RsaSha384 = "1.2.840.113549.1.1.12";
    private const string RsaSha512 = "1.2.840.113549.1.1.13";
    private const string RsaPss = "1.2.840.113549.1.1.10";
    private const string Mgf1 = "1.2.840.113549.1.1.8";
    private const string Sha256 = "2.16.840.1.101.3.4.2.1";
    private const string Sha384 = "2.16.840.1.101.3.4.2.2";
    private const string Sha512 = "2.16.840.1.101.3.4.2.3";

    public static SignatureCheck Verify(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            return VerifyCore(certificate.RawData, issuer);
        }
        catch (AsnContentException)
        {
            return SignatureCheck.Invalid;
        }
        catch (CryptographicException)
        {
            return SignatureCheck.Invalid;
        }
    }

    private static SignatureCheck VerifyCore(byte[] certificateDer, X509Certificate2 issuer)
    {
        var outer = new AsnReader(certificateDer, AsnEncodingRules.DER).ReadSequence();
        var tbs = outer.ReadEncodedValue();
        var algorithm = outer.ReadEncodedValue();
        var signature = outer.ReadBitString(out var unusedBits);
        outer.ThrowIfNotEmpty();
        if (unusedBits != 0)
        {
            return SignatureCheck.Invalid;
        }

        // RFC 5280 §4.1.1.2: the outer signatureAlgorithm must equal the signature field inside the signed part;
        // otherwise an attacker could relabel the algorithm outside the signature.
        var tbsReader = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
        if (tbsReader.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            tbsReader.ReadEncodedValue();
        }

        tbsReader.ReadEncodedValue();
        if (!tbsReader.ReadEncodedValue().Span.SequenceEqual(algorithm.Span))
        {
            return SignatureCheck.Invalid;
        }

        var algorithmReader = new AsnReader(algorithm, AsnEncodingRules.DER).ReadSequence();
        var oid = algorithmReader.ReadObjectIdentifier();
        switch (oid)
        {
            case EcdsaSha256 or EcdsaSha384 or EcdsaSha512:
                if (algorithmReader.HasData)
                {
                    return SignatureCheck.Invalid;
                }

                using (var key = issuer.GetECDsaPublicKey())
                {
                    if (key is null)
                    {
                        return SignatureCheck.Invalid;
                    }

                    var hash = oid switch { EcdsaSha256 => HashAlgorithmName.SHA256, EcdsaSha384 => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
                    return key.VerifyData(tbs.Span, signature, hash, DSASignatureFormat.Rfc3279DerSequence) ? SignatureCheck.Valid : SignatureCheck.Invalid;
                }

            case RsaSha256 or RsaSha384 or RsaSha512:
                if (algorithmReader.HasData)
                {
                    algorithmReader.ReadNull();
                    algorithmReader.ThrowIfNotEmpty();
                }

                var rsaHash = oid switch { RsaSha256 => HashAlgorithmName.SHA256, RsaSha384 => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
                return VerifyRsa(issuer, tbs.Span, signature, rsaHash, RSASignaturePadding.Pkcs1);

            case RsaPss:
                var pssHash = ReadPssHash(algorithmReader);
                return pssHash is { } h ? VerifyRsa(issuer, tbs.Span, signature, h, RSASignaturePadding.Pss) : SignatureCheck.UnsupportedAlgorithm;

            default:
                return SignatureCheck.UnsupportedAlgorithm;
        }
    }

    private static SignatureCheck VerifyRsa(X509Certificate2 issuer, ReadOnlySpan<byte> tbs, ReadOnlySpan<byte> signature, HashAlgorithmName hash, RSASignaturePadding padding)
    {
        using var key = issuer.GetRSAPublicKey();
        if (key is null)
        {
            return SignatureCheck.Invalid;
        }

        return key.VerifyData(tbs, signature, hash, padding) ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    /// <summary>
    /// Reads RSASSA-PSS parameters (RFC 4055 §3.1). Only the profile the platform can verify is accepted:
    /// a SHA-2 hash, MGF1 with the same hash, a salt as long as the hash and the default trailer.
    /// </summary>
    private static HashAlgorithmName? ReadPssHash(AsnReader algorithmReader)
    {
        var parameters = algorithmReader.ReadSequence();
        algorithmReader.ThrowIfNotEmpty();
        if (!parameters.HasData)
        {
            return null;
        }

        var hashOid = parameters.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadSequence().ReadObjectIdentifier();
        (HashAlgorithmName Name, int Length)? hash = hashOid switch
        {
            Sha256 => (HashAlgorithmName.SHA256, 32),
            Sha384 => (HashAlgorithmName.SHA384, 48),
            Sha512 => (HashAlgorithmName.SHA512, 64),
            _ => null,
        };
        if (hash is null || !parameters.HasData)
        {
            return null;
        }

        var mgf = parameters.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)).ReadSequence();
        if (mgf.ReadObjectIdentifier() != Mgf1 || mgf.ReadSequence().ReadObjectIdentifier() != hashOid || !parameters.HasData)
        {
            return null;
        }

        var salt = parameters.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2, true)).ReadInteger();
        if (salt != hash.Value.Length || parameters.HasData)
        {
            return null;
        }

        return hash.Value.Name;
    }
}
