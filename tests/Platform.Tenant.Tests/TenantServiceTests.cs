using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Contracts.Tenants;
using Xunit;

namespace Platform.Tenant.Tests;

/// <summary>Signing up, signing in, creating and reading workspaces, and the onboarding saga's happy and failure paths.</summary>
public sealed class TenantServiceTests(PatientTenantService tenant) : IClassFixture<PatientTenantService>
{
    [Fact]
    public async Task WhenSigningUp_ThenATokenIsIssuedAndOnboardingGoesThroughClusterAndBillingToActive()
    {
        var result = await tenant.SignUp($"grace+{Guid.NewGuid():N}@example.com", "Café Ünïcode 数据");

        Assert.Empty(result.Errors);
        Assert.False(string.IsNullOrWhiteSpace(result.AccessToken));
        var (userId, workspaceId) = (result.UserId!.Value, result.WorkspaceId!.Value);
        var workspace = (await tenant.GetWorkspace(workspaceId, userId)).Workspace!;
        Assert.Equal("Café Ünïcode 数据", workspace.Name);

        var provision = await tenant.Received<ProvisionWorkspace>(workspaceId);
        Assert.Equal(workspace.Namespace, provision.Namespace);
        Assert.StartsWith("ws-cafe-unicode", provision.Namespace);
        Assert.Equal("local", provision.Region);
        Assert.False(tenant.HasReceived<OpenBillingAccount>(workspaceId));
        Assert.Equal("PROVISIONING", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status);

        await tenant.Probe.Publish(new WorkspaceProvisioned { WorkspaceId = workspaceId, ClusterId = Guid.NewGuid(), Namespace = provision.Namespace });
        var open = await tenant.Received<OpenBillingAccount>(workspaceId);
        Assert.Equal(userId, open.OwnerId);
        Assert.Equal("PROVISIONING", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status);

        await tenant.Probe.Publish(new BillingAccountOpened { WorkspaceId = workspaceId, Currency = "USD", WelcomeCreditMicros = 5_000_000 });
        var active = await tenant.WaitForStatus(workspaceId, userId, "ACTIVE");
        Assert.Null(active.FailureReason);
        await tenant.Received<WorkspaceActivated>(workspaceId);
        Assert.False(tenant.HasReceived<DeprovisionWorkspace>(workspaceId));
        Assert.False(tenant.HasReceived<CloseBillingAccount>(workspaceId));
    }

    [Fact]
    public async Task GivenASignedUpEmail_WhenSigningUpAgainWithItInAnotherCase_ThenEmailTaken()
    {
        var email = $"Linus+{Guid.NewGuid():N}@Example.com";
        Assert.Empty((await tenant.SignUp(email, "First")).Errors);

        var again = await tenant.SignUp("  " + email.ToUpperInvariant() + " ", "Second");

        var error = Assert.Single(again.Errors);
        Assert.Equal(("email", "EMAIL_TAKEN"), (error.Field, error.Code));
        Assert.Null(again.AccessToken);
        Assert.Null(again.WorkspaceId);
    }

    [Fact]
    public async Task WhenSigningUpWithInvalidInput_ThenTheErrorsAreReturnedAndNothingIsCreated()
    {
        var result = await tenant.SignUp("not-an-email", "Team", password: "short");

        Assert.Equal(["INVALID_EMAIL", "WEAK_PASSWORD"], result.Errors.Select(e => e.Code));
        Assert.Null(result.UserId);
    }

    [Fact]
    public async Task GivenASignedUpUser_WhenSigningIn_ThenTheRightPasswordGivesATokenAndAWrongOneOrUnknownEmailDoNot()
    {
        var email = $"margaret+{Guid.NewGuid():N}@example.com";
        var signedUp = await tenant.SignUp(email, "Apollo", password: "lunar module 11");

        var right = await tenant.Probe.Request<SignIn, SignInResult>(new SignIn { Email = email.ToUpperInvariant(), Password = "lunar module 11" });
        var wrong = await tenant.Probe.Request<SignIn, SignInResult>(new SignIn { Email = email, Password = "lunar module 12" });
        var unknown = await tenant.Probe.Request<SignIn, SignInResult>(new SignIn { Email = "nobody-" + email, Password = "lunar module 11" });

        Assert.Empty(right.Errors);
        Assert.Equal(signedUp.UserId, right.UserId);
        Assert.False(string.IsNullOrWhiteSpace(right.AccessToken));
        foreach (var refused in new[] { wrong, unknown })
        {
            Assert.Equal("INVALID_CREDENTIALS", Assert.Single(refused.Errors).Code);
            Assert.Null(refused.AccessToken);
            Assert.Null(refused.UserId);
        }
        Assert.Equal(wrong.Errors, unknown.Errors); // the answer does not tell whether the email exists
    }

