using Platform.Contracts.Tenants;
using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>deleteWorkspace through the gateway: only the owner gets through to the tenant service, and its answer is mapped to the payload.</summary>
[Collection(GatewayCollection.Name)]
public sealed class DeletionTests(GatewayFixture gateway)
{
    const string Delete = "mutation($i: DeleteWorkspaceInput!) { deleteWorkspace(input: $i) { workspace { id status } userErrors { field code message } } }";

    async Task<(string Token, Guid UserId, Guid WorkspaceId)> SignUpAsync()
    {
        var email = $"deleter-{Guid.NewGuid():N}@example.com";
        var response = (await gateway.PostAsync(
            "mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } workspace { id } } }",
            new { i = new { email, password = "a-long-enough-password", displayName = "Deleter", workspaceName = "ws-" + email } })).Clean();
        var payload = response.Data!["signUp"]!;
        return (payload["accessToken"]!.GetValue<string>(), Guid.Parse(payload["user"]!["id"]!.GetValue<string>()),
            Guid.Parse(payload["workspace"]!["id"]!.GetValue<string>()));
    }

    int RequestsFor(Guid workspaceId) => gateway.Fakes.DeletionRequests.Count(r => r.WorkspaceId == workspaceId);

    [Fact]
    public async Task GivenTheOwner_WhenDeletingTheirWorkspace_ThenTheTenantIsAskedAndTheWorkspaceIsDeleting()
    {
        var (token, userId, workspaceId) = await SignUpAsync();

        var response = (await gateway.PostAsync(Delete, new { i = new { workspaceId } }, token)).Clean();

        Assert.Empty(response.Errors);
        var payload = response.Data!["deleteWorkspace"]!;
        Assert.Equal(workspaceId.ToString(), payload["workspace"]!["id"]!.GetValue<string>());
        Assert.Equal("DELETING", payload["workspace"]!["status"]!.GetValue<string>());
        Assert.Empty(payload["userErrors"]!.AsArray());
        var request = Assert.Single(gateway.Fakes.DeletionRequests, r => r.WorkspaceId == workspaceId);
        Assert.Equal(userId, request.RequestedBy);
        var read = (await gateway.PostAsync("query($id: ID!) { workspace(id: $id) { status } }", new { id = workspaceId }, token)).Clean();
        Assert.Equal("DELETING", read.Data!["workspace"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenAWorkspaceAlreadyBeingDeleted_WhenDeletedAgain_ThenTheTenantsInvalidStateIsAUserError()
    {
        var (token, _, workspaceId) = await SignUpAsync();
        (await gateway.PostAsync(Delete, new { i = new { workspaceId } }, token)).Clean();

        var again = (await gateway.PostAsync(Delete, new { i = new { workspaceId } }, token)).Clean();

        Assert.Empty(again.Errors);
        var payload = again.Data!["deleteWorkspace"]!;
        Assert.Null(payload["workspace"]);
        Assert.Equal("INVALID_STATE", payload["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("The workspace is already being deleted.", payload["userErrors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenMembersWhoAreNotTheOwner_WhenDeleting_ThenForbiddenAndNothingReachesTheTenant()
    {
        var (_, _, workspaceId) = await SignUpAsync();
        foreach (var role in new[] { WorkspaceRoles.Manager, WorkspaceRoles.Developer, WorkspaceRoles.Viewer })
        {
            var (memberToken, memberId, _) = await SignUpAsync();
            gateway.Fakes.AddMember(workspaceId, memberId, role);

            var response = (await gateway.PostAsync(Delete, new { i = new { workspaceId } }, memberToken)).Clean();

            response.HasErrorCode("FORBIDDEN");
            Assert.Null(response.Data);
        }
        Assert.Equal(0, RequestsFor(workspaceId));
    }

    [Fact]
    public async Task GivenAStrangerOrAnUnknownIdOrNoToken_WhenDeleting_ThenNotFoundOrUnauthenticatedAndNothingReachesTheTenant()
    {
        var (_, _, workspaceId) = await SignUpAsync();
        var (strangerToken, _, _) = await SignUpAsync();

        var byStranger = (await gateway.PostAsync(Delete, new { i = new { workspaceId } }, strangerToken)).Clean();
        var unknown = (await gateway.PostAsync(Delete, new { i = new { workspaceId = Guid.NewGuid() } }, strangerToken)).Clean();
        var anonymous = (await gateway.PostAsync(Delete, new { i = new { workspaceId } })).Clean();

        byStranger.HasErrorCode("NOT_FOUND");
        unknown.HasErrorCode("NOT_FOUND");
        Assert.Equal(byStranger.Errors[0]!["message"]!.GetValue<string>(), unknown.Errors[0]!["message"]!.GetValue<string>());
        anonymous.HasErrorCode("UNAUTHENTICATED");
        Assert.Equal(0, RequestsFor(workspaceId));
    }
}
