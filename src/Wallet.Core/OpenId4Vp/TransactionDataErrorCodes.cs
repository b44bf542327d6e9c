namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// Error codes of <c>transaction_data</c> (OpenID4VP 1.0 §5.1, §8.4, B.3.3): the objects themselves, their binding to the
/// DCQL query, and the <c>transaction_data_hashes</c> of the KB-JWT. A Wallet answers every request-side failure with the
/// OAuth error <c>invalid_transaction_data</c> (§8.5).
/// </summary>
public static class TransactionDataErrorCodes
{
    /// <summary>Not a non-empty array of base64url strings each decoding to a JSON object with <c>type</c> and a non-empty <c>credential_ids</c> (§5.1).</summary>
    public const string Malformed = "openid4vp.transaction_data.malformed";

    /// <summary>The <c>type</c> is not one this party knows (§5.1: one unrecognised type fails the whole request).</summary>
    public const string UnknownType = "openid4vp.transaction_data.unknown_type";

    /// <summary>A member unknown to the type, of the wrong kind, empty, or a required one missing (§8.5 <c>invalid_transaction_data</c>).</summary>
    public const string InvalidMember = "openid4vp.transaction_data.invalid_member";

    /// <summary>A <c>credential_ids</c> entry names no Credential Query of the DCQL query (§5.1).</summary>
    public const string UnknownCredentialId = "openid4vp.transaction_data.unknown_credential_id";

    /// <summary>A referenced Credential Query sets <c>require_cryptographic_holder_binding</c> to false (B.3.3).</summary>
    public const string HolderBindingRequired = "openid4vp.transaction_data.holder_binding_required";

    /// <summary>A referenced Credential Query is not <c>dc+sd-jwt</c>: only the SD-JWT VC profile (B.3.3) is implemented.</summary>
    public const string FormatUnsupported = "openid4vp.transaction_data.format_unsupported";

    /// <summary><c>transaction_data_hashes_alg</c> names no hash algorithm this party implements (B.3.3; <c>sha-256</c> is mandatory).</summary>
    public const string HashAlgorithmUnsupported = "openid4vp.transaction_data.hash_alg_unsupported";

    /// <summary>No presented KB-JWT carries the hash of a transaction data object (§8.4, B.3.3).</summary>
    public const string HashesMissing = "openid4vp.transaction_data.hashes_missing";

    /// <summary>A KB-JWT hash matches no transaction data object of its Credential Query: altered, or never asked for (B.3.3).</summary>
    public const string HashUnexpected = "openid4vp.transaction_data.hash_unexpected";

    /// <summary><c>transaction_data_hashes</c> is not a non-empty array of distinct strings, or <c>transaction_data_hashes_alg</c> not a string (B.3.3).</summary>
    public const string HashesMalformed = "openid4vp.transaction_data.hashes_malformed";

    /// <summary>The request listed <c>transaction_data_hashes_alg</c> but the KB-JWT does not say which one it used (B.3.3).</summary>
    public const string HashAlgorithmMissing = "openid4vp.transaction_data.hashes_alg_missing";

    /// <summary>The KB-JWT's hash algorithm is not one the request allowed (<c>sha-256</c> when it listed none) (B.3.3).</summary>
    public const string HashAlgorithmNotAllowed = "openid4vp.transaction_data.hashes_alg_not_allowed";
}
