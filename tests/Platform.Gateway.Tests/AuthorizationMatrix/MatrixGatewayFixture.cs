using Xunit;

namespace Platform.Gateway.Tests.AuthorizationMatrix;

/// <summary>
/// A gateway of its own for the matrix: hundreds of requests, many of them anonymous from the same address, must
/// not run into the per-caller throttle (which has its own tests).
/// </summary>
public sealed class MatrixGatewayFixture() : GatewayFixture(
    ["--Platform:Gateway:Throttle:MaximumAvailable", "1000000000", "--Platform:Gateway:Throttle:RestoreRate", "1000000"], null);

[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixGatewayFixture>
{
    public const string Name = "authorization matrix";
}
