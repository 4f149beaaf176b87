namespace Platform.Cluster.Provisioning;

public enum PlacementStatus { Placed, Provisioned, Refused, Deprovisioned }

/// <summary>Where a workspace lives and how far its provisioning got.</summary>
public sealed record WorkspacePlacement(Guid Id, Guid? ClusterId, string ClusterName, string Region, string Namespace, QuotaSpec? Quota,
    PlacementStatus Status)
{
    public static WorkspacePlacement Create(WorkspacePlaced e) =>
        new(e.WorkspaceId, e.ClusterId, e.ClusterName, e.Region, e.Namespace, e.Quota, PlacementStatus.Placed);

    public static WorkspacePlacement Create(ProvisioningRefused e) => new(e.WorkspaceId, null, "", "", "", null, PlacementStatus.Refused);

    public static WorkspacePlacement Create(NamespaceDeprovisioned e) => new(e.WorkspaceId, null, "", "", "", null, PlacementStatus.Deprovisioned);

    public WorkspacePlacement Apply(NamespaceProvisioned e) => this with { Status = PlacementStatus.Provisioned };
    public WorkspacePlacement Apply(ProvisioningRefused e) => this with { Status = PlacementStatus.Refused };
    public WorkspacePlacement Apply(NamespaceDeprovisioned e) => this with { Status = PlacementStatus.Deprovisioned };
}

/// <summary>What a provisioning request should do given what already happened for the workspace.</summary>
public enum ProvisioningStep { PlaceAndProvision, ResumeOnPlacedCluster, AlreadyProvisioned, RefuseDeprovisioned, AlreadyRefused }

public static class Provisioning
{
    public static ProvisioningStep NextStep(WorkspacePlacement? placement) => placement?.Status switch
    {
        null => ProvisioningStep.PlaceAndProvision,
        PlacementStatus.Placed => ProvisioningStep.ResumeOnPlacedCluster,
        PlacementStatus.Provisioned => ProvisioningStep.AlreadyProvisioned,
        PlacementStatus.Refused => ProvisioningStep.AlreadyRefused,
        _ => ProvisioningStep.RefuseDeprovisioned,
    };

    /// <summary>Kubernetes answers that retrying will not change: the request itself is refused.</summary>
    public static bool IsPermanentRefusal(System.Net.HttpStatusCode status) =>
        (int)status is 400 or 401 or 403 or 404 or 405 or 413 or 415 or 422;
}
