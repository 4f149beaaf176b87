namespace Platform.KubeSim;

/// <summary>How a KubeSim instance runs.</summary>
public sealed record KubeSimOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where state.json is kept; null keeps everything in memory only.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>How long a new pod stays Pending before it runs (or, for a job, completes).</summary>
    public TimeSpan WorkloadReadyDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>When set, a kubeconfig for this instance is written there on start.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Listen on every interface instead of 127.0.0.1 only (containers); off by default.</summary>
    public bool ListenOnAnyAddress { get; init; }

    /// <summary>The server URL written into the kubeconfig when clients reach KubeSim by another name (e.g. http://kubesim:6443).</summary>
    public Uri? AdvertisedUri { get; init; }

    /// <summary>Log ASP.NET Core request details (noisy); off by default.</summary>
    public bool VerboseLogging { get; init; }
}
