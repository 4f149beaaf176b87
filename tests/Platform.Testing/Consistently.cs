namespace Platform.Testing;

/// <summary>
/// Checking that something does NOT happen: the condition is polled for the whole window and the check fails as soon
/// as it breaks. Only for absences; to wait for something to happen use <see cref="Eventually"/>.
/// </summary>
public static class Consistently
{
    public static Task Holds(Func<bool> condition, TimeSpan window, string what) =>
        Holds(() => Task.FromResult(condition()), ok => ok, window, what);

    /// <summary>
    /// Probes for the whole window (and once more at its end); returns how many probes held, so a test can make sure the
    /// window saw enough of them.
    /// </summary>
    public static async Task<int> Holds<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan window, string what)
    {
        var end = DateTime.UtcNow + window;
        var probes = 0;
        while (true)
        {
            var value = await probe();
            if (!holds(value))
                throw new InvalidOperationException(
                    $"Expected {what} to hold for {window.TotalSeconds}s, but it broke after {probes} probes; value: {value}");
            probes++;
            if (DateTime.UtcNow >= end)
                return probes;
            await Task.Delay(50);
        }
    }
}
