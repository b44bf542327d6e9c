using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Hosting;
using Wallet.Issuer.Stores.Ef;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Secrets are hashed in one place, <see cref="SecretHash"/>, before any store sees them: recording stores around the
/// real ones see every argument of a whole issuance and none of them is a code, transaction code, token or nonce.
/// </summary>
public sealed class SecretHashTests : IssuerTestBase
{
    private readonly ConcurrentBag<string> _seen = [];

    [Fact]
    public async Task No_store_receives_a_raw_code_tx_code_access_token_or_nonce()
    {
        using var factory = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IOfferStore>(p => new RecordingOfferStore(ActivatorUtilities.CreateInstance<EfOfferStore>(p), _seen));
            services.AddSingleton<IAccessTokenStore>(p => new RecordingAccessTokenStore(ActivatorUtilities.CreateInstance<EfAccessTokenStore>(p), _seen));
            services.AddSingleton<INonceStore>(p => new RecordingNonceStore(ActivatorUtilities.CreateInstance<EfNonceStore>(p), _seen));
            services.AddSingleton<IDpopReplayCache>(p => new RecordingReplayCache(ActivatorUtilities.CreateInstance<EfDpopReplayCache>(p), _seen));
        }));
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(IssuerFactory.IssuerUrl), AllowAutoRedirect = false });
        using var api = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(IssuerFactory.IssuerUrl) });
        api.DefaultRequestHeaders.Add("X-API-Key", IssuerFactory.ApiKey);
        var created = System.Text.Json.Nodes.JsonNode.Parse(await (await api.PostAsJsonAsync("/api/offers", new { personId = "kari-nordmann", credentialConfigurationIds = new[] { SdJwtConfiguration }, txCode = true })).Content.ReadAsStringAsync())!;
        var txCode = created["txCode"]!.GetValue<string>();
        var wallet = new TestWallet(http, Clock);

        var offer = await wallet.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        (await wallet.RequestTokenAsync(txCode)).StatusCode.Should().Be(HttpStatusCode.OK);
        var cNonce = await wallet.FetchCNonceAsync();
        var credentials = await wallet.RequestCredentialsAsync(SdJwtConfiguration, [SigningKey.Generate()], cNonce);

        credentials.StatusCode.Should().Be(HttpStatusCode.OK, "the whole issuance ran through the recording stores");
        var secrets = new[] { offer.PreAuthorizedCode!.PreAuthorizedCode, txCode, wallet.AccessToken!, cNonce };
        _seen.Should().NotBeEmpty();
        _seen.Should().NotContain(secrets);
        _seen.Should().Contain(SecretHash.Of(offer.PreAuthorizedCode.PreAuthorizedCode), "the offer is looked up by the hash of its code");
        _seen.Should().Contain(SecretHash.Of(cNonce), "the nonce is consumed by its hash");
    }

    [Fact]
    public void A_transaction_code_hash_depends_on_its_pre_authorized_code()
    {
        SecretHash.OfTransactionCode(SecretHash.Of("code-a"), "123456").Should().NotBe(SecretHash.OfTransactionCode(SecretHash.Of("code-b"), "123456"));
        SecretHash.OfTransactionCode(SecretHash.Of("code-a"), "123456").Should().NotBe(SecretHash.Of("123456"));
    }

    private sealed class RecordingOfferStore(IOfferStore inner, ConcurrentBag<string> seen) : IOfferStore
    {
        public ValueTask AddAsync(OfferRecord offer, CancellationToken cancellationToken = default)
        {
            // The open offer keeps its code by design (served by reference until redeemed, OpenID4VCI 1.0 §4.1.3); its keys are hashes.
            seen.Add(offer.PreAuthorizedCodeHash);
            Record(offer.TxCodeHash);
            return inner.AddAsync(offer, cancellationToken);
        }

        public ValueTask<OfferRecord?> FindAsync(string offerId, CancellationToken cancellationToken = default) => inner.FindAsync(offerId, cancellationToken);

        public ValueTask<(RedemptionOutcome Outcome, OfferRecord? Offer)> RedeemAsync(string preAuthorizedCodeHash, string? txCodeHash, int maxTxCodeAttempts, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            seen.Add(preAuthorizedCodeHash);
            Record(txCodeHash);
            return inner.RedeemAsync(preAuthorizedCodeHash, txCodeHash, maxTxCodeAttempts, now, cancellationToken);
        }

        public ValueTask<OfferRecord?> FindByIssuerStateAsync(string issuerStateHash, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            seen.Add(issuerStateHash);
            return inner.FindByIssuerStateAsync(issuerStateHash, now, cancellationToken);
        }

        public ValueTask<bool> RedeemAuthorizationCodeOfferAsync(string offerId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            inner.RedeemAuthorizationCodeOfferAsync(offerId, now, cancellationToken);

        private void Record(string? value)
        {
            if (value is not null)
            {
                seen.Add(value);
            }
        }
    }

    private sealed class RecordingAccessTokenStore(IAccessTokenStore inner, ConcurrentBag<string> seen) : IAccessTokenStore
    {
        public ValueTask AddAsync(AccessTokenRecord token, CancellationToken cancellationToken = default)
        {
            seen.Add(token.TokenHash);
            return inner.AddAsync(token, cancellationToken);
        }

        public ValueTask<AccessTokenRecord?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            seen.Add(tokenHash);
            return inner.FindAsync(tokenHash, now, cancellationToken);
        }
    }

    private sealed class RecordingNonceStore(INonceStore inner, ConcurrentBag<string> seen) : INonceStore
    {
        public ValueTask AddAsync(string nonceHash, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        {
            seen.Add(nonceHash);
            return inner.AddAsync(nonceHash, expiresAt, cancellationToken);
        }

        public ValueTask<bool> TryConsumeAsync(string nonceHash, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            seen.Add(nonceHash);
            return inner.TryConsumeAsync(nonceHash, now, cancellationToken);
        }
    }

    private sealed class RecordingReplayCache(IDpopReplayCache inner, ConcurrentBag<string> seen) : IDpopReplayCache
    {
        public ValueTask<bool> TryAddAsync(string proofId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        {
            seen.Add(proofId);
            return inner.TryAddAsync(proofId, expiresAt, cancellationToken);
        }
    }
}
