using System.Net;
using Platform.Cluster.Clusters;
using Platform.Cluster.Placing;
using Platform.Cluster.Provisioning;
using Xunit;

namespace Platform.Cluster.Tests;

/// <summary>Choosing a cluster and deciding what a provisioning request does: pure functions.</summary>
public sealed class PlacementDecisionTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    static ClusterRecord Cluster(string name, string region, int capacity) =>
        new(Guid.NewGuid(), name, region, capacity, "encrypted", Now);

    static readonly Dictionary<Guid, int> NothingReserved = [];

    [Fact]
    public void GivenClustersInSeveralRegions_WhenChoosing_ThenOnlyClustersOfTheRegionAreConsidered()
    {
        var big = Cluster("big", "eu-west", 1000);
        var small = Cluster("small", "us-east", 100);

        Assert.Same(small, Placement.Choose([big, small], NothingReserved, "us-east", 16));
        Assert.Same(small, Placement.Choose([big, small], NothingReserved, "US-EAST", 16));
    }

    [Fact]
    public void GivenReservations_WhenChoosing_ThenTheClusterWithTheMostRoomLeftWins()
    {
        var a = Cluster("a", "local", 100);
        var b = Cluster("b", "local", 80);
        var reserved = new Dictionary<Guid, int> { [a.Id] = 48 }; // a has 52 left, b has 80

        Assert.Same(b, Placement.Choose([a, b], reserved, "local", 16));
        Assert.Same(a, Placement.Choose([a, b], NothingReserved, "local", 16));
    }

    [Fact]
    public void GivenNoClusterWithEnoughRoom_WhenChoosing_ThenNoneIsChosen()
    {
        var a = Cluster("a", "local", 32);
        var reserved = new Dictionary<Guid, int> { [a.Id] = 17 }; // 15 left

        Assert.Null(Placement.Choose([a], reserved, "local", 16));
        Assert.Null(Placement.Choose([a], NothingReserved, "elsewhere", 16));
        Assert.Null(Placement.Choose([], NothingReserved, "local", 16));
    }

    [Fact]
    public void GivenExactlyEnoughRoom_WhenChoosing_ThenTheClusterFits()
    {
        var a = Cluster("a", "local", 32);
        var reserved = new Dictionary<Guid, int> { [a.Id] = 16 };

        Assert.Same(a, Placement.Choose([a], reserved, "local", 16));
    }

    [Fact]
    public void GivenATieOnRoom_WhenChoosing_ThenTheFirstNameInOrdinalOrderWins()
    {
        var b = Cluster("b-cluster", "local", 64);
        var a = Cluster("a-cluster", "local", 64);
        var upper = Cluster("Z-cluster", "local", 64); // ordinal: upper case sorts before lower case

        Assert.Same(a, Placement.Choose([b, a], NothingReserved, "local", 16));
        Assert.Same(upper, Placement.Choose([b, a, upper], NothingReserved, "local", 16));
    }

    static WorkspacePlacement Placed() =>
        WorkspacePlacement.Create(new WorkspacePlaced(Guid.NewGuid(), Guid.NewGuid(), "kubesim", "local", "ws-a", new QuotaSpec("16", "64Gi", "100Gi", 20, 10), Now));

    [Fact]
    public void GivenNothingYet_WhenProvisioning_ThenPlaceAndProvision() =>
        Assert.Equal(ProvisioningStep.PlaceAndProvision, Provisioning.Provisioning.NextStep(null));

    [Fact]
    public void GivenPlacedButNotProvisioned_WhenProvisioning_ThenResumeOnThePlacedCluster() =>
        Assert.Equal(ProvisioningStep.ResumeOnPlacedCluster, Provisioning.Provisioning.NextStep(Placed()));

    [Fact]
    public void GivenProvisioned_WhenProvisioning_ThenNothingMoreIsDone()
    {
        var placement = Placed();
        var provisioned = placement.Apply(new NamespaceProvisioned(placement.Id, placement.ClusterId!.Value, "ws-a", Now));

        Assert.Equal(PlacementStatus.Provisioned, provisioned.Status);
        Assert.Equal(ProvisioningStep.AlreadyProvisioned, Provisioning.Provisioning.NextStep(provisioned));
    }

    [Fact]
    public void GivenRefused_WhenProvisioning_ThenItStaysRefused()
    {
        var refused = WorkspacePlacement.Create(new ProvisioningRefused(Guid.NewGuid(), "no room", Now));
        var refusedAfterPlacing = Placed().Apply(new ProvisioningRefused(Guid.NewGuid(), "403", Now));

        Assert.Equal(ProvisioningStep.AlreadyRefused, Provisioning.Provisioning.NextStep(refused));
        Assert.Equal(ProvisioningStep.AlreadyRefused, Provisioning.Provisioning.NextStep(refusedAfterPlacing));
    }

    [Fact]
    public void GivenDeprovisioned_WhenProvisioning_ThenItIsRefused()
    {
        var neverPlaced = WorkspacePlacement.Create(new NamespaceDeprovisioned(Guid.NewGuid(), "onboarding failed", Now));
        var removed = Placed().Apply(new NamespaceDeprovisioned(Guid.NewGuid(), "onboarding failed", Now));

        Assert.Equal(ProvisioningStep.RefuseDeprovisioned, Provisioning.Provisioning.NextStep(neverPlaced));
        Assert.Equal(ProvisioningStep.RefuseDeprovisioned, Provisioning.Provisioning.NextStep(removed));
    }

    [Fact]
    public void EveryPlacementStatus_HasAStep() =>
        Assert.All(Enum.GetValues<PlacementStatus>(), status =>
            Assert.True(Enum.IsDefined(Provisioning.Provisioning.NextStep(Placed() with { Status = status }))));

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.MethodNotAllowed)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.UnsupportedMediaType)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public void GivenKubernetesRefusesTheRequest_ThenTheRefusalIsPermanent(HttpStatusCode status) =>
        Assert.True(Provisioning.Provisioning.IsPermanentRefusal(status));

    [Theory]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public void GivenAConflictOrAServerError_ThenItIsRetried(HttpStatusCode status) =>
        Assert.False(Provisioning.Provisioning.IsPermanentRefusal(status));
}
