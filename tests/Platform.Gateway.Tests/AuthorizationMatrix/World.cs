using System.Text.Json;
using Platform.Contracts.Tenants;
using Platform.Gateway.Workspaces;

namespace Platform.Gateway.Tests.AuthorizationMatrix;

/// <summary>A signed-up user with a valid access token.</summary>
public sealed record Person(Guid UserId, string Email, string Token, Guid OwnWorkspaceId);

/// <summary>
/// One workspace with an owner, a manager, a developer, a viewer and a bystander developer (whom mutations act on),
/// two pending invitations, a balance and a cluster of its own, managed by a partner (with an ADMIN member, a key with
/// every scope and one with workspaces:read only); another partner's key; a platform admin; a stranger with a workspace
/// of their own; and a lobby (someone else's workspace) that callers get invited to. Made fresh for every cell of the matrix, straight
/// in the fakes' memory, so a mutation in one cell never changes what another sees.
/// </summary>
public sealed class World
{
    readonly FakeServices _fakes;
    readonly List<string> _extraSecrets = [];
    readonly List<InvitationDetails> _lobbyInvitations = [];

    World(FakeServices fakes) => _fakes = fakes;

    public required Guid WorkspaceId { get; init; }
    public required string Name { get; init; }
    public required string Slug { get; init; }
    public required string Namespace { get; init; }
    public required string ClusterName { get; init; }
    public required string BalanceAmount { get; init; }
    public required Person Owner { get; init; }
    public required Person Manager { get; init; }
    public required Person Developer { get; init; }
    public required Person Viewer { get; init; }

    /// <summary>A developer no caller plays: the one changeMemberRole, removeMember and transferOwnership act on.</summary>
    public required Person Bystander { get; init; }

    /// <summary>A user who is not a member; owns a workspace of their own.</summary>
    public required Person Stranger { get; init; }

    public required InvitationDetails DeveloperInvitation { get; init; }
    public required InvitationDetails ManagerInvitation { get; init; }

    /// <summary>Another owner's workspace, which callers are invited to (accept/decline without touching the world).</summary>
    public required Guid LobbyId { get; init; }

    /// <summary>The ACTIVE partner that manages the workspace (a customer workspace of it).</summary>
    public required PartnerDetails Partner { get; init; }

    /// <summary>The partner's ADMIN member, signed in as themselves.</summary>
    public required Person PartnerAdmin { get; init; }

    /// <summary>A key of the partner with every scope.</summary>
    public required string PartnerKey { get; init; }

    /// <summary>A key of the partner with workspaces:read only.</summary>
    public required string ReadOnlyKey { get; init; }

    public Guid ReadOnlyKeyId => Guid.ParseExact(ReadOnlyKey[3..35], "N");

    /// <summary>A key with every scope of another partner, which does not manage the workspace.</summary>
    public required string OtherPartnerKey { get; init; }

    /// <summary>A platform admin, who owns a workspace of their own.</summary>
    public required Person PlatformAdmin { get; init; }

    public IReadOnlyList<Person> Members => [Owner, Manager, Developer, Viewer, Bystander];

    public IReadOnlyList<InvitationDetails> Invitations => [DeveloperInvitation, ManagerInvitation];

    /// <summary>Everything of the workspace that only its members may learn, as it would appear in a response body.</summary>
    public IReadOnlyList<string> Secrets =>
    [
        Name, Slug, Namespace, WorkspaceId.ToString(), ClusterName, BalanceAmount,
        .. Members.SelectMany(m => new[] { m.Email, m.UserId.ToString() }),
        .. Invitations.SelectMany(i => new[] { i.Email, i.Id.ToString() }),
        Partner.Name, Partner.Id.ToString(), PartnerAdmin.Email, ReadOnlyKeyId.ToString(), ReadOnlyKeyId.ToString("N"),
        .. _extraSecrets,
    ];

    /// <summary>Something a cell sends (an e-mail to invite) that a refused caller must not see echoed.</summary>
    public string Remember(string secret)
    {
        _extraSecrets.Add(secret);
        return secret;
    }

    /// <summary>A signed-up MEMBER of the world's partner whom no caller plays (removePartnerMember acts on them); their user id.</summary>
    public Guid AddPartnerMember()
    {
        var email = Remember($"partner-member-{Guid.NewGuid():N}@example.com");
        var (userId, _) = _fakes.AddUser(email, "partner-member", $"partner-member-own-{Guid.NewGuid():N}");
        _fakes.AddPartnerMember(Partner.Id, email, PartnerRoles.Member);
        Remember(userId.ToString());
        return userId;
    }

