using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Wallet.Benchmarks.PidSdJwtBenchmarks).Assembly).Run(args);
