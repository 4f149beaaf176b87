using System.Text.Json.Nodes;
using Xunit;

namespace Platform.Gateway.Tests.AuthorizationMatrix;

/// <summary>What a caller gets from a row's operation.</summary>
public enum Outcome
{
    /// <summary>The data, no error.</summary>
    Allowed,

    /// <summary>Null and NOT_FOUND, exactly as for a workspace that does not exist.</summary>
    NotFound,

    /// <summary>Null and FORBIDDEN: a member whose role does not allow it.</summary>
    Forbidden,

    /// <summary>Null and UNAUTHENTICATED: no valid access token.</summary>
    Unauthenticated,

    /// <summary>The field does not touch the workspace (signUp, signIn): it runs, and must not show any of it.</summary>
    NotApplicable,
}

/// <summary>
/// One operation of the matrix: the schema coordinates it stands for, a GraphQL document touching them (with nested
/// workspace data), and what each kind of caller gets, in the order of <see cref="Callers.All"/>:
/// A = allowed, N = NOT_FOUND, F = FORBIDDEN, U = UNAUTHENTICATED, - = not applicable.
/// </summary>
public sealed record MatrixRow(string Name, string Root, IReadOnlyList<string> Covers, string Outcomes, string Document,
    Func<World, CallerKind, object?> Variables, Action<World, CallerKind, JsonNode> VerifyAllowed)
{
    /// <summary>The path (from data) whose value decides the outcome when it is not the root field: a nullable field refused on its own.</summary>
    public string? Target { get; init; }

    /// <summary>The outcome of each caller by name; null when the row does not have one column per caller, or a symbol is unknown.</summary>
    public IReadOnlyDictionary<string, Outcome>? ByCaller()
    {
        var symbols = Outcomes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (symbols.Length != Callers.All.Count)
            return null;
        var outcomes = symbols.Select(s => s switch
        {
            "A" => Outcome.Allowed,
            "N" => Outcome.NotFound,
            "F" => Outcome.Forbidden,
            "U" => Outcome.Unauthenticated,
            "-" => Outcome.NotApplicable,
            _ => (Outcome?)null,
        }).ToList();
        return outcomes.Any(o => o is null) ? null : Callers.All.Zip(outcomes).ToDictionary(x => x.First.Name, x => x.Second!.Value);
    }

    public override string ToString() => Name;
}

/// <summary>
/// The authorization matrix of the gateway: every root field and every connection, as each kind of caller sees it.
/// A field or connection added to the schema without a row here fails <see cref="AuthorizationMatrixTests.TheMatrixHasARowForEveryRootFieldAndConnectionOfTheServedSchema"/>.
/// </summary>
public static class Matrix
{
    /// <summary>
    /// Every field of Workspace the workspace row selects: all but the connections and the fields refused on their own
    /// (myRole, balance), which have rows of their own.
    /// </summary>
    public static readonly IReadOnlyList<string> WorkspaceFields =
    [
        "id", "name", "slug", "status", "failureReason", "namespace", "region", "createdAt",
        "cluster { id name region }", "quota { cpu memory storage pods nodePorts }",
    ];

    const string WorkspaceSummary = "id name slug namespace myRole balance { amount } cluster { name } quota { cpu } members(first: 20) { nodes { userId email } }";

