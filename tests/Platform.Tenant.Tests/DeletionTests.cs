using System.Diagnostics;
using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Contracts.Tenants;
using Platform.Testing;
using Xunit;

namespace Platform.Tenant.Tests;

static class Deletion
{
    public static Task<DeleteWorkspaceResult> Delete(this TenantService tenant, Guid workspaceId, Guid requestedBy) =>
        tenant.Probe.Request<DeleteWorkspace, DeleteWorkspaceResult>(new DeleteWorkspace { WorkspaceId = workspaceId, RequestedBy = requestedBy });

    /// <summary>A fresh user with an ACTIVE workspace: the test answers provisioning and billing like the other services.</summary>
    public static async Task<(Guid UserId, Guid WorkspaceId)> ActiveWorkspace(this TenantService tenant, string name = "Doomed Workspace")
    {
        var (userId, workspaceId) = await tenant.SignUpNew(name);
        var provision = await tenant.Received<ProvisionWorkspace>(workspaceId);
        await tenant.Probe.Publish(new WorkspaceProvisioned { WorkspaceId = workspaceId, ClusterId = Guid.NewGuid(), Namespace = provision.Namespace });
        await tenant.Received<OpenBillingAccount>(workspaceId);
        await tenant.Probe.Publish(new BillingAccountOpened { WorkspaceId = workspaceId, Currency = "USD", WelcomeCreditMicros = 5_000_000 });
        await tenant.WaitForStatus(workspaceId, userId, "ACTIVE");
        return (userId, workspaceId);
    }

    public static int Count<T>(this TenantService tenant, Guid workspaceId) where T : class, Contracts.IWorkspaceMessage =>
        tenant.Probe.All<T>().Count(m => m.WorkspaceId == workspaceId);
}

/// <summary>The deletion saga against the real tenant process; the probe plays billing and the cluster.</summary>
public sealed class DeletionTests(PatientTenantService tenant) : IClassFixture<PatientTenantService>
{
    [Fact]
    public async Task GivenAnActiveWorkspace_WhenTheOwnerDeletesIt_ThenBillingStopsThenTheNamespaceGoesThenTheAccountClosesAndItIsDeleted()
    {
        var (userId, workspaceId) = await tenant.ActiveWorkspace();
        var before = DateTimeOffset.UtcNow;

        var result = await tenant.Delete(workspaceId, userId);

        Assert.Empty(result.Errors);
        Assert.Equal("DELETING", result.Workspace!.Status);
        Assert.Equal("DELETING", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status);
        var requested = await tenant.Received<WorkspaceDeletionRequested>(workspaceId);
        var stop = await tenant.Received<StopBilling>(workspaceId);
        Assert.Equal(requested.RequestedAt, stop.StoppedAt);
        Assert.InRange(stop.StoppedAt, before.AddSeconds(-5), DateTimeOffset.UtcNow);
        Assert.False(tenant.HasReceived<DeprovisionWorkspace>(workspaceId), "the namespace goes only after billing stopped");

        await tenant.Probe.Publish(new BillingStopped { WorkspaceId = workspaceId, StoppedAt = stop.StoppedAt, AccountClosed = false });
        var deprovision = await tenant.Received<DeprovisionWorkspace>(workspaceId);
        Assert.Contains("deleted", deprovision.Reason);
        Assert.False(tenant.HasReceived<CloseBillingAccount>(workspaceId), "the account closes only after the namespace is gone");
        Assert.Equal("DELETING", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status);

        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        await tenant.Received<CloseBillingAccount>(workspaceId);
        Assert.Equal("DELETING", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status);

        await tenant.Probe.Publish(new BillingAccountClosed { WorkspaceId = workspaceId });
        var deleted = await tenant.WaitForStatus(workspaceId, userId, "DELETED");
        Assert.Equal(workspaceId, deleted.Id);
        await tenant.Received<WorkspaceDeleted>(workspaceId);
        Assert.DoesNotContain((await tenant.User(userId)).Workspaces, w => w.Id == workspaceId);
        Assert.Equal(1, tenant.Count<StopBilling>(workspaceId));
        Assert.Equal(1, tenant.Count<DeprovisionWorkspace>(workspaceId));
        Assert.Equal(1, tenant.Count<CloseBillingAccount>(workspaceId));
    }

