using System.Diagnostics;
using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Contracts.Tenants;
using Platform.Testing;
using Xunit;

namespace Platform.Tenant.Tests;

/// <summary>A step that nobody answers times out after Platform__Onboarding__StepTimeout and is undone in reverse order.</summary>
public sealed class OnboardingTimeoutTests(HurriedTenantService tenant) : IClassFixture<HurriedTenantService>
{
    [Fact]
    public async Task GivenNobodyProvisions_WhenTheStepTimesOut_ThenTheNamespaceIsRemovedAndTheWorkspaceFails()
    {
        var (userId, workspaceId) = await tenant.SignUpNew();
        await tenant.Received<ProvisionWorkspace>(workspaceId);
        var waiting = Stopwatch.StartNew();

        var deprovision = await tenant.Received<DeprovisionWorkspace>(workspaceId);

        Assert.True(waiting.Elapsed >= tenant.StepTimeout - TimeSpan.FromSeconds(1), $"deprovisioned after {waiting.Elapsed}, before the deadline");
        Assert.Contains("timed out", deprovision.Reason);
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        var failed = await tenant.WaitForStatus(workspaceId, userId, "FAILED");
        Assert.Equal("Provisioning the workspace namespace timed out.", failed.FailureReason);
        Assert.False(tenant.HasReceived<OpenBillingAccount>(workspaceId));
    }

    [Fact]
    public async Task GivenNobodyOpensTheAccount_WhenTheStepTimesOut_ThenTheAccountIsClosedThenTheNamespaceRemovedThenTheWorkspaceFails()
    {
        var (userId, workspaceId) = await tenant.SignUpNew();
        var provision = await tenant.Received<ProvisionWorkspace>(workspaceId);
        await tenant.Probe.Publish(new WorkspaceProvisioned { WorkspaceId = workspaceId, ClusterId = Guid.NewGuid(), Namespace = provision.Namespace });
        await tenant.Received<OpenBillingAccount>(workspaceId);

        var close = await tenant.Received<CloseBillingAccount>(workspaceId);

        Assert.Contains("timed out", close.Reason);
        Assert.False(tenant.HasReceived<DeprovisionWorkspace>(workspaceId), "the namespace must be removed only after the account is closed");
        await tenant.Probe.Publish(new BillingAccountClosed { WorkspaceId = workspaceId });
        await tenant.Received<DeprovisionWorkspace>(workspaceId);
        Assert.Equal("PROVISIONING", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status);
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        var failed = await tenant.WaitForStatus(workspaceId, userId, "FAILED");
        Assert.Equal("Opening the billing account timed out.", failed.FailureReason);
    }

    [Fact]
    public async Task GivenATimedOutWorkspace_WhenTheLateAnswerArrives_ThenItStaysFailed()
    {
        var (userId, workspaceId) = await tenant.SignUpNew();
        var provision = await tenant.Received<ProvisionWorkspace>(workspaceId);
        await tenant.Received<DeprovisionWorkspace>(workspaceId);
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        await tenant.WaitForStatus(workspaceId, userId, "FAILED");

        await tenant.Probe.Publish(new WorkspaceProvisioned { WorkspaceId = workspaceId, ClusterId = Guid.NewGuid(), Namespace = provision.Namespace });

        await Consistently.Holds(() => !tenant.HasReceived<OpenBillingAccount>(workspaceId), TimeSpan.FromSeconds(2),
            "no account to be opened for a failed workspace");
        Assert.Equal("FAILED", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status);
    }
}

/// <summary>Deadlines are stored with the saga: one that passes while the service is down still fires after a restart.</summary>
public sealed class OnboardingDeadlineRestartTests(HurriedTenantService tenant) : IClassFixture<HurriedTenantService>
{
    [Fact]
    public async Task GivenTheServiceDiesWhileWaitingForProvisioning_WhenItStartsAfterTheDeadline_ThenTheWorkspaceStillTimesOut()
    {
        var (userId, workspaceId) = await tenant.SignUpNew();
        await tenant.Received<ProvisionWorkspace>(workspaceId);
        var deadline = DateTime.UtcNow + tenant.StepTimeout;

        await tenant.Service.KillAsync();
        await Eventually.Until(() => Task.FromResult(DateTime.UtcNow > deadline + TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(30),
            "the deadline to pass while the service is down");
        Assert.False(tenant.HasReceived<DeprovisionWorkspace>(workspaceId));
        await tenant.Service.StartAsync();

        var deprovision = await tenant.Received<DeprovisionWorkspace>(workspaceId);
        Assert.Contains("timed out", deprovision.Reason);
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        var failed = await tenant.WaitForStatus(workspaceId, userId, "FAILED");
        Assert.Equal("Provisioning the workspace namespace timed out.", failed.FailureReason);
    }
}
