using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Wallet.Core.Credentials;
using Wallet.Core.Jose;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.Mdoc;

/// <summary>
/// The verifier (reader) side of ISO/IEC 18013-5 9.3: issuer data authentication (x5chain to a trusted IACA,
/// IssuerAuth signature, every presented digest against the MSO over the exact received bytes, docType,
/// validity window) and mdoc authentication (deviceSignature or deviceMac over DeviceAuthenticationBytes for
/// the caller's SessionTranscript), then the Token Status List reference. Every failed check is reported.
/// </summary>
public sealed class MdocVerifier
{
    private static readonly byte[] EMacKeyInfo = Encoding.ASCII.GetBytes("EMacKey");
    private readonly MdocVerifierOptions _options;

    /// <summary>Creates a verifier.</summary>
    public MdocVerifier(MdocVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.ChainValidator, nameof(options));
        _options = options;
    }

    /// <summary>Verifies an OpenID4VP <c>vp_token</c> entry: <c>base64url(CBOR(DeviceResponse))</c>.</summary>
    public ValueTask<MdocVerificationResult> VerifyAsync(string vpToken, SessionTranscript transcript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vpToken);
        ArgumentNullException.ThrowIfNull(transcript);
        return DeviceResponse.TryParseBase64Url(vpToken, out var response, out var error, _options.Limits)
            ? VerifyAsync(response, transcript, cancellationToken)
            : ValueTask.FromResult(new MdocVerificationResult([error], []));
    }

    /// <summary>Verifies an encoded DeviceResponse.</summary>
    public ValueTask<MdocVerificationResult> VerifyAsync(ReadOnlyMemory<byte> deviceResponse, SessionTranscript transcript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return DeviceResponse.TryParse(deviceResponse, out var response, out var error, _options.Limits)
            ? VerifyAsync(response, transcript, cancellationToken)
            : ValueTask.FromResult(new MdocVerificationResult([error], []));
    }

    /// <summary>Verifies a parsed DeviceResponse against the SessionTranscript of this presentation.</summary>
    public async ValueTask<MdocVerificationResult> VerifyAsync(DeviceResponse response, SessionTranscript transcript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(transcript);
        var errors = new List<VerificationError>();
        if (response.Version != DeviceResponse.CurrentVersion)
        {
            errors.Add(new(MdocErrorCodes.UnsupportedVersion, $"The DeviceResponse version is '{response.Version}'; only '1.0' is supported (8.3.2.1.2.2)."));
        }

        if (response.Status != DeviceResponse.StatusOk)
        {
            errors.Add(new(MdocErrorCodes.ResponseStatus, $"The DeviceResponse status is {response.Status}, not 0 (OK) (8.3.2.1.2.3)."));
        }

        if (response.Documents.Count == 0)
        {
            errors.Add(new(MdocErrorCodes.NoDocuments, "The DeviceResponse carries no document."));
        }

        var documents = new List<MdocDocumentResult>(response.Documents.Count);
        foreach (var document in response.Documents)
        {
            documents.Add(await VerifyDocumentAsync(document.DocType, document.IssuerSigned, document.DeviceSigned, transcript, cancellationToken).ConfigureAwait(false));
        }

        return new MdocVerificationResult(errors, documents);
    }

    /// <summary>
    /// Verifies issuer data only (no device authentication): what a wallet checks on a credential it just
    /// received over OpenID4VCI.
    /// </summary>
    public ValueTask<MdocDocumentResult> VerifyIssuerSignedAsync(IssuerSigned issuerSigned, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuerSigned);
        return VerifyDocumentAsync(issuerSigned.DocType, issuerSigned, null, null, cancellationToken);
    }

    private async ValueTask<MdocDocumentResult> VerifyDocumentAsync(string docType, IssuerSigned issuerSigned, DeviceSigned? deviceSigned, SessionTranscript? transcript, CancellationToken cancellationToken)
    {
        var errors = new List<VerificationError>();
        var now = _options.TimeProvider.GetUtcNow();
        var issuerAuth = issuerSigned.IssuerAuth;
        var mso = issuerAuth.MobileSecurityObject;

        var algorithm = ResolveIssuerAlgorithm(issuerAuth, errors);
        var (leaf, trust) = ValidateChain(issuerAuth, now, errors);
        var signatureValid = VerifyIssuerSignature(issuerAuth, algorithm, errors);

        if (mso.Version != MobileSecurityObject.CurrentVersion)
        {
            errors.Add(new(MdocErrorCodes.UnsupportedVersion, $"The MSO version is '{mso.Version}'; only '1.0' is supported (9.1.2.4)."));
        }

        if (!string.Equals(mso.DocType, docType, StringComparison.Ordinal))
        {
            errors.Add(new(MdocErrorCodes.DocTypeMismatch, $"The Document docType '{docType}' differs from the MSO docType '{mso.DocType}' (9.3.1)."));
        }

        CheckValidity(mso.ValidityInfo, leaf, now, errors);
        var elements = CheckDigests(issuerSigned, mso, errors);

        // Device authentication proves possession of the MSO device key (9.1.3); without a transcript none was asked for.
        var method = DeviceAuthMethod.None;
        var holderBinding = new HolderBinding(HolderBindingOutcome.NotRequested);
        if (transcript is not null)
        {
            method = deviceSigned?.AuthMethod ?? DeviceAuthMethod.None;
            var beforeDeviceAuth = errors.Count;
            CheckDeviceAuth(docType, deviceSigned, mso.DeviceKey, transcript, errors);
            holderBinding = errors.Count > beforeDeviceAuth
                ? new HolderBinding(HolderBindingOutcome.Failed)
                : new HolderBinding(HolderBindingOutcome.Verified, mso.DeviceKey.Jwk);
        }

        // The device key was imported when the MSO was read and served this one check: freed here, not on the finalizer
        // thread. The holder binding keeps the JWK (data, thumbprint).
        mso.DeviceKey.Jwk.ReleaseImportedKey();

        // The status URI is only fetched for an MSO whose signature and chain hold: otherwise its
        // content is attacker-chosen and fetching it would be a request forgery.
        var status = mso.HasStatus ? CredentialStatus.Unchecked : CredentialStatus.None;
        if (mso.HasStatus && _options.StatusChecker is { } checker && signatureValid && trust is { IsValid: true })
        {
            status = await CheckStatusAsync(checker, mso.StatusList, errors, cancellationToken).ConfigureAwait(false);
        }
        else if (mso.HasStatus && _options.StatusChecker is null && !_options.AllowUncheckedStatus)
        {
            errors.Add(new(MdocErrorCodes.StatusUnchecked, "The MSO has a status reference but no status checker is configured; failing closed (MdocVerifierOptions.AllowUncheckedStatus accepts it)."));
        }

        return new MdocDocumentResult(docType, errors, leaf, trust, mso.ValidityInfo, method, holderBinding, mso.StatusList, status, elements);
    }

    private JwsAlgorithm? ResolveIssuerAlgorithm(IssuerAuth issuerAuth, List<VerificationError> errors)
    {
        var id = issuerAuth.CoseAlgorithm;
        if (id is { } value && value is >= int.MinValue and <= int.MaxValue
            && JwsAlgorithm.TryFromCose((int)value, out var algorithm)
            && _options.IssuerAuthAlgorithms.Allowed.Contains(algorithm))
        {
            return algorithm;
        }

        errors.Add(new(
            MdocErrorCodes.IssuerAuthAlgorithmNotAllowed,
            id is null
                ? "The IssuerAuth protected header has no integer 'alg' (1) (9.1.2.4)."
                : $"The IssuerAuth 'alg' {id} is not on the allow-list ({string.Join(", ", _options.IssuerAuthAlgorithms.Allowed.Select(a => $"{a.Name} = {a.CoseAlgorithm}"))})."));
        return null;
    }

    private (X509Certificate2? Leaf, CertificateChainValidationResult? Trust) ValidateChain(IssuerAuth issuerAuth, DateTimeOffset now, List<VerificationError> errors)
    {
        if (issuerAuth.CertificateChainProblem is { } problem)
        {
            errors.Add(new(MdocErrorCodes.X5ChainInvalid, $"The IssuerAuth x5chain is unusable: {problem}."));
            return (null, null);
        }

        var leaf = issuerAuth.CertificateChain[0];
        CertificateChainValidationResult result;
        try
        {
            result = _options.ChainValidator.Validate(issuerAuth.CertificateChain, CertificateUsage.MdocDocumentSigner, now);
        }
        catch (CryptographicException e)
        {
            // A certificate the platform cannot decode is untrusted, whichever validator is plugged in.
            errors.Add(new(MdocErrorCodes.ChainUntrusted, $"The document signer chain of '{leaf.Subject}' could not be validated: {e.Message}"));
            return (leaf, null);
        }

        if (result.IsValid)
        {
            return (leaf, result);
        }

        foreach (var error in result.Errors)
        {
            errors.Add(new(MdocErrorCodes.ChainUntrusted, $"The document signer chain of '{leaf.Subject}' is not trusted: {error.Code}: {error.Message}"));
        }

        return (leaf, null);
    }

    private static bool VerifyIssuerSignature(IssuerAuth issuerAuth, JwsAlgorithm? algorithm, List<VerificationError> errors)
    {
        if (issuerAuth.CertificateChain.Count == 0 || algorithm is null)
        {
            // Without a key or an algorithm there is nothing to verify; both failures are already reported.
            return false;
        }

        var leaf = issuerAuth.CertificateChain[0];
        using var key = ReadPublicKey(leaf);
        if (key is null)
        {
            errors.Add(new(MdocErrorCodes.IssuerSignatureInvalid, $"The document signer certificate '{leaf.Subject}' has no readable EC public key."));
            return false;
        }

        var keyAlgorithm = KeyAlgorithm(key);
        if (!algorithm.Equals(keyAlgorithm))
        {
            errors.Add(new(MdocErrorCodes.IssuerAuthAlgorithmNotAllowed, $"The IssuerAuth 'alg' {algorithm.Name} does not fit the curve of the document signer key."));
            return false;
        }

        if (!issuerAuth.VerifySignature(key, algorithm.HashAlgorithm))
        {
            errors.Add(new(MdocErrorCodes.IssuerSignatureInvalid, $"The IssuerAuth signature does not verify with the key of '{leaf.Subject}' (9.3.1)."));
            return false;
        }

        return true;
    }

    private static ECDsa? ReadPublicKey(X509Certificate2 certificate)
    {
        try
        {
            return certificate.GetECDsaPublicKey();
        }
        catch (CryptographicException)
        {
            // A certificate whose key bytes do not decode: reported like a certificate without an EC key.
            return null;
        }
    }

    private static JwsAlgorithm? KeyAlgorithm(ECDsa key)
    {
        try
        {
            return PublicJwk.FromECDsa(key).Algorithm;
        }
        catch (ArgumentException)
        {
            // A curve other than P-256/384/521: no allowed algorithm fits it.
            return null;
        }
    }

    private void CheckValidity(ValidityInfo validity, X509Certificate2? leaf, DateTimeOffset now, List<VerificationError> errors)
    {
        if (validity.ValidFrom > now + _options.ClockSkew)
        {
            errors.Add(new(MdocErrorCodes.NotYetValid, $"The MSO validFrom {Cbor.FormatTdate(validity.ValidFrom)} is in the future (9.3.1)."));
        }

        if (validity.ValidUntil < now - _options.ClockSkew)
        {
            errors.Add(new(MdocErrorCodes.Expired, $"The MSO validUntil {Cbor.FormatTdate(validity.ValidUntil)} has passed (9.3.1)."));
        }

        if (validity.ValidUntil < validity.ValidFrom || validity.ValidFrom < validity.Signed)
        {
            errors.Add(new(MdocErrorCodes.ValidityInconsistent, "The MSO validityInfo requires signed <= validFrom <= validUntil (9.1.2.4)."));
        }

        if (leaf is not null)
        {
            var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime());
            var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
            if (validity.Signed < notBefore || validity.Signed > notAfter)
            {
                errors.Add(new(MdocErrorCodes.SignedOutsideCertificateValidity, $"The MSO was signed at {Cbor.FormatTdate(validity.Signed)}, outside the validity of document signer '{leaf.Subject}' (9.3.1)."));
            }
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<string, CborValue>> CheckDigests(IssuerSigned issuerSigned, MobileSecurityObject mso, List<VerificationError> errors)
    {
        var verified = new Dictionary<string, IReadOnlyDictionary<string, CborValue>>(StringComparer.Ordinal);
        foreach (var (nameSpace, items) in issuerSigned.NameSpaces)
        {
            mso.ValueDigests.TryGetValue(nameSpace, out var digests);
            var elements = new Dictionary<string, CborValue>(StringComparer.Ordinal);
            var seenIds = new HashSet<int>();
            var seenElements = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var where = $"element '{item.ElementIdentifier}' (digestID {item.DigestId}) of namespace '{nameSpace}'";
                if (!seenIds.Add(item.DigestId) | !seenElements.Add(item.ElementIdentifier))
                {
                    errors.Add(new(MdocErrorCodes.DuplicateElement, $"The {where} is presented more than once."));
                    continue;
                }

                if (item.Random.Length < IssuerSignedItem.MinimumRandomLength)
                {
                    errors.Add(new(MdocErrorCodes.ItemInvalid, $"The random of {where} is {item.Random.Length} bytes; at least 16 are required (9.1.2.5)."));
                    continue;
                }

                if (digests is null || !digests.TryGetValue(item.DigestId, out var expected))
                {
                    errors.Add(new(MdocErrorCodes.DigestMissing, $"The MSO has no value digest for {where} (9.3.1)."));
                    continue;
                }

                if (!CryptographicOperations.FixedTimeEquals(item.ComputeDigest(mso.DigestAlgorithm), expected.Span))
                {
                    errors.Add(new(MdocErrorCodes.DigestMismatch, $"The digest of {where} does not match the MSO value digest (9.3.1)."));
                    continue;
                }

                elements[item.ElementIdentifier] = item.ElementValue;
            }

            if (elements.Count > 0)
            {
                verified[nameSpace] = elements;
            }
        }

        return verified;
    }

    private void CheckDeviceAuth(string docType, DeviceSigned? deviceSigned, CoseKey deviceKey, SessionTranscript transcript, List<VerificationError> errors)
    {
        if (deviceSigned?.Cose is not { } cose)
        {
            errors.Add(new(MdocErrorCodes.DeviceAuthMissing, "The Document has no deviceSignature or deviceMac (9.1.3)."));
            return;
        }

        if (cose.Payload is not null)
        {
            errors.Add(new(MdocErrorCodes.DeviceAuthMalformed, "The device authentication payload must be detached (nil) (9.1.3.4)."));
            return;
        }

        var payload = DeviceAuthentication.EncodeBytes(transcript, docType, deviceSigned.NameSpacesBytes.Span);
        if (deviceSigned.AuthMethod == DeviceAuthMethod.Signature)
        {
            VerifyDeviceSignature(cose, deviceKey, payload, errors);
        }
        else
        {
            VerifyDeviceMac(cose, deviceKey, transcript, payload, errors);
        }
    }

    private void VerifyDeviceSignature(CoseStructure cose, CoseKey deviceKey, byte[] payload, List<VerificationError> errors)
    {
        var id = cose.Algorithm;
        if (id is not { } value || value is < int.MinValue or > int.MaxValue
            || !JwsAlgorithm.TryFromCose((int)value, out var algorithm)
            || !_options.DeviceSignatureAlgorithms.Allowed.Contains(algorithm))
        {
            errors.Add(new(MdocErrorCodes.DeviceAuthAlgorithmNotAllowed, $"The deviceSignature 'alg' {(id is null ? "is missing" : id.ToString())} is not on the allow-list (9.1.3.6)."));
            return;
        }

        if (!algorithm.Equals(deviceKey.Algorithm))
        {
            errors.Add(new(MdocErrorCodes.DeviceAuthAlgorithmNotAllowed, $"The deviceSignature 'alg' {algorithm.Name} does not fit the {deviceKey.Jwk.Curve} device key in the MSO."));
            return;
        }

        // The device key was imported (and its point validated) when the MSO was parsed; its curve fixes the hash.
        if (!cose.VerifySignature(deviceKey.Jwk, payload))
        {
            errors.Add(new(MdocErrorCodes.DeviceSignatureInvalid, "The deviceSignature does not verify over DeviceAuthenticationBytes with the MSO device key (9.1.3.6)."));
        }
    }

    private void VerifyDeviceMac(CoseStructure cose, CoseKey deviceKey, SessionTranscript transcript, byte[] payload, List<VerificationError> errors)
    {
        if (cose.Algorithm != CoseStructure.HmacSha256Algorithm)
        {
            errors.Add(new(MdocErrorCodes.DeviceAuthAlgorithmNotAllowed, $"The deviceMac 'alg' {(cose.Algorithm is null ? "is missing" : cose.Algorithm.ToString())}; only 5 (HMAC 256/256) is supported (9.1.3.5)."));
            return;
        }

        if (_options.ReaderEphemeralKey is not { } readerKey)
        {
            errors.Add(new(MdocErrorCodes.ReaderKeyMissing, "The document uses deviceMac, but no reader ephemeral key is configured to derive EMacKey (9.1.3.5)."));
            return;
        }

        byte[] sharedSecret;
        try
        {
            using var devicePublic = ECDiffieHellman.Create(new ECParameters
            {
                Curve = deviceKey.Algorithm.Curve,
                Q = new ECPoint { X = deviceKey.Jwk.X.ToArray(), Y = deviceKey.Jwk.Y.ToArray() },
            });
            using var devicePublicKey = devicePublic.PublicKey; // a new native key on every read of PublicKey
            sharedSecret = readerKey.DeriveRawSecretAgreement(devicePublicKey);
        }
        catch (CryptographicException)
        {
            errors.Add(new(MdocErrorCodes.DeviceMacInvalid, $"No ECDH agreement is possible between the reader key and the {deviceKey.Jwk.Curve} device key."));
            return;
        }

        try
        {
            var salt = SHA256.HashData(transcript.ToSessionTranscriptBytes());
            var eMacKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, salt, EMacKeyInfo);
            if (!cose.VerifyHmacSha256(eMacKey, payload))
            {
                errors.Add(new(MdocErrorCodes.DeviceMacInvalid, "The deviceMac does not verify over DeviceAuthenticationBytes with the derived EMacKey (9.1.3.5)."));
            }

            CryptographicOperations.ZeroMemory(eMacKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }

    private static async ValueTask<CredentialStatus> CheckStatusAsync(ITokenStatusChecker checker, StatusListReference? reference, List<VerificationError> errors, CancellationToken cancellationToken)
    {
        if (reference is null)
        {
            errors.Add(new(MdocErrorCodes.StatusUnchecked, "The MSO status names no 'status_list'; no other status mechanism is supported, so the status is unknown."));
            return CredentialStatus.Unchecked;
        }

        var result = await checker.CheckAsync(reference, cancellationToken).ConfigureAwait(false);
        if (!result.IsChecked)
        {
            foreach (var error in result.Errors)
            {
                errors.Add(new(MdocErrorCodes.StatusUnchecked, $"The status of entry {reference.Index} of '{reference.Uri}' could not be established: {error.Code}: {error.Message}"));
            }

            return CredentialStatus.Unchecked;
        }

        switch (result.Status.Value)
        {
            case (byte)TokenStatus.Valid:
                break;
            case (byte)TokenStatus.Invalid:
                errors.Add(new(MdocErrorCodes.StatusRevoked, $"Entry {reference.Index} of status list '{reference.Uri}' marks the mdoc as revoked."));
                break;
            case (byte)TokenStatus.Suspended:
                errors.Add(new(MdocErrorCodes.StatusSuspended, $"Entry {reference.Index} of status list '{reference.Uri}' marks the mdoc as suspended."));
                break;
            default:
                errors.Add(new(MdocErrorCodes.StatusNotValid, $"Entry {reference.Index} of status list '{reference.Uri}' holds status 0x{result.Status.Value:X2}, which is not VALID."));
                break;
        }

        return CredentialStatusMapping.FromStatusValue(result.Status.Value);
    }
}
