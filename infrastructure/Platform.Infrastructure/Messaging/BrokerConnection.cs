using RabbitMQ.Client;

namespace Platform.Infrastructure.Messaging;

/// <summary>
/// One RabbitMQ.Client connection per process for what MassTransit does not do itself: delay queues for
/// redelivery and moving messages out of error queues. Channels confirm every publish.
/// </summary>
public sealed class BrokerConnection(Uri uri, string serviceName) : IAsyncDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    IConnection? _connection;

    /// <summary>A new channel with publisher confirms: an awaited publish is stored by the broker (or throws).</summary>
    public async Task<IChannel> OpenChannelAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectionAsync(cancellationToken);
        return await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
    }

    async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
            return open;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true } current)
                return current;
            if (_connection is not null)
                await _connection.DisposeAsync();
            var factory = new ConnectionFactory { Uri = uri, ClientProvidedName = serviceName + " (redelivery, error queues)" };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
