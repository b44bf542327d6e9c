using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The Wallet side of a signed authorization request (OpenID4VP 1.0 §5, §5.9.3, §5.10; HAIP 1.0 §5): checks the
/// Request Object's type, algorithm, <c>x5c</c> chain and signature, binds its <c>client_id</c> to the signing
/// certificate and to the one of the authorization request URI, and parses every parameter this Wallet uses.
/// </summary>
public sealed class RequestObjectValidator
{
    private readonly RequestObjectValidatorOptions _options;

    /// <summary>Creates a validator.</summary>
    public RequestObjectValidator(RequestObjectValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.ChainValidator);
        _options = options;
    }

    /// <summary>Validates a Request Object fetched from <c>request_uri</c>.</summary>
    /// <param name="requestObject">The response body, as received.</param>
    /// <param name="expectedClientId">The <c>client_id</c> of the authorization request URI; the Request Object must carry the same (§5.10.1).</param>
    /// <param name="walletNonce">The <c>wallet_nonce</c> sent with a <c>request_uri</c> POST, which must be echoed; null for GET.</param>
    public RequestObjectValidationResult Validate(string requestObject, string expectedClientId, string? walletNonce = null)
    {
        ArgumentNullException.ThrowIfNull(requestObject);
        ArgumentNullException.ThrowIfNull(expectedClientId);
        var limits = _options.Limits;
        var errors = new List<VerificationError>();
        if (requestObject.Length > limits.MaxRequestObjectLength)
        {
            return Fail(null, new VerificationError(OpenId4VpErrorCodes.RequestTooLarge, $"The Request Object is {requestObject.Length} characters long; the limit is {limits.MaxRequestObjectLength}."));
        }

        if (!CompactJws.TryParse(requestObject, new JoseLimits { MaxTokenLength = limits.MaxRequestObjectLength, MaxDepth = limits.MaxDepth }, out var jws, out var jwsError))
        {
            return Fail(null, new VerificationError(OpenId4VpErrorCodes.RequestMalformed, $"The Request Object is not a compact JWS: {jwsError.Message}"));
        }

        if (!jws.HasType([RequestObjectSigner.RequestObjectType]))
        {
            errors.Add(new(OpenId4VpErrorCodes.RequestTypeMismatch, $"The Request Object 'typ' must be '{RequestObjectSigner.RequestObjectType}'; a Wallet must not process it otherwise (OpenID4VP 1.0 §5)."));
        }

        if (!_options.AlgorithmPolicy.TryResolve(jws.Algorithm, out var algorithm, out var algError))
        {
            errors.Add(new(OpenId4VpErrorCodes.RequestAlgorithmNotAllowed, algError!.Message));
            return Fail(null, errors);
        }

        if (!jws.Header.TryGetProperty("x5c", out var x5c) || !X5cParser.TryParseX5c(x5c, out var chain, out var x5cError))
        {
            errors.Add(new(OpenId4VpErrorCodes.RequestCertificateMissing, "The Request Object has no valid 'x5c' header, which the x509 Client Identifier Prefixes require (OpenID4VP 1.0 §5.9.3)."));
            return Fail(null, errors);
        }

        var leaf = chain[0];
        var trust = _options.ChainValidator.Validate(chain, CertificateUsage.VerifierRequestSigner, _options.TimeProvider.GetUtcNow());
        if (!trust.IsValid)
        {
            errors.Add(new(OpenId4VpErrorCodes.RequestUntrusted, "The Request Object's x5c chain is not trusted for a verifier request signer (OpenID4VP 1.0 §5.9.3, HAIP 1.0 §5)."));
            errors.AddRange(trust.Errors);
        }

        using (var key = leaf.GetECDsaPublicKey())
        {
            if (key is null || key.KeySize != algorithm!.CoordinateSize * 8 || !jws.VerifySignature(key, algorithm))
            {
                errors.Add(new(OpenId4VpErrorCodes.RequestSignatureInvalid, $"The Request Object signature does not verify with the key of the x5c leaf '{leaf.Subject}'."));
                return Fail(leaf, errors);
            }
        }

        var request = ReadParameters(jws.Payload, expectedClientId, walletNonce, leaf, errors);
        return new RequestObjectValidationResult(request, leaf, errors);
    }

    private AuthorizationRequest? ReadParameters(JsonElement payload, string expectedClientId, string? walletNonce, X509Certificate2 leaf, List<VerificationError> errors)
    {
        var limits = _options.Limits;
        var clientIdText = GetString(payload, "client_id", errors, required: true);
        ClientId? clientId = null;
        if (clientIdText is not null)
        {
            if (!string.Equals(clientIdText, expectedClientId, StringComparison.Ordinal))
            {
                errors.Add(new(OpenId4VpErrorCodes.ClientIdMismatch, "The Request Object's client_id differs from the client_id of the authorization request; the Wallet must stop (OpenID4VP 1.0 §5.10.1)."));
            }

            if (!ClientId.TryParse(clientIdText, limits, out clientId, out var clientIdError))
            {
                errors.Add(clientIdError);
            }
            else if (clientId.CheckBoundTo(leaf) is { } bindingError)
            {
                errors.Add(bindingError);
            }
        }

        var responseType = GetString(payload, "response_type", errors, required: true);
        if (responseType is not null && responseType != AuthorizationRequest.VpTokenResponseType)
        {
            errors.Add(new(OpenId4VpErrorCodes.ResponseTypeUnsupported, "response_type must be 'vp_token' (HAIP 1.0 §5)."));
        }

        var responseMode = GetString(payload, "response_mode", errors, required: true);
        if (responseMode is not null && !ResponseModes.IsSupported(responseMode))
        {
            errors.Add(new(OpenId4VpErrorCodes.ResponseModeUnsupported, "response_mode must be 'direct_post' or 'direct_post.jwt' (OpenID4VP 1.0 §8.2, §8.3.1)."));
            responseMode = null;
        }

        var responseUri = ReadResponseUri(payload, clientId, errors);
        var nonce = GetString(payload, "nonce", errors, required: true);
        if (nonce is not null && !OpenId4VpSyntax.IsUnreservedToken(nonce, limits.MaxIdentifierLength))
        {
            errors.Add(new(OpenId4VpErrorCodes.NonceInvalid, "nonce must use only [A-Za-z0-9._~-] (OpenID4VP 1.0 §5.2)."));
        }

        var state = GetString(payload, "state", errors, required: false);
        if (state is not null && !OpenId4VpSyntax.IsUnreservedToken(state, limits.MaxIdentifierLength))
        {
            errors.Add(new(OpenId4VpErrorCodes.StateInvalid, "state must use only [A-Za-z0-9._~-] (OpenID4VP 1.0 §5.2)."));
        }

        DcqlQuery? query = null;
        if (!payload.TryGetProperty("dcql_query", out var dcql) || dcql.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(OpenId4VpErrorCodes.DcqlQueryInvalid, "dcql_query is missing or not a JSON object; DCQL is mandatory (OpenID4VP 1.0 §5.1, HAIP 1.0 §5)."));
        }
        else if (!DcqlQuery.TryParse(dcql, out query, out var dcqlErrors))
        {
            errors.Add(new(OpenId4VpErrorCodes.DcqlQueryInvalid, "dcql_query is not a valid DCQL query (OpenID4VP 1.0 §6)."));
            errors.AddRange(dcqlErrors);
        }

        VerifierClientMetadata? metadata = null;
        if (!payload.TryGetProperty("client_metadata", out var metadataJson))
        {
            errors.Add(new(OpenId4VpErrorCodes.ClientMetadataInvalid, "client_metadata is missing; the x509 prefixes take all metadata from it (OpenID4VP 1.0 §5.9.3)."));
        }
        else if (!VerifierClientMetadata.TryParse(metadataJson, responseMode == ResponseModes.DirectPostJwt, out metadata, out var metadataError))
        {
            errors.Add(metadataError);
        }

        var echoedNonce = GetString(payload, "wallet_nonce", errors, required: false);
        if (walletNonce is not null && !string.Equals(echoedNonce, walletNonce, StringComparison.Ordinal))
        {
            errors.Add(new(OpenId4VpErrorCodes.WalletNonceMismatch, "The Request Object does not echo the wallet_nonce sent to the request_uri (OpenID4VP 1.0 §5.10.1)."));
        }

        var transactionData = ReadTransactionData(payload, query, errors);

        var issuedAt = GetTime(payload, "iat", errors);
        var expiresAt = GetTime(payload, "exp", errors);
        if (expiresAt is { } exp && _options.TimeProvider.GetUtcNow() > exp + _options.ClockSkew)
        {
            errors.Add(new(OpenId4VpErrorCodes.RequestExpired, $"The Request Object expired at {exp:O}."));
        }

        if (errors.Count > 0 || clientId is null || responseMode is null || responseUri is null || nonce is null || query is null || metadata is null)
        {
            return null;
        }

        return new AuthorizationRequest
        {
            ClientId = clientId,
            ResponseMode = responseMode,
            ResponseUri = responseUri,
            Nonce = nonce,
            State = state,
            DcqlQuery = query,
            ClientMetadata = metadata,
            WalletNonce = echoedNonce,
            TransactionData = transactionData,
            IssuedAt = issuedAt,
            ExpiresAt = expiresAt,
        };
    }

    // §5.1: one unrecognised type or non-conforming object fails the whole request (invalid_transaction_data, §8.5).
    private List<TransactionData> ReadTransactionData(JsonElement payload, DcqlQuery? query, List<VerificationError> errors)
    {
        var items = new List<TransactionData>();
        if (!payload.TryGetProperty("transaction_data", out var json))
        {
            return items;
        }

        if (_options.TransactionDataTypes.Count == 0)
        {
            errors.Add(new(OpenId4VpErrorCodes.TransactionDataUnsupported, "The request carries transaction_data, which this Wallet does not support, so it must be refused (OpenID4VP 1.0 §5)."));
            return items;
        }

        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0 || json.GetArrayLength() > _options.Limits.MaxVpTokenEntries)
        {
            errors.Add(new(TransactionDataErrorCodes.Malformed, $"transaction_data must be a non-empty array of at most {_options.Limits.MaxVpTokenEntries} strings (OpenID4VP 1.0 §5.1)."));
            return items;
        }

        var index = 0;
        foreach (var entry in json.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(TransactionDataErrorCodes.Malformed, $"transaction_data[{index}] is not a string (OpenID4VP 1.0 §5.1)."));
            }
            else if (TransactionData.TryParse(entry.GetString()!, _options.TransactionDataTypes, index, out var item, out var itemErrors))
            {
                items.Add(item);
            }
            else
            {
                errors.AddRange(itemErrors);
            }

            index++;
        }

        if (query is not null && items.Count == index)
        {
            errors.AddRange(TransactionData.CheckAgainst(items, query));
        }

        return items;
    }

    private Uri? ReadResponseUri(JsonElement payload, ClientId? clientId, List<VerificationError> errors)
    {
        if (payload.TryGetProperty("redirect_uri", out _))
        {
            errors.Add(new(OpenId4VpErrorCodes.ResponseUriInvalid, "redirect_uri must not be present with a direct_post response mode (OpenID4VP 1.0 §8.2)."));
        }

        var text = GetString(payload, "response_uri", errors, required: true);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (_options.AllowHttpLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add(new(OpenId4VpErrorCodes.ResponseUriInvalid, "response_uri must be an absolute https URI without a fragment (OpenID4VP 1.0 §8.2)."));
            return null;
        }

        if (clientId?.CheckResponseUri(uri) is { } bindingError)
        {
            errors.Add(bindingError);
        }

        return uri;
    }

    private string? GetString(JsonElement payload, string name, List<VerificationError> errors, bool required)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            if (required)
            {
                errors.Add(new(OpenId4VpErrorCodes.RequestParameterMissing, $"The REQUIRED parameter '{name}' is missing (OpenID4VP 1.0 §5)."));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length > _options.Limits.MaxRequestObjectLength)
        {
            errors.Add(new(OpenId4VpErrorCodes.RequestParameterInvalid, $"The parameter '{name}' is not a string."));
            return null;
        }

        return value.GetString();
    }

    private static DateTimeOffset? GetTime(JsonElement payload, string name, List<VerificationError> errors)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds) || seconds is < 0 or > 253402300799)
        {
            errors.Add(new(OpenId4VpErrorCodes.RequestParameterInvalid, $"The claim '{name}' is not a NumericDate."));
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static RequestObjectValidationResult Fail(X509Certificate2? leaf, VerificationError error) => new(null, leaf, [error]);

    private static RequestObjectValidationResult Fail(X509Certificate2? leaf, List<VerificationError> errors) => new(null, leaf, errors);
}
