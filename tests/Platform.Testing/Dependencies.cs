using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Platform.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run against: the ones named by ConnectionStrings__Postgres /
/// ConnectionStrings__RabbitMq (what ./platform test provides), else Testcontainers when a Docker engine
/// answers, else the local defaults.
/// </summary>
public static class Dependencies
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static (string Postgres, string RabbitMq)? _endpoints;

    public static async Task<(string Postgres, string RabbitMq)> EndpointsAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _endpoints ??= await Resolve();
        }
        finally
        {
            Gate.Release();
        }
    }

    static async Task<(string, string)> Resolve()
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        var rabbit = Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq");
        if (postgres is not null && rabbit is not null)
            return (postgres, rabbit);
        if (DockerAvailable())
        {
            var pg = new PostgreSqlBuilder("postgres:16").Build();
            var mq = new RabbitMqBuilder("rabbitmq:3.13").Build();
            await Task.WhenAll(pg.StartAsync(), mq.StartAsync());
            return (pg.GetConnectionString(), mq.GetConnectionString());
        }
        return ("Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=platform", "amqp://guest:guest@127.0.0.1:5672/");
    }

    static bool DockerAvailable()
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is not null && File.Exists("/var/run/docker.sock");
        }
        catch
        {
            return false;
        }
    }

    /// <summary>A fresh database on the test server, so a test class never sees another's schema.</summary>
    public static async Task<string> CreateDatabaseAsync(string postgres, string name)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection))
            await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"create database \"{name}\"", connection))
            await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
    }

    /// <summary>A name unique to this run, usable as a database name and a queue/exchange prefix.</summary>
    public static string UniqueName(string purpose)
    {
        var name = $"t_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        return name[..Math.Min(40, name.Length)];
    }
}

/// <summary>Waiting for a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = default(T);
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (done(last))
                    return last;
            }
            catch (Exception ex)
            {
                lastError = ex;
            }
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds}s waiting for {what}; last value: {last}", lastError);
    }

    public static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Until(condition, ok => ok, timeout, what);
}
