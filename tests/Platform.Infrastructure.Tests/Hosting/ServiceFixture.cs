namespace Platform.Infrastructure.Tests.Hosting;

/// <summary>One fresh database and broker prefix for a test class; its tests start hosts of the service on it.</summary>
public abstract class ServiceFixture(string serviceName) : IAsyncLifetime
{
    public TestService Service { get; private set; } = null!;

    public async Task InitializeAsync() => Service = await TestService.CreateAsync(serviceName);

    public Task DisposeAsync() => Service.DropDatabaseAsync();
}