    /// <summary>A pending invitation of <paramref name="email"/> into the lobby as VIEWER; its code.</summary>
    public InvitationDetails InviteToLobby(string email)
    {
        var invitation = _fakes.AddInvitation(LobbyId, email, WorkspaceRoles.Viewer);
        _lobbyInvitations.Add(invitation);
        return invitation;
    }

    /// <summary>The invitations into the lobby made so far.</summary>
    public IReadOnlyList<InvitationDetails> LobbyInvitations => _lobbyInvitations;

    /// <summary>The fake's code of an invitation.</summary>
    public static string CodeOf(InvitationDetails invitation) => "code-" + invitation.Id.ToString("N");

    /// <summary>The team and deletion commands about this world that reached the fake tenant service.</summary>
    public IReadOnlyList<object> CommandsThatReachedTheTenant()
    {
        Guid[] ids = [WorkspaceId, LobbyId, Partner.Id, ReadOnlyKeyId, .. Invitations.Select(i => i.Id), .. _lobbyInvitations.Select(i => i.Id)];
        var marks = ids.SelectMany(id => new[] { id.ToString("D"), id.ToString("N") }).ToList();
        return _fakes.TeamRequests.Concat<object>(_fakes.DeletionRequests).Concat(_fakes.PartnerRequests)
            .Where(command => JsonSerializer.Serialize(command, command.GetType()) is var json && marks.Any(m => json.Contains(m, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    public static World Create(GatewayFixture gateway)
    {
        var fakes = gateway.Fakes;
        var tag = Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

        Person NewPerson(string who, string? workspaceName = null)
        {
            var email = $"{who}-{Guid.NewGuid():N}@example.com";
            var (userId, workspaceId) = fakes.AddUser(email, who, workspaceName ?? $"{who}-own-{Guid.NewGuid():N}");
            return new Person(userId, email, gateway.Tokens.Issue(userId, email, DateTimeOffset.UtcNow), workspaceId);
        }

        var owner = NewPerson("owner", $"Matrix-{tag}");
        var workspace = owner.OwnWorkspaceId;
        Person Member(string who, string role)
        {
            var person = NewPerson(who);
            fakes.AddMember(workspace, person.UserId, role);
            return person;
        }

        // Six decimals ending in 7: an amount no other workspace of the fakes has.
        var micros = 41_000_000 + Random.Shared.Next(0, 100_000) * 10 + 7;
        fakes.SetBalance(workspace, micros);
        var clusterName = $"cluster-{tag.ToLowerInvariant()}-x";
        fakes.PlaceOn(workspace, clusterName);
        var stored = fakes.Workspace(workspace);
        var lobby = NewPerson("lobby-owner").OwnWorkspaceId;
        var partnerAdmin = NewPerson("partner-admin");
        var partner = fakes.AddPartner($"Partner-{tag}", (partnerAdmin.Email, PartnerRoles.Admin));
        fakes.ManageBy(workspace, partner.Id);
        var otherPartner = fakes.AddPartner($"other-partner-{Guid.NewGuid():N}", (NewPerson("other-partner-admin").Email, PartnerRoles.Admin));
        var platformAdmin = NewPerson("platform-admin");
        fakes.MakePlatformAdmin(platformAdmin.UserId);

        return new World(fakes)
        {
            WorkspaceId = workspace,
            Name = stored.Name,
            Slug = stored.Slug,
            Namespace = stored.Namespace,
            ClusterName = clusterName,
            BalanceAmount = Money.FromMicros(micros, "EUR").Amount,
            Owner = owner,
            Manager = Member("manager", WorkspaceRoles.Manager),
            Developer = Member("developer", WorkspaceRoles.Developer),
            Viewer = Member("viewer", WorkspaceRoles.Viewer),
            Bystander = Member("bystander", WorkspaceRoles.Developer),
            Stranger = NewPerson("stranger"),
            DeveloperInvitation = fakes.AddInvitation(workspace, $"invited-dev-{Guid.NewGuid():N}@example.com", WorkspaceRoles.Developer),
            ManagerInvitation = fakes.AddInvitation(workspace, $"invited-mgr-{Guid.NewGuid():N}@example.com", WorkspaceRoles.Manager),
            LobbyId = lobby,
            Partner = partner,
            PartnerAdmin = partnerAdmin,
            PartnerKey = fakes.AddApiKey(partner.Id, [.. ApiKeyScopes.All]),
            ReadOnlyKey = fakes.AddApiKey(partner.Id, ApiKeyScopes.WorkspacesRead),
            OtherPartnerKey = fakes.AddApiKey(otherPartner.Id, [.. ApiKeyScopes.All]),
            PlatformAdmin = platformAdmin,
        };
    }
}
