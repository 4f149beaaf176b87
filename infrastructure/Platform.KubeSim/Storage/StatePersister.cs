namespace Platform.KubeSim.Storage;

/// <summary>Writes the state file shortly after changes, off the request path, and once more on shutdown.</summary>
public sealed class StatePersister : IAsyncDisposable
{
    private readonly ObjectStore store;
    private readonly StateFile file;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private int dirty;

    public StatePersister(ObjectStore store, StateFile file)
    {
        this.store = store;
        this.file = file;
        store.Changed += () => Interlocked.Exchange(ref dirty, 1);
        loop = RunAsync();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                SaveIfDirty();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the final save happens in DisposeAsync.
        }
    }

    private void SaveIfDirty()
    {
        if (Interlocked.Exchange(ref dirty, 0) == 1)
        {
            file.Save(store);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await loop;
        SaveIfDirty();
        stopping.Dispose();
    }
}
