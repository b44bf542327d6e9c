using System.Formats.Cbor;
using System.Security.Cryptography.Cose;
using System.Text;
using System.Text.Json;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.StatusList;

/// <summary>
/// The claims of a Status List Token (draft-ietf-oauth-status-list-20 §5): the list, the URI it is served
/// at (<c>sub</c>) and its lifetime. Creates the signed JWT (§5.1) and CWT (§5.2) forms; verified tokens come
/// from <see cref="StatusListTokenVerifier"/>.
/// </summary>
public sealed class StatusListToken
{
    /// <summary>CWT claim key of <c>ttl</c> (§5.2).</summary>
    public const int TtlClaimKey = 65534;

    /// <summary>CWT claim key of <c>status_list</c> (§5.2).</summary>
    public const int StatusListClaimKey = 65533;

    private const int CoseTypeLabel = 16;

    /// <summary>Creates the claims of a Status List Token.</summary>
    /// <param name="subject">The <c>sub</c>: the URI the token is served at, equal to the Referenced Tokens' <c>uri</c>.</param>
    /// <param name="issuedAt">The <c>iat</c>.</param>
    /// <param name="statusList">The <c>status_list</c>.</param>
    /// <param name="expiresAt">The optional <c>exp</c>.</param>
    /// <param name="timeToLive">The optional <c>ttl</c>, in whole seconds, at least one.</param>
    /// <param name="issuer">The optional <c>iss</c>.</param>
    public StatusListToken(Uri subject, DateTimeOffset issuedAt, StatusList statusList, DateTimeOffset? expiresAt = null, TimeSpan? timeToLive = null, string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(statusList);
        if (!subject.IsAbsoluteUri)
        {
            throw new ArgumentException("The subject must be an absolute URI.", nameof(subject));
        }

        if (timeToLive is { } ttl && ttl < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), ttl, "ttl must be a positive number of seconds (§5.1).");
        }

        if (expiresAt is { } exp && exp <= issuedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), exp, "exp must lie after iat.");
        }

        Subject = subject;
        IssuedAt = issuedAt;
        StatusList = statusList;
        ExpiresAt = expiresAt;
        TimeToLive = timeToLive;
        Issuer = issuer;
    }

    /// <summary>The <c>sub</c> claim.</summary>
    public Uri Subject { get; }

    /// <summary>The <c>iat</c> claim.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>The <c>exp</c> claim, when present.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The <c>ttl</c> claim, when present: how long a consumer may cache the token.</summary>
    public TimeSpan? TimeToLive { get; }

    /// <summary>The <c>iss</c> claim, when present.</summary>
    public string? Issuer { get; }

    /// <summary>The <c>status_list</c> claim.</summary>
    public StatusList StatusList { get; }

    /// <summary>
    /// Signs the JWT form (§5.1) with <c>typ</c> <c>statuslist+jwt</c>. The key's certificate chain, when it
    /// has one, goes in <c>x5c</c> (HAIP 1.0 wants the status list signer's certificate there); its <c>kid</c>, when set, in <c>kid</c>.
    /// </summary>
    public string ToJwt(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("sub", Subject.OriginalString);
            json.WriteNumber("iat", IssuedAt.ToUnixTimeSeconds());
            if (ExpiresAt is { } exp)
            {
                json.WriteNumber("exp", exp.ToUnixTimeSeconds());
            }

            if (TimeToLive is { } ttl)
            {
                json.WriteNumber("ttl", (long)ttl.TotalSeconds);
            }

            if (Issuer is not null)
            {
                json.WriteString("iss", Issuer);
            }

            json.WritePropertyName("status_list");
            StatusList.ToJsonObject().WriteTo(json);
            json.WriteEndObject();
        }

        return JwsWriter.Sign(key, StatusListMediaTypes.JwtType, Encoding.UTF8.GetString(buffer.ToArray()), includeCertificateChain: key.CertificateChain.Count > 0);
    }

    /// <summary>
    /// Signs the CWT form (§5.2): a tagged COSE_Sign1 (tag 18, no CWT tag 61) whose protected header holds
    /// <c>alg</c> and <c>typ</c> (label 16) <c>application/statuslist+cwt</c>; <c>kid</c> and the certificate chain
    /// (<c>x5chain</c>, label 33, RFC 9360) go in the unprotected header when the key has them.
    /// </summary>
    public byte[] ToCwt(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new CborWriter(CborConformanceMode.Strict);
        var count = 3 + (ExpiresAt is null ? 0 : 1) + (TimeToLive is null ? 0 : 1) + (Issuer is null ? 0 : 1);
        claims.WriteStartMap(count);
        if (Issuer is not null)
        {
            claims.WriteInt32(1);
            claims.WriteTextString(Issuer);
        }

        claims.WriteInt32(2);
        claims.WriteTextString(Subject.OriginalString);
        if (ExpiresAt is { } exp)
        {
            claims.WriteInt32(4);
            claims.WriteInt64(exp.ToUnixTimeSeconds());
        }

        claims.WriteInt32(6);
        claims.WriteInt64(IssuedAt.ToUnixTimeSeconds());
        claims.WriteInt32(StatusListClaimKey);
        StatusList.WriteCbor(claims);
        if (TimeToLive is { } ttl)
        {
            claims.WriteInt32(TtlClaimKey);
            claims.WriteInt64((long)ttl.TotalSeconds);
        }

        claims.WriteEndMap();

        var protectedHeaders = new CoseHeaderMap
        {
            [CoseHeaderLabel.Algorithm] = CoseHeaderValue.FromInt32(key.Algorithm.CoseAlgorithm),
            [new CoseHeaderLabel(CoseTypeLabel)] = CoseHeaderValue.FromString(StatusListMediaTypes.Cwt),
        };
        var unprotectedHeaders = new CoseHeaderMap();
        if (key.KeyId is not null)
        {
            unprotectedHeaders[CoseHeaderLabel.KeyIdentifier] = CoseHeaderValue.FromBytes(Encoding.UTF8.GetBytes(key.KeyId));
        }

        if (key.CertificateChain.Count > 0)
        {
            var chain = new CborWriter();
            if (key.CertificateChain.Count == 1)
            {
                chain.WriteByteString(key.CertificateChain[0].RawData);
            }
            else
            {
                chain.WriteStartArray(key.CertificateChain.Count);
                foreach (var certificate in key.CertificateChain)
                {
                    chain.WriteByteString(certificate.RawData);
                }

                chain.WriteEndArray();
            }

            unprotectedHeaders[new CoseHeaderLabel(X5cParser.X5ChainLabel)] = CoseHeaderValue.FromEncodedValue(chain.Encode());
        }

        var signer = new CoseSigner(key.Key, key.Algorithm.HashAlgorithm, protectedHeaders, unprotectedHeaders);
        return CoseSign1Message.SignEmbedded(claims.Encode(), signer);
    }
}
