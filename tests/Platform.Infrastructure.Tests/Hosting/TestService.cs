using Microsoft.Extensions.Configuration;
using Npgsql;
using Platform.Infrastructure.Hosting;
using RabbitMQ.Client;

namespace Platform.Infrastructure.Tests.Hosting;

/// <summary>A small service on the platform defaults, hosted in-process on its own database and broker prefix.</summary>
public sealed class TestService
{
    TestService(string name, string postgres, string rabbitMq, string prefix)
    {
        Name = name;
        Postgres = postgres;
        RabbitMq = rabbitMq;
        Prefix = prefix;
    }

    public string Name { get; }
    public string Postgres { get; }
    public string RabbitMq { get; }
    public string Prefix { get; }

    /// <summary>The endpoint name formatter the platform bus uses for this service.</summary>
    /// <summary>The operators' token of the test hosts' /admin endpoints (Platform:Messaging:AdminToken).</summary>
    public static readonly string AdminToken = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public IEndpointNameFormatter EndpointNames => new KebabCaseEndpointNameFormatter(Prefix + Name + "-", false);

    public static async Task<TestService> CreateAsync(string name)
    {
        var (postgres, rabbitMq) = await Dependencies.EndpointsAsync();
        var database = await Dependencies.CreateDatabaseAsync(postgres, Dependencies.UniqueName(name.Replace('-', '_')));
        return new TestService(name, database, rabbitMq, Dependencies.UniqueName(name.Replace('-', '_')) + "-");
    }

    /// <summary>Builds the service without starting it; its document store is usable while no host runs.</summary>
    public WebApplication Build(Action<PlatformServiceBuilder> configure, Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = Postgres,
            ["ConnectionStrings:RabbitMq"] = RabbitMq,
            ["Platform:Messaging:Prefix"] = Prefix,
            ["Platform:Persistence:DaemonMode"] = "Solo",
            ["Platform:Messaging:AdminToken"] = AdminToken,
            ["urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddPlatformDefaults(Name, configure);
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddConsumeObserver(sp => sp.GetRequiredService<DeliveryLog>());
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapPlatformEndpoints();
        return app;
    }

    public async Task<WebApplication> StartAsync(Action<PlatformServiceBuilder> configure, Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        var app = Build(configure, services, settings);
        await app.StartAsync();
        return app;
    }

    /// <summary>Removes the class's database once its hosts are gone.</summary>
    public async Task DropDatabaseAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(Postgres).Database;
        NpgsqlConnection.ClearAllPools();
        var (server, _) = await Dependencies.EndpointsAsync();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Messages waiting in a queue of the shared broker (not counting those being consumed).</summary>
    public async Task<uint> ReadyMessagesAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var declared = await channel.QueueDeclarePassiveAsync(queue);
        return declared.MessageCount;
    }
}

public static class WebApplicationExtensions
{
    public static async Task StopAndDisposeAsync(this WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public static HttpClient HttpClient(this WebApplication app) =>
        new() { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A client that calls the host's /admin endpoints as an operator does, with the admin token.</summary>
    public static HttpClient AdminHttpClient(this WebApplication app)
    {
        var http = app.HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestService.AdminToken);
        return http;
    }
}
