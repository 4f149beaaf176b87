using JasperFx.Events.Projections;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Platform.Infrastructure.Hosting;
using Platform.Infrastructure.Sagas;
using Platform.Infrastructure.Security;
using Platform.Tenant;
using Platform.Tenant.Admins;
using Platform.Tenant.DeletingWorkspaces;
using Platform.Tenant.Inviting;
using Platform.Tenant.IssuingApiKeys;
using Platform.Tenant.Members;
using Platform.Tenant.Onboarding;
using Platform.Tenant.Partners;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformDefaults("tenant", platform => platform
    .Store(store =>
    {
        store.Events.AddEventTypes([
            typeof(UserRegistered), typeof(WorkspaceCreated), typeof(WorkspaceProvisioningRequested), typeof(WorkspaceAccountOpeningRequested),
            typeof(WorkspaceAccountClosingRequested), typeof(WorkspaceDeprovisioningRequested), typeof(WorkspaceActivated), typeof(WorkspaceFailed),
            typeof(MemberAdded), typeof(MemberRoleChanged), typeof(MemberRemoved), typeof(OwnershipTransferred),
            typeof(MemberInvited), typeof(InvitationAccepted), typeof(InvitationDeclined), typeof(InvitationRevoked),
            typeof(InvitationSuperseded), typeof(OwnerInvitationResent),
            typeof(WorkspaceDeletionRequested), typeof(DeletionBillingStopRequested), typeof(DeletionDeprovisioningRequested),
            typeof(DeletionAccountClosingRequested), typeof(WorkspaceDeleted),
            typeof(PartnerCreated), typeof(PartnershipApplied), typeof(PartnerApproved), typeof(PartnerRejected), typeof(PartnerMemberAdded),
            typeof(PartnerMemberRemoved), typeof(ApiKeyCreated), typeof(ApiKeyRevoked)]);
        store.Projections.Snapshot<User>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Workspace>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Invitation>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<Partner>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<ApiKey>(SnapshotLifecycle.Inline);
        // Snapshots of conjoined-tenancy streams are tenanted too (users and workspaces live in the platform tenant).
        store.Schema.For<User>().MultiTenanted();
        store.Schema.For<Workspace>().MultiTenanted().Index(w => w.OwnerId).Index(w => w.ManagedByPartnerId);
        store.Schema.For<Invitation>().MultiTenanted().UniqueIndex(i => i.CodeHash).Index(i => i.WorkspaceId).Index(i => i.Email);
        store.Schema.For<Membership>().MultiTenanted().Index(m => m.UserId);
        store.Schema.For<Partner>().MultiTenanted();
        store.Schema.For<ApiKey>().MultiTenanted().Index(k => k.PartnerId);
    })
    .Messaging(bus =>
    {
        bus.AddConsumers(typeof(TenantIntegrationEvents).Assembly);
        bus.AddSagaStateMachine<WorkspaceOnboardingStateMachine, WorkspaceOnboardingState>().MartenRepository();
        bus.AddSagaStateMachine<WorkspaceDeletionStateMachine, WorkspaceDeletionState>().MartenRepository();
    })
    .PublishEvents<TenantIntegrationEvents>());
builder.Services.AddSingleton(OnboardingOptions.From(builder.Configuration));
builder.Services.AddSingleton(DeletionOptions.From(builder.Configuration));
builder.Services.AddSingleton(InvitationOptions.From(builder.Configuration));
builder.Services.AddSingleton(PlatformAdmins.From(builder.Configuration));
builder.Services.AddSingleton(AccessTokens.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
builder.Services.AddSagaDeadlines<WorkspaceOnboardingState>(saga =>
    new WorkspaceOnboardingTimedOut { WorkspaceId = saga.CorrelationId, DeadlineAt = saga.DeadlineAt!.Value });
builder.Services.AddSagaDeadlines<WorkspaceDeletionState>(saga =>
    new WorkspaceDeletionStepTimedOut { WorkspaceId = saga.CorrelationId, DeadlineAt = saga.DeadlineAt!.Value });

var app = builder.Build();
app.MapPlatformEndpoints();
app.Run();

/// <summary>Entry point of the tenant service (visible to tests).</summary>
public partial class Program;
