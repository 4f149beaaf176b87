using Platform.Launcher;

namespace Platform.Testing;

/// <summary>
/// One service run as its real executable (through the launcher), with its own fresh database, queue prefix and
/// state folder; the test talks to it through a <see cref="BusProbe"/> with the same prefix.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    ServiceUnderTest(string service, LaunchSettings settings, string rabbitMq, string prefix)
    {
        Service = service;
        Processes = new PlatformProcesses(settings);
        RabbitMq = rabbitMq;
        Prefix = prefix;
    }

    public string Service { get; }
    public PlatformProcesses Processes { get; private set; }
    public LaunchSettings Settings => Processes.Settings;
    public string RabbitMq { get; }
    public string Prefix { get; }

    /// <summary>
    /// Prepares <paramref name="service"/> (tenant, billing or cluster) without starting it, so a test can put files
    /// (a kubeconfig) in <see cref="LaunchSettings.StateDirectory"/> first. The binaries are those of the test's own
    /// build configuration.
    /// </summary>
    public static async Task<ServiceUnderTest> PrepareAsync(string service, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (postgres, rabbitMq) = await Dependencies.EndpointsAsync();
        var name = Dependencies.UniqueName(service);
        var database = await Dependencies.CreateDatabaseAsync(postgres, name);
        var testBinaries = AppContext.BaseDirectory; // .../tests/<project>/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(testBinaries)).Parent!.Name;
        var root = Path.GetFullPath(Path.Combine(testBinaries, "../../../../.."));
        var prefix = name + "-";
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["ConnectionStrings__RabbitMq"] = rabbitMq,
            ["Platform__Messaging__Prefix"] = prefix,
            ["Platform__Persistence__DaemonMode"] = "Solo",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            env[key] = value;
        var settings = new LaunchSettings
        {
            RepositoryRoot = root,
            Configuration = configuration,
            StateDirectory = Path.Combine(Path.GetTempPath(), name),
            TenantPort = LaunchSettings.FreePort(),
            BillingPort = LaunchSettings.FreePort(),
            ClusterPort = LaunchSettings.FreePort(),
            Environment = env,
        };
        Directory.CreateDirectory(settings.LogDirectory);
        return new ServiceUnderTest(service, settings, rabbitMq, prefix);
    }

    public static async Task<ServiceUnderTest> StartAsync(string service, IReadOnlyDictionary<string, string>? environment = null)
    {
        var started = await PrepareAsync(service, environment);
        try
        {
            await started.StartAsync();
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
        return started;
    }

    /// <summary>Starts the process (again, after <see cref="KillAsync"/>) and waits until it is ready.</summary>
    public Task StartAsync() => Processes.StartServiceAsync(Service, CancellationToken.None);

    /// <summary>Kills the process at once, as in a crash.</summary>
    public Task KillAsync() => Processes[Service].KillAsync();

    /// <summary>A probe on the same broker and prefix, recording the given message types.</summary>
    public Task<BusProbe> ProbeAsync(params Type[] recorded) => BusProbe.StartAsync(RabbitMq, Prefix, recorded);

    /// <summary>The last lines of the service's log, for assertion messages.</summary>
    public string LogTail(int lines = 40) => Processes.Started.Count > 0 ? Processes[Service].LogTail(lines) : "";

    public async ValueTask DisposeAsync()
    {
        await Processes.DisposeAsync();
    }
}
