using System.Diagnostics;
using System.Net.Sockets;

namespace Platform.Launcher;

/// <summary>Where the processes of one Platform live and how they reach each other.</summary>
public sealed record LaunchSettings
{
    /// <summary>Folder holding the built projects (the repository root).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Build configuration whose binaries are started (Debug or Release).</summary>
    public string Configuration { get; init; } = "Release";

    /// <summary>State folder: logs/, kubeconfig, KubeSim data, development keys.</summary>
    public required string StateDirectory { get; init; }

    public int GatewayPort { get; init; } = 5080;
    public int TenantPort { get; init; } = 5081;
    public int BillingPort { get; init; } = 5082;
    public int ClusterPort { get; init; } = 5083;
    public int KubeSimPort { get; init; } = 5090;

    /// <summary>Extra environment for every service (connection strings, prefixes, timeouts).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string KubeconfigPath => Path.Combine(StateDirectory, "kubeconfig");
    public string LogDirectory => Path.Combine(StateDirectory, "logs");
    public Uri GraphQLUri => new($"http://127.0.0.1:{GatewayPort}/graphql");

    /// <summary>Ports nobody listens on right now, for tests that run a second Platform beside a developer's.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One started process, its log file, and how to stop or kill it.</summary>
public sealed class PlatformProcess(string name, Process process, string logPath) : IAsyncDisposable
{
    public string Name => name;
    public string LogPath => logPath;
    public bool HasExited => process.HasExited;
    public int Id => process.Id;

    /// <summary>Dies at once, as in a crash: no graceful shutdown, no acknowledgements sent.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop (SIGTERM), killing it if it has not after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
            return;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            _ = Posix.Kill(process.Id, Posix.SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public string LogTail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var all = new StreamReader(stream).ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        process.Dispose();
    }
}

/// <summary>
/// Starts KubeSim, the services and the gateway as separate processes, each logging to its own file,
/// waits until each one is ready, and stops them all. Used by ./platform run and by the end-to-end tests.
/// </summary>
public sealed class PlatformProcesses(LaunchSettings settings) : IAsyncDisposable
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };
    readonly List<PlatformProcess> _started = [];

    public LaunchSettings Settings => settings;
    public IReadOnlyList<PlatformProcess> Started => _started;
    public PlatformProcess this[string name] => _started.Last(p => p.Name == name);

    public static readonly string[] Services = ["cluster", "billing", "tenant"];

    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.LogDirectory);
        await StartKubeSimAsync(cancellationToken);
        foreach (var service in Services)
            await StartServiceAsync(service, cancellationToken);
        await StartGatewayAsync(cancellationToken);
    }

    public async Task StartKubeSimAsync(CancellationToken cancellationToken)
    {
        var process = Start("kubesim", Binary("infrastructure/Platform.KubeSim", "Platform.KubeSim"),
            ["--port", settings.KubeSimPort.ToString(), "--data-dir", Path.Combine(settings.StateDirectory, "kubesim"),
             "--kubeconfig", settings.KubeconfigPath]);
        await WaitUntilReady(process, new Uri($"http://127.0.0.1:{settings.KubeSimPort}/version"), cancellationToken);
    }

    public async Task<PlatformProcess> StartServiceAsync(string service, CancellationToken cancellationToken)
    {
        var port = service switch
        {
            "tenant" => settings.TenantPort,
            "billing" => settings.BillingPort,
            "cluster" => settings.ClusterPort,
            _ => throw new ArgumentException($"unknown service {service}"),
        };
        var project = char.ToUpperInvariant(service[0]) + service[1..];
        var process = Start(service, Binary($"services/{service}/Platform.{project}", $"Platform.{project}"),
            ["--urls", $"http://127.0.0.1:{port}"]);
        await WaitUntilReady(process, new Uri($"http://127.0.0.1:{port}/health/ready"), cancellationToken);
        return process;
    }

    public async Task StartGatewayAsync(CancellationToken cancellationToken)
    {
        var process = Start("gateway", Binary("gateway/Platform.Gateway", "Platform.Gateway"), ["--urls", $"http://127.0.0.1:{settings.GatewayPort}"]);
        await WaitUntilReady(process, new Uri($"http://127.0.0.1:{settings.GatewayPort}/health/ready"), cancellationToken);
    }

    string Binary(string projectDirectory, string assembly)
    {
        var path = Path.Combine(settings.RepositoryRoot, projectDirectory, "bin", settings.Configuration, "net10.0", assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; run dotnet build -c {settings.Configuration} first.");
    }

    PlatformProcess Start(string name, string dll, string[] args)
    {
        var logPath = Path.Combine(settings.LogDirectory, name + ".log");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = settings.RepositoryRoot,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["Platform__Cluster__Default__KubeconfigPath"] = settings.KubeconfigPath;
        info.Environment["Platform__DevelopmentKeysDirectory"] = settings.StateDirectory;
        info.Environment["DOTNET_ENVIRONMENT"] = info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings.Environment)
            info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {name}");
        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var gate = new object();
        void Write(string? line)
        {
            if (line is null)
                return;
            lock (gate)
                log.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => { lock (gate) log.Dispose(); };
        var started = new PlatformProcess(name, process, logPath);
        _started.Add(started);
        return started;
    }

    static async Task WaitUntilReady(PlatformProcess process, Uri readiness, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new InvalidOperationException($"{process.Name} exited while starting. Last lines of {process.LogPath}:\n{process.LogTail()}");
            try
            {
                using var response = await Http.GetAsync(readiness, cancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"{process.Name} was not ready at {readiness} within 90 s. Last lines of {process.LogPath}:\n{process.LogTail()}");
    }

    /// <summary>Stops the gateway first and KubeSim last, the reverse of the start order.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_started))
            await process.DisposeAsync();
        _started.Clear();
    }
}

static class Posix
{
    public const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);
}
