using DeleteWorkspace = Platform.Contracts.Tenants.DeleteWorkspace;
using WorkspaceRoles = Platform.Contracts.Tenants.WorkspaceRoles;
using Platform.Tenant.DeletingWorkspaces;
using Platform.Tenant.Members;
using Platform.Tenant.Workspaces;
using Xunit;
using WorkspaceCreated = Platform.Tenant.Workspaces.WorkspaceCreated;
using WorkspaceDeleted = Platform.Tenant.Workspaces.WorkspaceDeleted;
using WorkspaceDeletionRequested = Platform.Tenant.Workspaces.WorkspaceDeletionRequested;

namespace Platform.Tenant.Tests;

/// <summary>Who may delete which workspace: Given a workspace's events / When DeleteWorkspace / Then the request or a refusal code.</summary>
public sealed class DeletionDecisionTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    static readonly Guid WorkspaceId = Guid.NewGuid();
    static readonly Guid OwnerId = Guid.NewGuid();
    static readonly Guid ManagerId = Guid.NewGuid();

    static Workspace Given(params object[] events) => events.Aggregate(
        Workspace.Create(new WorkspaceCreated(WorkspaceId, OwnerId, "Doomed", "doomed", "ws-doomed", "local", Now.AddDays(-1))),
        (w, e) => e switch
        {
            WorkspaceActivated a => w.Apply(a),
            WorkspaceFailed f => w.Apply(f),
            MemberAdded m => w.Apply(m),
            OwnershipTransferred t => w.Apply(t),
            WorkspaceDeletionRequested r => w.Apply(r),
            WorkspaceDeleted d => w.Apply(d),
            _ => throw new ArgumentException($"unexpected {e}"),
        });

    static readonly WorkspaceActivated Activated = new(WorkspaceId, Now.AddHours(-20));
    static readonly MemberAdded ManagerJoined = new(WorkspaceId, ManagerId, WorkspaceRoles.Manager, "ws-doomed", null, Now.AddHours(-10));
    static readonly WorkspaceDeletionRequested DeletionRequested = new(WorkspaceId, OwnerId, "ws-doomed", Now.AddMinutes(-5));

    static DeleteWorkspace By(Guid userId) => new() { WorkspaceId = WorkspaceId, RequestedBy = userId };

    static string RefusalCode(Workspace? workspace, Guid userId) =>
        Assert.Throws<DomainRuleViolated>(() => WorkspaceDeletion.Decide(workspace, By(userId), Now)).Code;

    [Fact]
    public void GivenAnActiveWorkspace_WhenTheOwnerDeletesIt_ThenDeletionIsRequestedNowAndTheWorkspaceIsDeleting()
    {
        var workspace = Given(Activated);

        var requested = WorkspaceDeletion.Decide(workspace, By(OwnerId), Now);

        Assert.Equal(new WorkspaceDeletionRequested(WorkspaceId, OwnerId, "ws-doomed", Now), requested);
        Assert.Equal(WorkspaceStatus.Deleting, workspace.Apply(requested).Status);
    }

    [Fact]
    public void GivenAFailedWorkspace_WhenTheOwnerDeletesIt_ThenDeletionIsRequested()
    {
        var workspace = Given(new WorkspaceFailed(WorkspaceId, "Provisioning timed out.", Now.AddHours(-1)));

        Assert.Equal(WorkspaceId, WorkspaceDeletion.Decide(workspace, By(OwnerId), Now).WorkspaceId);
    }

    [Fact]
    public void GivenAManager_WhenDeleting_ThenForbidden() =>
        Assert.Equal(DeletionErrors.Forbidden, RefusalCode(Given(Activated, ManagerJoined), ManagerId));

    [Fact]
    public void GivenOwnershipWasTransferred_WhenTheFormerOwnerDeletes_ThenForbiddenAndTheNewOwnerMay()
    {
        var workspace = Given(Activated, ManagerJoined, new OwnershipTransferred(WorkspaceId, OwnerId, ManagerId, "ws-doomed", Now.AddHours(-1)));

        Assert.Equal(DeletionErrors.Forbidden, RefusalCode(workspace, OwnerId));
        Assert.Equal(ManagerId, WorkspaceDeletion.Decide(workspace, By(ManagerId), Now).RequestedBy);
    }

    [Fact]
    public void GivenANonMemberOrNoWorkspace_WhenDeleting_ThenNotFound()
    {
        Assert.Equal(DeletionErrors.NotFound, RefusalCode(Given(Activated), Guid.NewGuid()));
        Assert.Equal(DeletionErrors.NotFound, RefusalCode(null, OwnerId));
    }

    [Fact]
    public void GivenAWorkspaceStillProvisioning_WhenDeleting_ThenInvalidState() =>
        Assert.Equal(DeletionErrors.InvalidState, RefusalCode(Given(), OwnerId));

    [Fact]
    public void GivenAWorkspaceBeingDeletedOrDeleted_WhenDeletingAgain_ThenInvalidState()
    {
        Assert.Equal(DeletionErrors.InvalidState, RefusalCode(Given(Activated, DeletionRequested), OwnerId));
        Assert.Equal(DeletionErrors.InvalidState, RefusalCode(Given(Activated, DeletionRequested, new WorkspaceDeleted(WorkspaceId, Now)), OwnerId));
    }

    [Fact]
    public void GivenADeletedWorkspace_ThenItsStatusIsDeleted() =>
        Assert.Equal(WorkspaceStatus.Deleted, Given(Activated, DeletionRequested, new WorkspaceDeleted(WorkspaceId, Now)).Status);
}
