using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.OAuth;
using Wallet.Hosting;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer.Tests;

/// <summary>Single-use state is consumed at most once even when requests race (SQLite store).</summary>
public sealed class StoreConcurrencyTests : IssuerTestBase
{
    private T Service<T>()
        where T : notnull
    {
        using var client = Factory.CreateClient();
        return Factory.Services.GetRequiredService<T>();
    }

    [Fact]
    public async Task Racing_redemptions_of_one_pre_authorized_code_succeed_exactly_once()
    {
        var offers = Service<IOfferStore>();
        var now = Clock.GetUtcNow();
        await offers.AddAsync(new OfferRecord("race-offer", "race-code-hash", "code", null, null, ["x"], "kari-nordmann", null, now, now.AddMinutes(5)));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () => (await offers.RedeemAsync("race-code-hash", null, 3, now)).Outcome)));

        outcomes.Count(o => o == RedemptionOutcome.Redeemed).Should().Be(1);
        outcomes.Where(o => o != RedemptionOutcome.Redeemed).Should().OnlyContain(o => o == RedemptionOutcome.AlreadyRedeemed);
    }

    [Fact]
    public async Task Racing_consumptions_of_one_c_nonce_succeed_exactly_once()
    {
        var nonces = Service<INonceStore>();
        var now = Clock.GetUtcNow();
        await nonces.AddAsync("race-nonce", now.AddMinutes(5));

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () => await nonces.TryConsumeAsync("race-nonce", now))));

        results.Count(r => r).Should().Be(1);
    }

    [Fact]
    public async Task Racing_uses_of_one_dpop_proof_are_accepted_exactly_once()
    {
        var cache = Service<IDpopReplayCache>();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () => await cache.TryAddAsync("jkt:jti-1", Clock.GetUtcNow().AddMinutes(5)))));

        results.Count(r => r).Should().Be(1);
    }

    [Fact]
    public async Task Racing_wrong_tx_codes_never_exceed_the_attempt_limit()
    {
        var offers = Service<IOfferStore>();
        var now = Clock.GetUtcNow();
        await offers.AddAsync(new OfferRecord("tx-offer", "tx-code-hash", "code", SecretHash.OfTransactionCode("tx-code-hash", "123456"), 6, ["x"], "kari-nordmann", null, now, now.AddMinutes(5)));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () => await offers.RedeemAsync("tx-code-hash", SecretHash.OfTransactionCode("tx-code-hash", "000000"), 3, now))));
        var afterwards = await offers.RedeemAsync("tx-code-hash", SecretHash.OfTransactionCode("tx-code-hash", "123456"), 3, now);

        afterwards.Outcome.Should().Be(RedemptionOutcome.AlreadyRedeemed, "the code was invalidated at the third wrong attempt");
    }
}
