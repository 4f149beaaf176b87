using k8s;
using Xunit;

namespace Platform.KubeSim.Tests;

/// <summary>One in-process KubeSim per test class, with a kubeconfig and a KubernetesClient pointing at it.</summary>
public sealed class KubeSimFixture : IAsyncLifetime
{
    public KubeSimHost Sim { get; private set; } = null!;
    public Kubernetes Client { get; private set; } = null!;
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "kubesim-tests-" + Guid.NewGuid().ToString("N"));
    public string KubeconfigPath => Path.Combine(Directory, "kubeconfig");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Sim = await KubeSimHost.StartAsync(new KubeSimOptions { WorkloadReadyDelay = TimeSpan.FromMilliseconds(200) });
        Sim.WriteKubeconfig(KubeconfigPath);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {seconds}s waiting for {what}; last value: {last}");
            }
            await Task.Delay(50);
            last = await probe();
        }
        return last;
    }
}

/// <summary>
/// Checks that something does NOT happen: probes for the whole window and fails as soon as the check breaks.
/// Returns how many probes held, so a test can make sure the window saw enough of them.
/// </summary>
public static class Consistently
{
    public static async Task<int> Holds<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan window, string what)
    {
        var end = DateTime.UtcNow + window;
        var probes = 0;
        do
        {
            var value = await probe();
            if (!holds(value))
            {
                throw new InvalidOperationException($"Expected {what} to hold for {window.TotalSeconds}s, but it broke after {probes} probes; value: {value}");
            }
            probes++;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < end);
        return probes;
    }
}