    [Fact]
    public async Task GivenAUserWithAWorkspace_WhenCreatingOneWithTheSameNameInAnotherCase_ThenNameTaken()
    {
        var name = $"Data Team {Guid.NewGuid():N}"[..20];
        var (userId, _) = await tenant.SignUpNew(name);

        var same = await tenant.Probe.Request<CreateWorkspace, CreateWorkspaceResult>(new CreateWorkspace { UserId = userId, Name = " " + name.ToUpperInvariant() });
        var other = await tenant.Probe.Request<CreateWorkspace, CreateWorkspaceResult>(new CreateWorkspace { UserId = userId, Name = name + " 2" });

        var error = Assert.Single(same.Errors);
        Assert.Equal(("name", "NAME_TAKEN"), (error.Field, error.Code));
        Assert.Null(same.WorkspaceId);
        Assert.Empty(other.Errors);
        Assert.NotNull(other.WorkspaceId);
        await tenant.Received<ProvisionWorkspace>(other.WorkspaceId!.Value);
    }

    [Fact]
    public async Task GivenAnotherUsersWorkspaceName_WhenCreatingOneWithIt_ThenItIsCreatedWithASuffixedNamespace()
    {
        var name = $"Shared {Guid.NewGuid():N}"[..16];
        var (firstUser, firstWorkspace) = await tenant.SignUpNew(name);
        var (secondUser, _) = await tenant.SignUpNew("Something Else");

        var created = await tenant.Probe.Request<CreateWorkspace, CreateWorkspaceResult>(new CreateWorkspace { UserId = secondUser, Name = name });

        Assert.Empty(created.Errors);
        var first = (await tenant.GetWorkspace(firstWorkspace, firstUser)).Workspace!;
        var second = (await tenant.GetWorkspace(created.WorkspaceId!.Value, secondUser)).Workspace!;
        Assert.Equal(first.Name, second.Name);
        Assert.NotEqual(first.Namespace, second.Namespace);
        Assert.StartsWith(first.Namespace + "-", second.Namespace);
        Assert.Equal((await tenant.Received<ProvisionWorkspace>(second.Id)).Namespace, second.Namespace);
    }

    [Fact]
    public async Task WhenCreatingAWorkspaceForAnUnknownUser_ThenUserNotFound()
    {
        var result = await tenant.Probe.Request<CreateWorkspace, CreateWorkspaceResult>(new CreateWorkspace { UserId = Guid.NewGuid(), Name = "Ghost" });

        Assert.Equal("USER_NOT_FOUND", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task GivenSomeonesWorkspace_WhenAnotherUserAsksForIt_ThenItIsNotFound()
    {
        var (owner, workspaceId) = await tenant.SignUpNew();
        var (stranger, _) = await tenant.SignUpNew();

        var asOwner = await tenant.GetWorkspace(workspaceId, owner);
        var asStranger = await tenant.GetWorkspace(workspaceId, stranger);

        Assert.True(asOwner.Found);
        Assert.Equal(owner, asOwner.Workspace!.OwnerId);
        Assert.False(asStranger.Found);
        Assert.Null(asStranger.Workspace);
    }

    [Fact]
    public async Task GivenProvisioningFails_ThenTheNamespaceIsRemovedAndTheWorkspaceFailsWithTheReason()
    {
        var (userId, workspaceId) = await tenant.SignUpNew();
        await tenant.Received<ProvisionWorkspace>(workspaceId);

        await tenant.Probe.Publish(new WorkspaceProvisioningFailed { WorkspaceId = workspaceId, Reason = "No cluster in region 'local' has room." });

        var deprovision = await tenant.Received<DeprovisionWorkspace>(workspaceId);
        Assert.Equal("No cluster in region 'local' has room.", deprovision.Reason);
        Assert.Equal("PROVISIONING", (await tenant.GetWorkspace(workspaceId, userId)).Workspace!.Status); // not failed before undone
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        var failed = await tenant.WaitForStatus(workspaceId, userId, "FAILED");
        Assert.Equal("No cluster in region 'local' has room.", failed.FailureReason);
        Assert.Equal("No cluster in region 'local' has room.", (await tenant.Received<WorkspaceFailed>(workspaceId)).Reason);
        Assert.False(tenant.HasReceived<OpenBillingAccount>(workspaceId));
        Assert.False(tenant.HasReceived<CloseBillingAccount>(workspaceId));
    }

    [Fact]
    public async Task GivenOpeningTheAccountFails_ThenTheNamespaceIsRemovedAndTheWorkspaceFailsWithTheReason()
    {
        var (userId, workspaceId) = await tenant.SignUpNew();
        var provision = await tenant.Received<ProvisionWorkspace>(workspaceId);
        await tenant.Probe.Publish(new WorkspaceProvisioned { WorkspaceId = workspaceId, ClusterId = Guid.NewGuid(), Namespace = provision.Namespace });
        await tenant.Received<OpenBillingAccount>(workspaceId);

        await tenant.Probe.Publish(new BillingAccountOpeningFailed { WorkspaceId = workspaceId, Reason = "The workspace's billing account was closed." });

        await tenant.Received<DeprovisionWorkspace>(workspaceId);
        await tenant.Probe.Publish(new WorkspaceDeprovisioned { WorkspaceId = workspaceId });
        var failed = await tenant.WaitForStatus(workspaceId, userId, "FAILED");
        Assert.Equal("The workspace's billing account was closed.", failed.FailureReason);
        Assert.False(tenant.HasReceived<CloseBillingAccount>(workspaceId));
    }
}
