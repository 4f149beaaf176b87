using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts.Tenants;

namespace Platform.Gateway.Tests;

/// <summary>
/// The fake tenant's partners, keys and platform admins, in memory. Like the teams, it does what it is asked, so a refusal
/// seen by a test is the gateway's (Authorization/); <see cref="PartnerRequests"/> shows what got through.
/// </summary>
public sealed partial class FakeServices
{
    readonly ConcurrentDictionary<Guid, PartnerDetails> _partners = new();
    readonly ConcurrentDictionary<string, ApiKeyAuthentication> _apiKeys = new();
    readonly ConcurrentDictionary<Guid, bool> _platformAdmins = new();

    /// <summary>Every partner command that reached the fake tenant service.</summary>
    public ConcurrentQueue<object> PartnerRequests { get; } = new();

    public void MakePlatformAdmin(Guid userId) => _platformAdmins[userId] = true;

    /// <summary>A user with a first workspace put straight into memory (no signUp: anonymous calls share one throttle bucket).</summary>
    public (Guid UserId, Guid WorkspaceId) NewPartnerTestUser(string email)
    {
        var userId = Guid.NewGuid();
        var workspace = NewWorkspace(userId, "ws-" + email, null);
        _users[userId] = (new UserDetails { Found = true, Id = userId, Email = email, DisplayName = email }, "unused-" + Guid.NewGuid());
        return (userId, workspace.Id);
    }

    /// <summary>An ACTIVE partner with the given members (email → role).</summary>
    public PartnerDetails AddPartner(string name, params (string Email, string Role)[] members)
    {
        var partner = new PartnerDetails
        {
            Id = Guid.NewGuid(), Name = name, Status = PartnerStatuses.Active, CreatedAt = DateTimeOffset.UtcNow,
            Members = [.. members.Select(m => new PartnerMemberDetails { Email = m.Email, Role = m.Role, AddedAt = DateTimeOffset.UtcNow })],
        };
        _partners[partner.Id] = partner;
        return partner;
    }

    /// <summary>Adds a member to a partner (or changes their role), as addPartnerMember would.</summary>
    public PartnerDetails AddPartnerMember(Guid partnerId, string email, string role)
    {
        var partner = _partners[partnerId];
        partner = partner with
        {
            Members = [.. partner.Members.Where(m => m.Email != email), new PartnerMemberDetails { Email = email, Role = role, AddedAt = DateTimeOffset.UtcNow }],
        };
        _partners[partnerId] = partner;
        return partner;
    }

    /// <summary>The partner as the fake tenant service has it now.</summary>
    public PartnerDetails Partner(Guid partnerId) => _partners[partnerId];

    /// <summary>A key of the partner with the scopes; the string to send.</summary>
    public string AddApiKey(Guid partnerId, params string[] scopes)
    {
        var keyId = Guid.NewGuid();
        var key = $"pk_{keyId:N}_{new string('k', 43)}";
        _apiKeys[key] = new ApiKeyAuthentication { Authenticated = true, PartnerId = partnerId, KeyId = keyId, Scopes = scopes };
        return key;
    }

    /// <summary>A workspace the partner created for a customer (no owner yet).</summary>
    public WorkspaceDetails AddCustomerWorkspace(Guid partnerId, string name)
    {
        var workspace = NewWorkspace(Guid.Empty, name, null) with { ManagedByPartnerId = partnerId };
        _workspaces[workspace.Id] = workspace with { OwnerId = null };
        return _workspaces[workspace.Id];
    }

    string? EmailOf(Guid userId) => _users.TryGetValue(userId, out var u) ? u.User.Email : null;

    /// <summary>Keys starting with this are never answered by the fake tenant service.</summary>
    public const string UnansweredKeyPrefix = "pk_00000000000000000000000000000000_";