    [Fact]
    public async Task GivenAFailedWorkspaceWhoseAccountIsClosed_WhenDeleted_ThenTheNamespaceIsRemovedAgainAndClosingIsSkipped()
    {
        var (userId, workspaceId) = await tenant.SignUpNew("Never Worked");
        await tenant.Received<ProvisionWorkspace>(workspaceId);
        await tenant.Probe.Publish(new WorkspaceProvisioningFailed { WorkspaceId = workspaceId, Reason = "no capacity" });
        await tenant.Received<DeprovisionWorkspace>(workspaceId);
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        await tenant.WaitForStatus(workspaceId, userId, "FAILED");

        Assert.Empty((await tenant.Delete(workspaceId, userId)).Errors);

        var stop = await tenant.Received<StopBilling>(workspaceId);
        await tenant.Probe.Publish(new BillingStopped { WorkspaceId = workspaceId, StoppedAt = stop.StoppedAt, AccountClosed = true });
        await tenant.Probe.WaitForCount<DeprovisionWorkspace>(m => m.WorkspaceId == workspaceId, 2, TenantService.Timeout, "deletion's deprovisioning");
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        await tenant.WaitForStatus(workspaceId, userId, "DELETED");
        Assert.False(tenant.HasReceived<CloseBillingAccount>(workspaceId), "billing said the account was already closed");
    }

    [Fact]
    public async Task GivenAManagerOrAStranger_WhenDeleting_ThenForbiddenOrNotFoundAndNothingIsStopped()
    {
        var (ownerId, workspaceId) = await tenant.ActiveWorkspace();
        var managerId = await tenant.AddMember(workspaceId, ownerId, WorkspaceRoles.Manager);
        var (strangerId, _) = await tenant.SignUpNew("Someone Else");

        var byManager = await tenant.Delete(workspaceId, managerId);
        var byStranger = await tenant.Delete(workspaceId, strangerId);
        var unknown = await tenant.Delete(Guid.NewGuid(), ownerId);

        Assert.Equal("FORBIDDEN", Assert.Single(byManager.Errors).Code);
        Assert.Equal("NOT_FOUND", Assert.Single(byStranger.Errors).Code);
        Assert.Equal(byStranger.Errors, unknown.Errors); // a stranger learns nothing about whether the workspace exists
        Assert.Null(byManager.Workspace);
        Assert.Null(byStranger.Workspace);
        Assert.Equal("ACTIVE", (await tenant.GetWorkspace(workspaceId, ownerId)).Workspace!.Status);
        await Consistently.Holds(() => !tenant.HasReceived<StopBilling>(workspaceId), TimeSpan.FromSeconds(1), "no deletion to start");
    }

    [Fact]
    public async Task GivenAWorkspaceStillProvisioning_WhenDeleting_ThenInvalidStateAndOnboardingGoesOn()
    {
        var (userId, workspaceId) = await tenant.SignUpNew("Still Coming");
        await tenant.Received<ProvisionWorkspace>(workspaceId);

        var result = await tenant.Delete(workspaceId, userId);

        Assert.Equal("INVALID_STATE", Assert.Single(result.Errors).Code);
        Assert.Equal("PROVISIONING", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status);
        await Consistently.Holds(() => !tenant.HasReceived<StopBilling>(workspaceId), TimeSpan.FromSeconds(1), "no deletion to start");
    }

    [Fact]
    public async Task GivenAnActiveWorkspace_WhenDeletedTwiceAtOnceAndAgainLater_ThenOneDeletionRunsAndTheOthersAreInvalidState()
    {
        var (userId, workspaceId) = await tenant.ActiveWorkspace();

        var results = await Task.WhenAll(tenant.Delete(workspaceId, userId), tenant.Delete(workspaceId, userId));
        var later = await tenant.Delete(workspaceId, userId);

        Assert.Single(results, r => r.Errors.Count == 0);
        Assert.Equal("INVALID_STATE", Assert.Single(results.Single(r => r.Errors.Count > 0).Errors).Code);
        Assert.Equal("INVALID_STATE", Assert.Single(later.Errors).Code);
        var stop = await tenant.Received<StopBilling>(workspaceId);
        // The saga hears its start event twice (as after a redelivery): still one deletion.
        await tenant.Probe.Publish(await tenant.Received<WorkspaceDeletionRequested>(workspaceId));
        await tenant.Probe.Publish(new BillingStopped { WorkspaceId = workspaceId, StoppedAt = stop.StoppedAt, AccountClosed = false });
        await tenant.Probe.Publish(new BillingStopped { WorkspaceId = workspaceId, StoppedAt = stop.StoppedAt, AccountClosed = false });
        await tenant.Received<DeprovisionWorkspace>(workspaceId);
        await Consistently.Holds(() => tenant.Count<StopBilling>(workspaceId) == 1 && tenant.Count<DeprovisionWorkspace>(workspaceId) == 1,
            TimeSpan.FromSeconds(2), "one stop and one deprovisioning");
    }

