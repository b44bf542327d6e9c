using System.Collections.Concurrent;
using System.Diagnostics;
using Wallet.Core.Mdoc;
using Xunit.Abstractions;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>
/// Every single-byte change of the ISO/IEC 18013-5 Annex D DeviceResponse (D.4.1.2) is caught, by the check that
/// guards the part of the structure the byte lies in (see <see cref="DeviceResponseRegions"/> for each part's
/// codes and why).
/// </summary>
public class AnnexDByteFlipTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_byte_of_the_Annex_D_DeviceResponse_is_covered_by_a_structural_region()
    {
        var regions = DeviceResponseRegions.Map(AnnexD.DeviceResponse);

        regions.Should().NotContainNulls();
        regions.Distinct().Should().BeEquivalentTo(DeviceResponseRegions.All, "every region the map knows occurs in Annex D");
    }

    [Fact]
    public void Flipping_any_byte_of_the_Annex_D_DeviceResponse_fails_with_the_code_of_its_region_ISO18013_5_9_3()
    {
        var original = AnnexD.DeviceResponse;
        var regions = DeviceResponseRegions.Map(original);
        var transcript = AnnexD.Transcript();
        using (var worker = new Worker())
        {
            var baseline = worker.Verify(original, transcript);
            baseline.AllErrors.Should().BeEmpty("the untouched vector verifies");
        }

        var failures = new ConcurrentDictionary<int, string>();
        var observed = new ConcurrentDictionary<(string Region, string Codes), int>();
        var clock = Stopwatch.StartNew();

        // Verifications are independent; each worker owns its verifier (the reader key is not shared across threads).
        Parallel.For(
            0,
            original.Length,
            () => new Worker(),
            (offset, _, worker) =>
            {
                var tampered = (byte[])original.Clone();
                tampered[offset] ^= 0x01;
                var region = regions[offset];
                try
                {
                    var result = worker.Verify(tampered, transcript);
                    var codes = result.AllErrors.Select(e => e.Code).ToArray();
                    var elements = result.Documents.Sum(d => d.Elements.Values.Sum(e => e.Count));
                    observed.AddOrUpdate((region.Name, string.Join(", ", codes.Distinct().Order(StringComparer.Ordinal))), 1, (_, n) => n + 1);
                    if (region.Check(codes, result.IsValid, elements) is { } problem)
                    {
                        failures[offset] = $"offset {offset} (0x{original[offset]:x2}→0x{tampered[offset]:x2}) in {region.Name}: {problem}";
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failures[offset] = $"offset {offset} in {region.Name}: threw {e.GetType().Name}: {e.Message}";
                }

                return worker;
            },
            worker => worker.Dispose());

        clock.Stop();
        output.WriteLine($"{original.Length} flips verified in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var ((region, codes), count) in observed.OrderBy(o => o.Key.Region, StringComparer.Ordinal).ThenByDescending(o => o.Value))
        {
            output.WriteLine($"{region,-55} {count,5} × [{codes}]");
        }

        var list = failures.OrderBy(f => f.Key).Select(f => f.Value).ToArray();
        list.Should().BeEmpty($"every flip must fail with its region's codes; {list.Length} did not:{Environment.NewLine}{string.Join(Environment.NewLine, list)}");
    }

    private sealed class Worker : IDisposable
    {
        private readonly System.Security.Cryptography.ECDiffieHellman _readerKey = AnnexD.ReaderEphemeralKey();
        private readonly MdocVerifier _verifier;

        public Worker() => _verifier = new MdocVerifier(AnnexD.VerifierOptions(readerKey: _readerKey));

        // No status checker is configured, so verification completes synchronously.
        public MdocVerificationResult Verify(byte[] response, SessionTranscript transcript) =>
            _verifier.VerifyAsync(response, transcript).AsTask().GetAwaiter().GetResult();

        public void Dispose() => _readerKey.Dispose();
    }
}
