namespace Platform.KubeSim.Faults;

/// <summary>
/// A fault to inject into matching API requests. Verb: get|list|watch|create|update|patch|delete|deletecollection|*;
/// Resource: a plural name (namespaces, deployments) or *. Count: how many requests it hits (0 = every one).
/// Status 0 only delays the request by DelayMs and then serves it normally.
/// </summary>
public sealed record Fault
{
    public string Verb { get; init; } = "*";
    public string Resource { get; init; } = "*";
    public int Count { get; init; } = 1;
    public int Status { get; init; }
    public string? Message { get; init; }
    public int DelayMs { get; init; }
}