    void HandlePartners(IReceiveEndpointConfigurator e)
    {
        e.Handler<AuthenticateApiKey>(c => c.Message.Key.StartsWith(UnansweredKeyPrefix, StringComparison.Ordinal)
            ? Task.CompletedTask // plays a tenant service that does not answer
            : c.RespondAsync(_apiKeys.GetValueOrDefault(c.Message.Key) ?? new ApiKeyAuthentication { Authenticated = false }));
        e.Handler<CheckPlatformAdmin>(c => c.RespondAsync(new PlatformAdminStatus { IsPlatformAdmin = _platformAdmins.ContainsKey(c.Message.UserId) }));
        e.Handler<GetUserPartners>(c =>
        {
            var email = EmailOf(c.Message.UserId);
            return c.RespondAsync(new PartnerList
            {
                Partners = [.. _partners.Values.Where(p => p.Members.Any(m => m.Email == email))
                    .Select(p => p with { Role = p.Members.First(m => m.Email == email).Role })],
            });
        });
        e.Handler<GetPartner>(c => c.RespondAsync(_partners.TryGetValue(c.Message.PartnerId, out var p)
            ? new PartnerLookup { Found = true, Partner = p }
            : new PartnerLookup { Found = false }));
        e.Handler<ListPartners>(c => c.RespondAsync(new PartnerList { Partners = [.. _partners.Values] }));
        e.Handler<FindWorkspace>(c => c.RespondAsync(_workspaces.TryGetValue(c.Message.WorkspaceId, out var w)
            ? new WorkspaceLookup { Found = true, Workspace = w with { Role = "" } }
            : new WorkspaceLookup { Found = false }));
        e.Handler<ListPartnerWorkspaces>(c => c.RespondAsync(new PartnerWorkspaceList
        {
            Workspaces = [.. _workspaces.Values.Where(w => w.ManagedByPartnerId == c.Message.PartnerId).OrderBy(w => w.CreatedAt)],
        }));
        e.Handler<CreateCustomerWorkspace>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            var workspace = AddCustomerWorkspace(c.Message.PartnerId, c.Message.Name);
            var invitation = AddInvitation(workspace.Id, c.Message.CustomerEmail, WorkspaceRoles.Owner);
            return c.RespondAsync(new CreateCustomerWorkspaceResult { Workspace = workspace, Invitation = invitation, Code = "code-" + invitation.Id.ToString("N") });
        });
        e.Handler<ResendCustomerInvitation>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            var previous = _invitations.Values.Where(i => i.WorkspaceId == c.Message.WorkspaceId && i.Role == WorkspaceRoles.Owner).MaxBy(i => i.CreatedAt);
            var invitation = AddInvitation(c.Message.WorkspaceId, previous?.Email ?? "customer@example.com", WorkspaceRoles.Owner);
            return c.RespondAsync(new ResendCustomerInvitationResult { Invitation = invitation, Code = "code-" + invitation.Id.ToString("N") });
        });
        e.Handler<CreateApiKey>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            var key = AddApiKey(c.Message.PartnerId, [.. c.Message.Scopes]);
            var auth = _apiKeys[key];
            return c.RespondAsync(new CreateApiKeyResult
            {
                Key = key,
                ApiKey = new ApiKeyDetails { Id = auth.KeyId, PartnerId = auth.PartnerId, Name = c.Message.Name, Prefix = key[..35], Scopes = auth.Scopes, CreatedAt = DateTimeOffset.UtcNow },
            });
        });
        e.Handler<RevokeApiKey>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            foreach (var (key, auth) in _apiKeys.Where(k => k.Value.KeyId == c.Message.KeyId).ToList())
                _apiKeys.TryRemove(key, out _);
            return c.RespondAsync(new ApiKeyResult { ApiKey = new ApiKeyDetails { Id = c.Message.KeyId, PartnerId = c.Message.PartnerId, RevokedAt = DateTimeOffset.UtcNow } });
        });
        e.Handler<ListApiKeys>(c => c.RespondAsync(new ApiKeyList
        {
            ApiKeys = [.. _apiKeys.Values.Where(k => k.PartnerId == c.Message.PartnerId)
                .Select(k => new ApiKeyDetails { Id = k.KeyId, PartnerId = k.PartnerId, Name = "key", Prefix = $"pk_{k.KeyId:N}", Scopes = k.Scopes })],
        }));
        e.Handler<CreatePartner>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            return c.RespondAsync(new PartnerResult { Partner = AddPartner(c.Message.Name, (c.Message.OwnerEmail, PartnerRoles.Admin)) });
        });
    }
}