    [Fact]
    public async Task GivenADeletedWorkspace_WhenTheOwnerCreatesOneWithTheSameName_ThenTheNameIsFreeButTheSlugStaysReserved()
    {
        var name = $"Reborn {Guid.NewGuid():N}"[..16];
        var (userId, workspaceId) = await tenant.ActiveWorkspace(name);
        var original = (await tenant.GetWorkspace(workspaceId, userId)).Workspace!;
        var taken = await tenant.Probe.Request<CreateWorkspace, CreateWorkspaceResult>(new CreateWorkspace { UserId = userId, Name = name });
        Assert.Equal("NAME_TAKEN", Assert.Single(taken.Errors).Code);
        Assert.Empty((await tenant.Delete(workspaceId, userId)).Errors);
        var stop = await tenant.Received<StopBilling>(workspaceId);
        await tenant.Probe.Publish(new BillingStopped { WorkspaceId = workspaceId, StoppedAt = stop.StoppedAt, AccountClosed = false });
        await tenant.Received<DeprovisionWorkspace>(workspaceId);
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        await tenant.Received<CloseBillingAccount>(workspaceId);
        await tenant.Probe.Publish(new BillingAccountClosed { WorkspaceId = workspaceId });
        await tenant.WaitForStatus(workspaceId, userId, "DELETED");

        var created = await tenant.Probe.Request<CreateWorkspace, CreateWorkspaceResult>(new CreateWorkspace { UserId = userId, Name = name });

        Assert.Empty(created.Errors);
        var reborn = (await tenant.GetWorkspace(created.WorkspaceId!.Value, userId)).Workspace!;
        Assert.NotEqual(original.Slug, reborn.Slug);
        Assert.StartsWith(original.Namespace + "-", reborn.Namespace);
        Assert.Equal([created.WorkspaceId.Value], (await tenant.User(userId)).Workspaces.Where(w => w.Name == name).Select(w => w.Id));
    }
}

/// <summary>Deletion steps wait 2 s (Platform__Deletion__StepTimeout=00:00:02) before their command is sent again.</summary>
public sealed class HurriedDeletionTenantService() : TenantService(TimeSpan.FromMinutes(1), deletionStepTimeout: TimeSpan.FromSeconds(2));

/// <summary>Deletion never gives up: a step that does not answer gets its command again after each deadline.</summary>
public sealed class DeletionRetryTests(HurriedDeletionTenantService tenant) : IClassFixture<HurriedDeletionTenantService>
{
    [Fact]
    public async Task GivenBillingAndTheClusterDoNotAnswer_WhenTheirDeadlinesPass_ThenTheirCommandsAreSentAgainUntilTheyAnswer()
    {
        var (userId, workspaceId) = await tenant.ActiveWorkspace();
        Assert.Empty((await tenant.Delete(workspaceId, userId)).Errors);
        await tenant.Received<StopBilling>(workspaceId);
        var waiting = Stopwatch.StartNew();

        var stops = await tenant.Probe.WaitForCount<StopBilling>(m => m.WorkspaceId == workspaceId, 2, TenantService.Timeout, "StopBilling sent again");

        Assert.True(waiting.Elapsed >= tenant.DeletionStepTimeout!.Value - TimeSpan.FromSeconds(1), $"sent again after {waiting.Elapsed}, before the deadline");
        Assert.Equal(stops[0].StoppedAt, stops[1].StoppedAt); // still the moment deletion was requested
        var ids = tenant.Probe.AllWithIds<StopBilling>().Where(m => m.Message.WorkspaceId == workspaceId).Select(m => m.MessageId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count()); // new messages, which billing's inbox does not drop
        Assert.False(tenant.HasReceived<DeprovisionWorkspace>(workspaceId));
        Assert.Equal("DELETING", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status);

        await tenant.Probe.Publish(new BillingStopped { WorkspaceId = workspaceId, StoppedAt = stops[0].StoppedAt, AccountClosed = false });
        await tenant.Probe.WaitForCount<DeprovisionWorkspace>(m => m.WorkspaceId == workspaceId, 2, TenantService.Timeout, "DeprovisionWorkspace sent again");
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        await tenant.Received<CloseBillingAccount>(workspaceId);
        await tenant.Probe.Publish(new BillingAccountClosed { WorkspaceId = workspaceId });
        await tenant.WaitForStatus(workspaceId, userId, "DELETED");
        var stopsSent = tenant.Count<StopBilling>(workspaceId);
        await Consistently.Holds(() => tenant.Count<StopBilling>(workspaceId) == stopsSent, tenant.DeletionStepTimeout!.Value * 2,
            "no more re-sending once deleted");
    }
}
