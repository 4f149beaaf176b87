using MassTransit;

namespace Platform.Gateway.Services;

/// <summary>Asks a platform service over the bus; a service that does not answer becomes a SERVICE_UNAVAILABLE error.</summary>
public sealed class ServiceRequests(IClientFactory clients, GatewayOptions options, ILogger<ServiceRequests> logger)
{
    public async Task<TResponse> AskAsync<TRequest, TResponse>(TRequest request, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        try
        {
            var client = clients.CreateRequestClient<TRequest>(RequestTimeout.After(ms: (int)options.RequestTimeout.TotalMilliseconds));
            var response = await client.GetResponse<TResponse>(request, cancellationToken);
            return response.Message;
        }
        catch (RequestTimeoutException ex)
        {
            logger.LogWarning(ex, "No answer to {Request} within {Timeout}", typeof(TRequest).Name, options.RequestTimeout);
            throw GatewayErrors.ServiceUnavailable();
        }
        catch (RequestFaultException ex)
        {
            logger.LogError(ex, "The service answering {Request} faulted", typeof(TRequest).Name);
            throw GatewayErrors.Internal();
        }
    }
}
