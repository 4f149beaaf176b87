using Platform.KubeSim;

// KubeSim: a Kubernetes API emulator. Flags: --port N | --urls http://127.0.0.1:N, --data-dir DIR,
// --kubeconfig PATH, --ready-delay-ms N, --verbose. Stops on Ctrl-C or SIGTERM.
var options = CommandLine.Parse(args);
await using var sim = await KubeSimHost.StartAsync(options);
Console.WriteLine($"KubeSim listening on {sim.BaseUri}");
if (options.KubeconfigPath is not null)
{
    Console.WriteLine($"kubeconfig written to {Path.GetFullPath(options.KubeconfigPath)}");
}
await sim.WaitForShutdownAsync();
Console.WriteLine("KubeSim stopping");