    public static readonly IReadOnlyList<MatrixRow> Rows =
    [
        // Outcomes per caller, in the order of Callers.All:
        //   none garbage expired forged other viewer developer manager owner key key-read other-key partner-admin admin
        new("me, with each workspace's balance, cluster, quota and members", "me", ["Query.me"], "U U U U A A A A A F F F A A",
            $"{{ me {{ id email displayName workspaces(first: 20) {{ totalCount nodes {{ {WorkspaceSummary} }} }} }} }}",
            (_, _) => null,
            (w, c, me) =>
            {
                Assert.Equal(c.Subject(w)!.UserId.ToString(), Text(me["id"]));
                var mine = me["workspaces"]!["nodes"]!.AsArray().SingleOrDefault(n => Text(n!["id"]) == w.WorkspaceId.ToString());
                if (!c.IsMember)
                {
                    Assert.Null(mine);
                    return;
                }
                Assert.NotNull(mine);
                Assert.Equal((c.Role, w.BalanceAmount, w.ClusterName), (Text(mine["myRole"]), Text(mine["balance"]!["amount"]), Text(mine["cluster"]!["name"])));
                Assert.Equal(MemberEmails(w), Emails(mine["members"]!["nodes"]));
            }),
        new("workspace(id), every field but the connections", "workspace", ["Query.workspace"], "U U U U N A A A A A A N A A",
            $"query($id: ID!) {{ workspace(id: $id) {{ {string.Join(" ", WorkspaceFields)} }} }}",
            (w, _) => new { id = w.WorkspaceId },
            (w, _, workspace) =>
            {
                Assert.Equal((w.WorkspaceId.ToString(), w.Name, w.Slug, w.Namespace),
                    (Text(workspace["id"]), Text(workspace["name"]), Text(workspace["slug"]), Text(workspace["namespace"])));
                Assert.Equal((w.ClusterName, "4"), (Text(workspace["cluster"]!["name"]), Text(workspace["quota"]!["cpu"])));
            }),
        new("workspace(id).myRole", "workspace", ["Workspace.myRole"], "U U U U N A A A A F F N F F",
            "query($id: ID!) { workspace(id: $id) { myRole } }",
            (w, _) => new { id = w.WorkspaceId },
            (_, c, workspace) => Assert.Equal(c.Role, Text(workspace["myRole"])))
        {
            Target = "workspace.myRole",
        },
        new("workspace(id).balance", "workspace", ["Workspace.balance"], "U U U U N A A A A A F N A A",
            "query($id: ID!) { workspace(id: $id) { balance { amount currency } } }",
            (w, _) => new { id = w.WorkspaceId },
            (w, _, workspace) => Assert.Equal(w.BalanceAmount, Text(workspace["balance"]!["amount"])))
        {
            Target = "workspace.balance",
        },
        new("workspace(id).members", "workspace", ["Workspace.members"], "U U U U N A A A A F F N F F",
            "query($id: ID!) { workspace(id: $id) { members(first: 20) { totalCount edges { cursor node { userId email displayName role joinedAt } } } } }",
            (w, _) => new { id = w.WorkspaceId },
            (w, _, workspace) =>
            {
                var members = workspace["members"]!;
                Assert.Equal(MemberEmails(w), Emails(members["edges"]!.AsArray().Select(e => e!["node"])));
                Assert.Equal(w.Members.Count, members["totalCount"]!.GetValue<int>());
            })
        {
            Target = "workspace.members",
        },
        new("workspace(id).invitations", "workspace", ["Workspace.invitations"], "U U U U N F F A A F F N F F",
            "query($id: ID!) { workspace(id: $id) { invitations(first: 20) { totalCount nodes { id email role workspaceName } } } }",
            (w, _) => new { id = w.WorkspaceId },
            (w, _, workspace) => Assert.Equal(w.Invitations.Select(i => i.Id.ToString()).Order(),
                workspace["invitations"]!["nodes"]!.AsArray().Select(n => Text(n!["id"])).Order()))
        {
            Target = "workspace.invitations",
        },
        new("me.workspaces", "me", ["User.workspaces"], "U U U U A A A A A F F F A A",
            "{ me { workspaces(first: 20) { totalCount edges { cursor node { id name myRole } } } } }",
            (_, _) => null,
            (w, c, me) =>
            {
                var ids = me["workspaces"]!["edges"]!.AsArray().Select(e => Text(e!["node"]!["id"])).ToList();
                Assert.Equal(c.IsMember, ids.Contains(w.WorkspaceId.ToString()));
                // Everyone but the owner has a first workspace of their own besides.
                Assert.Equal(c.IsMember && c.Role != "OWNER" ? 2 : 1, ids.Distinct().Count());
            }),
        new("me.invitations (one into the lobby for the caller, two into the workspace for others)", "me", ["User.invitations"], "U U U U A A A A A F F F A A",
            "{ me { email invitations(first: 20) { totalCount nodes { id email workspaceId workspaceName role } } } }",
            (w, c) =>
            {
                if (c.Subject(w) is { } subject)
                    w.InviteToLobby(subject.Email);
                return null;
            },
            (w, c, me) =>
            {
                var nodes = me["invitations"]!["nodes"]!.AsArray();
                Assert.Equal((c.Subject(w)!.Email, w.LobbyId.ToString()), (Text(Assert.Single(nodes)!["email"]), Text(nodes[0]!["workspaceId"])));
            })
        {
            Target = "me.invitations",
        },
        new("signUp, with the new user's workspaces and their members", "signUp", ["Mutation.signUp"], "- - - - - - - - - - - - - -",
            "mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id email workspaces(first: 5) { nodes { id name balance { amount } members(first: 5) { nodes { email } } } } } workspace { id name } userErrors { code } } }",
            (_, _) => new { i = new { email = $"new-{Guid.NewGuid():N}@example.com", password = "a-long-enough-password", displayName = "New", workspaceName = $"new-{Guid.NewGuid():N}" } },
            (_, _, _) => { }),
        new("signIn as the owner with a wrong password", "signIn", ["Mutation.signIn"], "- - - - - - - - - - - - - -",
            "mutation($i: SignInInput!) { signIn(input: $i) { accessToken user { id email workspaces(first: 5) { nodes { id name } } } userErrors { code message } } }",
            (w, _) => new { i = new { email = w.Owner.Email, password = "not-the-password" } },
            (_, _, _) => { }),
        new("createWorkspace, with the new workspace's balance and members", "createWorkspace", ["Mutation.createWorkspace"], "U U U U A A A A A F F F A A",
            "mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { workspace { id name myRole balance { amount } members(first: 5) { nodes { email } } } userErrors { code } } }",
            (_, _) => new { i = new { name = $"created-{Guid.NewGuid():N}" } },
            (w, c, payload) =>
            {
                var workspace = payload["workspace"]!;
                Assert.Equal("OWNER", Text(workspace["myRole"]));
                Assert.NotEqual(w.WorkspaceId.ToString(), Text(workspace["id"]));
                Assert.Equal([c.Subject(w)!.Email], Emails(workspace["members"]!["nodes"]));
            }),
        new("inviteMember as VIEWER", "inviteMember", ["Mutation.inviteMember"], "U U U U N F F A A F F F F F",
            "mutation($i: InviteMemberInput!) { inviteMember(input: $i) { code invitation { id email role workspaceName } userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId, email = w.Remember($"new-viewer-{Guid.NewGuid():N}@example.com"), role = "VIEWER" } },
            (w, _, payload) => Assert.Equal((w.Name, "VIEWER"), (Text(payload["invitation"]!["workspaceName"]), Text(payload["invitation"]!["role"])))),
        new("inviteMember as MANAGER", "inviteMember", ["Mutation.inviteMember"], "U U U U N F F F A F F F F F",
            "mutation($i: InviteMemberInput!) { inviteMember(input: $i) { code invitation { id email role workspaceName } userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId, email = w.Remember($"new-manager-{Guid.NewGuid():N}@example.com"), role = "MANAGER" } },
            (w, _, payload) => Assert.Equal((w.Name, "MANAGER"), (Text(payload["invitation"]!["workspaceName"]), Text(payload["invitation"]!["role"])))),
        new("acceptInvitation sent to the caller (into the lobby), with the workspace joined", "acceptInvitation", ["Mutation.acceptInvitation"], "U U U U A A A A A F F F A A",
            "mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { invitation { id status } workspace { id myRole balance { amount } members(first: 10) { nodes { email } } } userErrors { code } } }",
            (w, c) => new { i = new { code = World.CodeOf(w.InviteToLobby(c.Subject(w)?.Email ?? $"nobody-{Guid.NewGuid():N}@example.com")) } },
            (w, c, payload) =>
            {
                Assert.Equal((w.LobbyId.ToString(), "VIEWER"), (Text(payload["workspace"]!["id"]), Text(payload["workspace"]!["myRole"])));
                Assert.Contains(c.Subject(w)!.Email, Emails(payload["workspace"]!["members"]!["nodes"]));
            }),
        new("declineInvitation sent to the caller (into the lobby)", "declineInvitation", ["Mutation.declineInvitation"], "U U U U A A A A A F F F A A",
            "mutation($i: DeclineInvitationInput!) { declineInvitation(input: $i) { invitation { id status workspaceId } userErrors { code } } }",
            (w, c) => new { i = new { code = World.CodeOf(w.InviteToLobby(c.Subject(w)?.Email ?? $"nobody-{Guid.NewGuid():N}@example.com")) } },
            (w, _, payload) => Assert.Equal((w.LobbyId.ToString(), "DECLINED"),
                (Text(payload["invitation"]!["workspaceId"]), Text(payload["invitation"]!["status"])))),
        new("revokeInvitation of a DEVELOPER invitation", "revokeInvitation", ["Mutation.revokeInvitation"], "U U U U N F F A A F F F F F",
            "mutation($i: RevokeInvitationInput!) { revokeInvitation(input: $i) { invitation { id email status } userErrors { code } } }",
            (w, _) => new { i = new { invitationId = w.DeveloperInvitation.Id } },
            (w, _, payload) => Assert.Equal((w.DeveloperInvitation.Id.ToString(), "REVOKED"),
                (Text(payload["invitation"]!["id"]), Text(payload["invitation"]!["status"])))),
        new("revokeInvitation of a MANAGER invitation", "revokeInvitation", ["Mutation.revokeInvitation"], "U U U U N F F F A F F F F F",
            "mutation($i: RevokeInvitationInput!) { revokeInvitation(input: $i) { invitation { id email status } userErrors { code } } }",
            (w, _) => new { i = new { invitationId = w.ManagerInvitation.Id } },
            (w, _, payload) => Assert.Equal((w.ManagerInvitation.Id.ToString(), "REVOKED"),
                (Text(payload["invitation"]!["id"]), Text(payload["invitation"]!["status"])))),
        new("changeMemberRole of a developer to VIEWER", "changeMemberRole", ["Mutation.changeMemberRole"], "U U U U N F F A A F F F F F",
            "mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { member { userId email role } userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId, userId = w.Bystander.UserId, role = "VIEWER" } },
            (w, _, payload) => Assert.Equal((w.Bystander.UserId.ToString(), "VIEWER"), (Text(payload["member"]!["userId"]), Text(payload["member"]!["role"])))),
        new("changeMemberRole of the manager to DEVELOPER", "changeMemberRole", ["Mutation.changeMemberRole"], "U U U U N F F F A F F F F F",
            "mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { member { userId email role } userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId, userId = w.Manager.UserId, role = "DEVELOPER" } },
            (w, _, payload) => Assert.Equal((w.Manager.UserId.ToString(), "DEVELOPER"), (Text(payload["member"]!["userId"]), Text(payload["member"]!["role"])))),
        // OWNER is left to the tenant service (the gateway does not check acting on the owner): a manager passes the
        // gateway and gets NOT_ALLOWED, the owner LAST_OWNER, as userErrors. The fake tenant has no such rules.
        new("changeMemberRole of the owner to VIEWER (the tenant refuses)", "changeMemberRole", ["Mutation.changeMemberRole"], "U U U U N F F A A F F F F F",
            "mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { member { userId role } userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId, userId = w.Owner.UserId, role = "VIEWER" } },
            (w, _, payload) => Assert.Equal(w.Owner.UserId.ToString(), Text(payload["member"]!["userId"]))),
        new("removeMember of the owner (the tenant refuses)", "removeMember", ["Mutation.removeMember"], "U U U U N F F A A F F F F F",
            "mutation($i: RemoveMemberInput!) { removeMember(input: $i) { removedUserId userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId, userId = w.Owner.UserId } },
            (w, _, payload) => Assert.Equal(w.Owner.UserId.ToString(), Text(payload["removedUserId"]))),
        new("removeMember of a developer", "removeMember", ["Mutation.removeMember"], "U U U U N F F A A F F F F F",
            "mutation($i: RemoveMemberInput!) { removeMember(input: $i) { removedUserId userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId, userId = w.Bystander.UserId } },
            (w, _, payload) => Assert.Equal(w.Bystander.UserId.ToString(), Text(payload["removedUserId"]))),
        new("removeMember of oneself (the tenant answers LAST_OWNER for the owner)", "removeMember", ["Mutation.removeMember"], "U U U U N A A A A F F F F F",
            "mutation($i: RemoveMemberInput!) { removeMember(input: $i) { removedUserId userErrors { code } } }",
            (w, c) => new { i = new { workspaceId = w.WorkspaceId, userId = (c.Subject(w) ?? w.Owner).UserId } },
            (w, c, payload) => Assert.Equal(c.Subject(w)!.UserId.ToString(), Text(payload["removedUserId"]))),
        new("leaveWorkspace (the tenant answers LAST_OWNER for the owner)", "leaveWorkspace", ["Mutation.leaveWorkspace"], "U U U U N A A A A F F F F F",
            "mutation($i: LeaveWorkspaceInput!) { leaveWorkspace(input: $i) { workspaceId userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId } },
            (w, _, payload) => Assert.Equal(w.WorkspaceId.ToString(), Text(payload["workspaceId"]))),
        new("transferOwnership to a developer, with the workspace's balance and members", "transferOwnership", ["Mutation.transferOwnership"], "U U U U N F F F A F F F F F",
            $"mutation($i: TransferOwnershipInput!) {{ transferOwnership(input: $i) {{ member {{ userId role }} workspace {{ {WorkspaceSummary} }} userErrors {{ code }} }} }}",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId, userId = w.Bystander.UserId } },
            (w, _, payload) =>
            {
                Assert.Equal((w.Bystander.UserId.ToString(), "OWNER"), (Text(payload["member"]!["userId"]), Text(payload["member"]!["role"])));
                Assert.Equal(w.BalanceAmount, Text(payload["workspace"]!["balance"]!["amount"]));
            }),
        new("deleteWorkspace, with the workspace's balance and cluster", "deleteWorkspace", ["Mutation.deleteWorkspace"], "U U U U N F F F A F F F F F",
            "mutation($i: DeleteWorkspaceInput!) { deleteWorkspace(input: $i) { workspace { id name status balance { amount } cluster { name } } userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId } },
            (w, _, payload) => Assert.Equal((w.WorkspaceId.ToString(), "DELETING"), (Text(payload["workspace"]!["id"]), Text(payload["workspace"]!["status"])))),
        // A connection reached through another: a workspace whose invitations the caller may not see has `invitations: null`, and
        // the rest of `me` stays (so no workspace ids are selected: a refused caller still sees them, which the leak check forbids).
        new("me.workspaces.invitations (the caller's own workspace and this one)", "me", ["User.workspaces", "Workspace.invitations"], "U U U U A F F A A F F F A A",
            "{ me { workspaces(first: 20) { nodes { invitations(first: 20) { nodes { id email } } } } } }",
            (_, _) => null,
            (w, c, me) =>
            {
                var invitations = me["workspaces"]!["nodes"]!.AsArray().SelectMany(n => n!["invitations"]!["nodes"]!.AsArray()).Select(i => Text(i!["id"])).Order();
                Assert.Equal(c.IsMember ? w.Invitations.Select(i => i.Id.ToString()).Order() : [], invitations);
            })
        {
            Target = "me.workspaces.nodes.*.invitations",
        },
        new("partner(id)", "partner", ["Query.partner"], "U U U U N N N N N A A N A A",
            "query($id: ID!) { partner(id: $id) { id name status myRole createdAt rejectionReason } }",
            (w, _) => new { id = w.Partner.Id },
            (w, c, partner) => Assert.Equal((w.Partner.Name, c.Name == "partner-admin" ? "ADMIN" : "<null>"), (Text(partner["name"]), Text(partner["myRole"])))),
        new("partner(id).members", "partner", ["Partner.members"], "U U U U N N N N N F F N A A",
            "query($id: ID!) { partner(id: $id) { members { email role } } }",
            (w, _) => new { id = w.Partner.Id },
            (w, _, partner) => Assert.Equal([w.PartnerAdmin.Email], Emails(partner["members"])))
        {
            Target = "partner.members",
        },
        new("partner(id).apiKeys", "partner", ["Partner.apiKeys"], "U U U U N N N N N F F N A F",
            "query($id: ID!) { partner(id: $id) { apiKeys(first: 20) { totalCount nodes { id prefix scopes } } } }",
            (w, _) => new { id = w.Partner.Id },
            (w, _, partner) => Assert.Contains(w.ReadOnlyKeyId.ToString(), partner["apiKeys"]!["nodes"]!.AsArray().Select(n => Text(n!["id"]))))
        {
            Target = "partner.apiKeys",
        },
        new("partner(id).customerWorkspaces", "partner", ["Partner.customerWorkspaces"], "U U U U N N N N N A A N A A",
            "query($id: ID!) { partner(id: $id) { customerWorkspaces(first: 20) { totalCount nodes { id name status } } } }",
            (w, _) => new { id = w.Partner.Id },
            (w, _, partner) => Assert.Equal([w.WorkspaceId.ToString()], partner["customerWorkspaces"]!["nodes"]!.AsArray().Select(n => Text(n!["id"]))))
        {
            Target = "partner.customerWorkspaces",
        },
        // The team is the customer's: neither the partner (key or member) nor a platform admin reads it through the partner;
        // each workspace's members are null, the list of workspaces stays.
        new("partner(id).customerWorkspaces.members", "partner", ["Partner.customerWorkspaces", "Workspace.members"], "U U U U N N N N N F F N F F",
            "query($id: ID!) { partner(id: $id) { customerWorkspaces(first: 20) { nodes { members(first: 20) { nodes { email } } } } } }",
            (w, _) => new { id = w.Partner.Id },
            (_, _, _) => { })
        {
            Target = "partner.customerWorkspaces.nodes.*.members",
        },
        new("partners (every partner, for platform admins)", "partners", ["Query.partners"], "U U U U F F F F F F F F F A",
            "{ partners(last: 20) { totalCount nodes { id name status } } }",
            (_, _) => null,
            (w, _, partners) => Assert.Contains(w.Partner.Id.ToString(), partners["nodes"]!.AsArray().Select(n => Text(n!["id"])))),
        new("applyForPartnership", "applyForPartnership", ["Mutation.applyForPartnership"], "U U U U A A A A A F F F A A",
            "mutation($i: ApplyForPartnershipInput!) { applyForPartnership(input: $i) { partner { id name status myRole } userErrors { code } } }",
            (_, _) => new { i = new { name = $"applicant-{Guid.NewGuid():N}" } },
            (_, _, payload) => Assert.Equal(("PENDING", "ADMIN"), (Text(payload["partner"]!["status"]), Text(payload["partner"]!["myRole"])))),
        new("addPartnerMember", "addPartnerMember", ["Mutation.addPartnerMember"], "U U U U N N N N N F F N A F",
            "mutation($i: AddPartnerMemberInput!) { addPartnerMember(input: $i) { partner { id members { email role } } userErrors { code } } }",
            (w, _) => new { i = new { partnerId = w.Partner.Id, email = w.Remember($"partner-new-{Guid.NewGuid():N}@example.com"), role = "MEMBER" } },
            (w, _, payload) => Assert.Equal(2, payload["partner"]!["members"]!.AsArray().Count)),
        new("removePartnerMember (another member)", "removePartnerMember", ["Mutation.removePartnerMember"], "U U U U N N N N N F F N A F",
            "mutation($i: RemovePartnerMemberInput!) { removePartnerMember(input: $i) { partner { id members { email role } } userErrors { code } } }",
            (w, _) => new { i = new { partnerId = w.Partner.Id, userId = w.AddPartnerMember() } },
            (w, _, payload) =>
            {
                Assert.Empty(payload["userErrors"]!.AsArray());
                Assert.Equal([w.PartnerAdmin.Email], payload["partner"]!["members"]!.AsArray().Select(m => Text(m!["email"])));
            }),
        new("createApiKey", "createApiKey", ["Mutation.createApiKey"], "U U U U N N N N N F F N A F",
            "mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id scopes } userErrors { code } } }",
            (w, _) => new { i = new { partnerId = w.Partner.Id, name = "matrix", scopes = new[] { "workspaces:read" } } },
            (_, _, payload) => Assert.StartsWith("pk_", Text(payload["key"]))),
        new("revokeApiKey", "revokeApiKey", ["Mutation.revokeApiKey"], "U U U U N N N N N F F N A F",
            "mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { apiKey { id revokedAt } userErrors { code } } }",
            (w, _) => new { i = new { partnerId = w.Partner.Id, apiKeyId = w.ReadOnlyKeyId } },
            (w, _, payload) => Assert.Equal(w.ReadOnlyKeyId.ToString(), Text(payload["apiKey"]!["id"]))),
        new("createCustomerWorkspace", "createCustomerWorkspace", ["Mutation.createCustomerWorkspace"], "U U U U N N N N N A F N A F",
            "mutation($i: CreateCustomerWorkspaceInput!) { createCustomerWorkspace(input: $i) { workspace { id name status } invitation { email role } code userErrors { code } } }",
            (w, _) => new { i = new { partnerId = w.Partner.Id, name = $"customer-{Guid.NewGuid():N}", customerEmail = w.Remember($"customer-{Guid.NewGuid():N}@example.com") } },
            (_, _, payload) => Assert.Equal("OWNER", Text(payload["invitation"]!["role"]))),
        // Whoever may create the partner's customer workspaces: its members and workspaces:write keys. The workspace's own members and
        // platform admins see the workspace, so they are FORBIDDEN. The world's workspace has its owner: the real tenant would answer
        // ALREADY_HAS_OWNER; the fake issues the invitation.
        new("resendCustomerInvitation", "resendCustomerInvitation", ["Mutation.resendCustomerInvitation"], "U U U U N F F F F A F N A F",
            "mutation($i: ResendCustomerInvitationInput!) { resendCustomerInvitation(input: $i) { invitation { id email role workspaceId } code userErrors { code } } }",
            (w, _) => new { i = new { workspaceId = w.WorkspaceId } },
            (w, _, payload) =>
            {
                Assert.Equal(("OWNER", w.WorkspaceId.ToString()), (Text(payload["invitation"]!["role"]), Text(payload["invitation"]!["workspaceId"])));
                Assert.StartsWith("code-", Text(payload["code"]));
            }),
        new("createPartner", "createPartner", ["Mutation.createPartner"], "U U U U F F F F F F F F F A",
            "mutation($i: CreatePartnerInput!) { createPartner(input: $i) { partner { id name status } userErrors { code } } }",
            (w, _) => new { i = new { name = w.Remember($"created-partner-{Guid.NewGuid():N}"), ownerEmail = $"boss-{Guid.NewGuid():N}@example.com" } },
            (_, _, payload) => Assert.Equal("ACTIVE", Text(payload["partner"]!["status"]))),
        new("approvePartner", "approvePartner", ["Mutation.approvePartner"], "U U U U F F F F F F F F F A",
            "mutation($i: ApprovePartnerInput!) { approvePartner(input: $i) { partner { id status } userErrors { code } } }",
            (w, _) => new { i = new { partnerId = w.Partner.Id } },
            (_, _, payload) => Assert.Equal("ACTIVE", Text(payload["partner"]!["status"]))),
        new("rejectPartner", "rejectPartner", ["Mutation.rejectPartner"], "U U U U F F F F F F F F F A",
            "mutation($i: RejectPartnerInput!) { rejectPartner(input: $i) { partner { id status rejectionReason } userErrors { code } } }",
            (w, _) => new { i = new { partnerId = w.Partner.Id, reason = "not yet" } },
            (_, _, payload) => Assert.Equal("REJECTED", Text(payload["partner"]!["status"]))),
        // Clusters are operators' business: every other caller is refused, partner keys with every scope included.
        new("clusters (every registered cluster, for platform admins)", "clusters", ["Query.clusters"], "U U U U F F F F F F F F F A",
            "{ clusters(first: 20) { totalCount pageInfo { hasNextPage } nodes { id name region capacityCpuCores reservedCpuCores workspaceCount registeredAt } } }",
            (_, _) => null,
            (_, _, clusters) => Assert.True(clusters["totalCount"]!.GetValue<int>() >= clusters["nodes"]!.AsArray().Count)),
        new("registerCluster", "registerCluster", ["Mutation.registerCluster"], "U U U U F F F F F F F F F A",
            "mutation($i: RegisterClusterInput!) { registerCluster(input: $i) { cluster { id name region capacityCpuCores } userErrors { code } } }",
            (w, _) => new { i = new { name = w.Remember($"matrix-{Guid.NewGuid():N}"[..20]), region = "eu-matrix", capacityCpuCores = 8, kubeconfig = "apiVersion: v1" } },
            (_, _, payload) => Assert.Equal(("eu-matrix", 8), (Text(payload["cluster"]!["region"]), payload["cluster"]!["capacityCpuCores"]!.GetValue<int>()))),
        // Webhook subscriptions: the partner's ADMINs and keys with webhooks:write manage them (no webhooks:read scope: the
        // writer lists); platform admins only read. The world's partner has none yet, so a delete is billing's NOT_FOUND.
        new("partner(id).webhookSubscriptions with their deliveries", "partner", ["Partner.webhookSubscriptions", "WebhookSubscription.deliveries"],
            "U U U U N N N N N A F N A A",
            "query($id: ID!) { partner(id: $id) { webhookSubscriptions(first: 10) { totalCount nodes { id url deliveries(first: 10) { totalCount nodes { id workspaceId } } } } } }",
            (w, _) => new { id = w.Partner.Id },
            (_, _, partner) => Assert.Equal(0, partner["webhookSubscriptions"]!["totalCount"]!.GetValue<int>()))
        {
            Target = "partner.webhookSubscriptions",
        },
        new("createWebhookSubscription", "createWebhookSubscription", ["Mutation.createWebhookSubscription"], "U U U U N N N N N A F N A F",
            "mutation($i: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { webhookSubscription { id url eventTypes status } signingSecret userErrors { code } } }",
            (w, _) => new { i = new { partnerId = w.Partner.Id, url = "https://matrix.example/hooks", eventTypes = new[] { "workspace.activated" } } },
            (_, _, payload) => Assert.Equal("ACTIVE", Text(payload["webhookSubscription"]!["status"]))),
        new("deleteWebhookSubscription (of none the partner has)", "deleteWebhookSubscription", ["Mutation.deleteWebhookSubscription"], "U U U U N N N N N A F N A F",
            "mutation($i: DeleteWebhookSubscriptionInput!) { deleteWebhookSubscription(input: $i) { deletedSubscriptionId userErrors { code } } }",
            (w, _) => new { i = new { partnerId = w.Partner.Id, subscriptionId = Guid.NewGuid() } },
            (_, _, payload) => Assert.Equal("NOT_FOUND", Text(payload["userErrors"]![0]!["code"]))),
        new("webhookEventTypes (the catalogue, for anyone)", "webhookEventTypes", ["Query.webhookEventTypes"], "- - - - - - - - - - - - - -",
            "{ webhookEventTypes }",
            (_, _) => null,
            (_, _, _) => { }),
    ];

    public static MatrixRow Row(string name) => Rows.Single(r => r.Name == name);

    static string Text(JsonNode? node) => node?.GetValue<string>() ?? "<null>";

    static IReadOnlyList<string> MemberEmails(World world) => world.Members.Select(m => m.Email).Order().ToList();

    static IReadOnlyList<string> Emails(JsonNode? nodes) => Emails((IEnumerable<JsonNode?>)nodes!.AsArray());

    static IReadOnlyList<string> Emails(IEnumerable<JsonNode?> nodes) => nodes.Select(n => Text(n!["email"])).Order().ToList();
}
