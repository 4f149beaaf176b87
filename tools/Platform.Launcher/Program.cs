using System.Runtime.InteropServices;
using Platform.Launcher;

// ./platform run: starts KubeSim, the services and the gateway; Ctrl-C (or SIGTERM) stops all of them.
var root = args.SkipWhile(a => a != "--root").Skip(1).FirstOrDefault() ?? Directory.GetCurrentDirectory();
var settings = new LaunchSettings
{
    RepositoryRoot = Path.GetFullPath(root),
    StateDirectory = Path.Combine(Path.GetFullPath(root), ".platform"),
    GatewayPort = int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_GATEWAY_PORT"), out var port) ? port : 5080,
};

using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

await using var platform = new PlatformProcesses(settings);
try
{
    await platform.StartAllAsync(stopping.Token);
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Console.Error.WriteLine($"[platform] {ex.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.WriteLine("[platform] stopping");
    return 0;
}

Console.WriteLine($"""
    [platform] Platform is running.
      GraphQL:    {settings.GraphQLUri}
      kubeconfig: {settings.KubeconfigPath}   (kubectl --kubeconfig {Path.GetRelativePath(Directory.GetCurrentDirectory(), settings.KubeconfigPath)} get ns)
      logs:       {settings.LogDirectory}/
    Press Ctrl-C to stop.
    """);

var exited = Task.Run(async () =>
{
    while (!stopping.IsCancellationRequested)
    {
        if (platform.Started.FirstOrDefault(p => p.HasExited) is { } dead)
            return dead;
        await Task.Delay(500);
    }
    return null;
});
try
{
    await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, stopping.Token));
}
catch (OperationCanceledException)
{
}
if (exited.IsCompletedSuccessfully && exited.Result is { } crashed)
    Console.Error.WriteLine($"[platform] {crashed.Name} exited; stopping everything. Last lines of {crashed.LogPath}:\n{crashed.LogTail()}");
Console.WriteLine("[platform] stopping");
return exited.IsCompletedSuccessfully && exited.Result is not null ? 1 : 0;
