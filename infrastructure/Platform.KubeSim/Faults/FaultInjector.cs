namespace Platform.KubeSim.Faults;

/// <summary>Holds the injected faults and hands out the one (if any) that applies to a request.</summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<ActiveFault> faults = [];

    public void Inject(Fault fault)
    {
        lock (gate)
        {
            faults.Add(new ActiveFault(fault, fault.Count));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    public IReadOnlyList<Fault> Active
    {
        get { lock (gate) { return faults.Select(f => f.Fault with { Count = f.Remaining }).ToList(); } }
    }

    /// <summary>Takes one use of the first fault matching the verb and resource.</summary>
    public Fault? Take(string verb, string resource)
    {
        lock (gate)
        {
            var match = faults.FirstOrDefault(f => Matches(f.Fault.Verb, verb) && Matches(f.Fault.Resource, resource));
            if (match is null)
            {
                return null;
            }
            if (match.Fault.Count > 0 && --match.Remaining <= 0)
            {
                faults.Remove(match);
            }
            return match.Fault;
        }
    }

    private static bool Matches(string pattern, string value) =>
        pattern == "*" || string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);

    private sealed class ActiveFault(Fault fault, int remaining)
    {
        public Fault Fault { get; } = fault;
        public int Remaining { get; set; } = remaining;
    }
}
