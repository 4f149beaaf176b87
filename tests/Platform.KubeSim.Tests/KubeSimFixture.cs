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
