namespace Platform.KubeSim.Faults;

/// <summary>One API request as KubeSim saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Verb, string Resource, string? Namespace, string? Name, int StatusCode);

/// <summary>The most recent API requests, for tests to assert on.</summary>
public sealed class RequestLog
{
    private const int Capacity = 10_000;
    private readonly Lock gate = new();
    private readonly LinkedList<RecordedRequest> requests = new();

    public void Add(RecordedRequest request)
    {
        lock (gate)
        {
            requests.AddLast(request);
            if (requests.Count > Capacity)
            {
                requests.RemoveFirst();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (gate)
        {
            return requests.ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }
}
