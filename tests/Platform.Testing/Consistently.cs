namespace Platform.Testing;

/// <summary>
/// Checking that something does NOT happen: the condition is polled for the whole window and the check fails as soon
/// as it breaks. Only for absences; to wait for something to happen use <see cref="Eventually"/>.
/// </summary>
public static class Consistently
{
    public static async Task Holds(Func<bool> condition, TimeSpan window, string what)
    {
        var end = DateTime.UtcNow + window;
        do
        {
            if (!condition())
                throw new InvalidOperationException($"Expected {what} to hold for {window.TotalSeconds}s, but it broke.");
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < end);
        if (!condition())
            throw new InvalidOperationException($"Expected {what} to hold for {window.TotalSeconds}s, but it broke.");
    }
}
