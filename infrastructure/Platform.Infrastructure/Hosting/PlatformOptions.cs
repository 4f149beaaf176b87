namespace Platform.Infrastructure.Hosting;

/// <summary>Connection settings every service shares (section "Platform" and connection strings).</summary>
public sealed class PlatformOptions
{
    /// <summary>PostgreSQL connection string (ConnectionStrings:Postgres).</summary>
    public string Postgres { get; set; } = "Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=platform";

    /// <summary>RabbitMQ URI (ConnectionStrings:RabbitMq), e.g. amqp://guest:guest@127.0.0.1:5672/.</summary>
    public string RabbitMq { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Prefix of every exchange and queue, so that several environments (or test classes) share one broker.</summary>
    public string MessagingPrefix { get; set; } = "";

    /// <summary>Schema prefix for Marten, for the same reason.</summary>
    public string SchemaPrefix { get; set; } = "";

    /// <summary>Run the Marten async daemon as Solo (one process) or HotCold (replicas, one leader).</summary>
    public string DaemonMode { get; set; } = "HotCold";

    /// <summary>How often the async daemon (and so the outbox) looks for new events when busy; twice that when idle.</summary>
    public TimeSpan DaemonPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public static PlatformOptions From(IConfiguration configuration) => new()
    {
        Postgres = configuration.GetConnectionString("Postgres") ?? new PlatformOptions().Postgres,
        RabbitMq = configuration.GetConnectionString("RabbitMq") ?? new PlatformOptions().RabbitMq,
        MessagingPrefix = configuration["Platform:Messaging:Prefix"] ?? "",
        SchemaPrefix = configuration["Platform:Persistence:SchemaPrefix"] ?? "",
        DaemonMode = configuration["Platform:Persistence:DaemonMode"] ?? "HotCold",
        DaemonPollingInterval = configuration.GetValue("Platform:Persistence:DaemonPollingInterval", TimeSpan.FromMilliseconds(100)),
    };
}
