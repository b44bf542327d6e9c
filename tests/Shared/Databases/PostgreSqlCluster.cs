using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wallet.Tests.Databases;

/// <summary>
/// A throw-away PostgreSQL cluster for the tests: initdb and pg_ctl of the Debian package (/usr/lib/postgresql/*/bin) in a
/// temporary folder, on a free loopback port, stopped and deleted when disposed. initdb refuses to run as root, so under
/// uid 0 the cluster belongs to the <c>postgres</c> user (runuser). One cluster per test assembly; each test takes a fresh
/// database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgreSqlCluster : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgreSqlCluster? _shared;
    private readonly string _bin;
    private readonly string _directory;
    private readonly bool _asPostgresUser;
    private int _databases;

    private PostgreSqlCluster(string bin, string directory, int port, bool asPostgresUser)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    /// <summary>The superuser connection string of database <paramref name="database"/>.</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>The cluster of this test run, started at first use.</summary>
    public static async Task<PostgreSqlCluster> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.Stop();
            }

            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Environment.ProcessId:D7}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static async Task<PostgreSqlCluster> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (.ci/run installs it).");
        }

        var asPostgresUser = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), $"wallet-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (asPostgresUser)
        {
            Run("chown", ["postgres:postgres", directory], asPostgresUser: false);
        }

        var port = FreePort();
        var cluster = new PostgreSqlCluster(bin, directory, port, asPostgresUser);
        cluster.Run("initdb", ["-D", Path.Combine(directory, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        cluster.Run("pg_ctl", [
            "-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={directory} -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start"]);
        await Task.CompletedTask;
        return cluster;
    }

    private void Stop()
    {
        if (!Directory.Exists(_directory))
        {
            return;
        }

        try
        {
            Run("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the folder is removed all the same.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private void Run(string tool, string[] arguments) => Run(Path.Combine(_bin, tool), arguments, _asPostgresUser);

    private static void Run(string program, string[] arguments, bool asPostgresUser)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgresUser)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
