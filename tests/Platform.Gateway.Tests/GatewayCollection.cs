using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>One gateway (and one set of fake services) for all HTTP tests.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
