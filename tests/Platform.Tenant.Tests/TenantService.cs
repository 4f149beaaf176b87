using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Contracts.Tenants;
using Platform.Testing;
using Xunit;

namespace Platform.Tenant.Tests;

/// <summary>
/// The tenant service as its real process with its own database and prefix; the probe plays the cluster and
/// billing services (it records their commands and the test answers them) and calls the tenant's requests.
/// </summary>
public abstract class TenantService(TimeSpan stepTimeout, TimeSpan? invitationLifetime = null, TimeSpan? deletionStepTimeout = null,
    IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public TimeSpan StepTimeout => stepTimeout;
    public TimeSpan? DeletionStepTimeout => deletionStepTimeout;
    public ServiceUnderTest Service { get; private set; } = null!;
    public BusProbe Probe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string> { ["Platform__Onboarding__StepTimeout"] = stepTimeout.ToString("c") };
        if (invitationLifetime is { } lifetime)
            environment["Platform__Teams__InvitationLifetime"] = lifetime.ToString("c");
        if (deletionStepTimeout is { } deletionTimeout)
            environment["Platform__Deletion__StepTimeout"] = deletionTimeout.ToString("c");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            environment[name] = value;
        Service = await ServiceUnderTest.StartAsync("tenant", environment);
        Probe = await Service.ProbeAsync(typeof(ProvisionWorkspace), typeof(DeprovisionWorkspace), typeof(OpenBillingAccount),
            typeof(CloseBillingAccount), typeof(WorkspaceCreated), typeof(WorkspaceActivated), typeof(WorkspaceFailed),
            typeof(WorkspaceMemberAdded), typeof(WorkspaceMemberRoleChanged), typeof(WorkspaceMemberRemoved), typeof(WorkspaceOwnershipTransferred),
            typeof(StopBilling), typeof(WorkspaceDeletionRequested), typeof(WorkspaceDeleted));
    }

    public async Task DisposeAsync()
    {
        await Probe.DisposeAsync();
        await Service.DisposeAsync();
    }

    public Task<SignUpResult> SignUp(string email, string workspaceName, string password = "correct horse battery staple") =>
        Probe.Request<SignUp, SignUpResult>(new SignUp { Email = email, Password = password, DisplayName = "Ada", WorkspaceName = workspaceName });

    /// <summary>Signs up a fresh user and returns its user and workspace ids.</summary>
    public async Task<(Guid UserId, Guid WorkspaceId)> SignUpNew(string workspaceName = "Analytical Engines")
    {
        var result = await SignUp($"ada+{Guid.NewGuid():N}@example.com", workspaceName);
        Assert.Empty(result.Errors);
        return (result.UserId!.Value, result.WorkspaceId!.Value);
    }

    public Task<WorkspaceLookup> GetWorkspace(Guid workspaceId, Guid requestedBy) =>
        Probe.Request<GetWorkspace, WorkspaceLookup>(new GetWorkspace { WorkspaceId = workspaceId, RequestedBy = requestedBy });

    public async Task<WorkspaceDetails> WaitForStatus(Guid workspaceId, Guid ownerId, string status, TimeSpan? timeout = null)
    {
        var lookup = await Eventually.Until(() => GetWorkspace(workspaceId, ownerId), l => l.Workspace?.Status == status,
            timeout ?? Timeout, $"workspace {workspaceId} to be {status}");
        return lookup.Workspace!;
    }

    public Task<T> Received<T>(Guid workspaceId, TimeSpan? timeout = null) where T : class, Contracts.IWorkspaceMessage =>
        Probe.WaitFor<T>(m => m.WorkspaceId == workspaceId, timeout ?? Timeout, $"{typeof(T).Name} for {workspaceId}");

    public bool HasReceived<T>(Guid workspaceId) where T : class, Contracts.IWorkspaceMessage =>
        Probe.All<T>().Any(m => m.WorkspaceId == workspaceId);
}

/// <summary>Onboarding steps get a minute: long enough that the tests always answer in time.</summary>
public sealed class PatientTenantService() : TenantService(TimeSpan.FromMinutes(1));

/// <summary>Invitations expire after 1 s (Platform__Teams__InvitationLifetime=00:00:01).</summary>
public sealed class ShortInvitationsTenantService() : TenantService(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));

/// <summary>Onboarding steps time out after 3 s (Platform__Onboarding__StepTimeout=00:00:03).</summary>
public sealed class HurriedTenantService() : TenantService(TimeSpan.FromSeconds(3));
