using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts;
using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Contracts.Tenants;
using Platform.Infrastructure.Security;

namespace Platform.Gateway.Tests;

/// <summary>
/// Small stand-ins for the tenant, cluster and billing services: a second bus on the same broker and prefix that
/// answers the gateway's requests from memory.
/// </summary>
public sealed partial class FakeServices(AccessTokens tokens)
{
    public const string TakenEmail = "taken@example.com";
    public const string WeakPassword = "weak";
    public const long WelcomeCreditMicros = 5_000_000;

    /// <summary>Workspaces with this name get no answer to GetBalance, like a billing service that is down.</summary>
    public const string SilentBillingWorkspace = "silent-billing";

    /// <summary>Workspaces with this name make GetBalance throw, like a billing service with a bug.</summary>
    public const string FaultyBillingWorkspace = "faulty-billing";

    readonly ConcurrentDictionary<Guid, (UserDetails User, string Password)> _users = new();
    readonly ConcurrentDictionary<Guid, WorkspaceDetails> _workspaces = new();
    long _created;

    public async Task<IBusControl> StartAsync(string rabbitMq, string prefix)
    {
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(rabbitMq));
            cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, prefix));
            cfg.ReceiveEndpoint(prefix + "fake-services", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<SignUp>(c => c.RespondAsync(SignUp(c.Message)));
                e.Handler<SignIn>(c => c.RespondAsync(SignIn(c.Message)));
                e.Handler<GetUser>(c => c.RespondAsync(GetUser(c.Message.UserId)));
                e.Handler<GetWorkspace>(c => c.RespondAsync(GetWorkspace(c.Message)));
                HandleTeams(e);
                HandlePartners(e);
                HandleDeletion(e);
                HandleDeclining(e);
                HandleClusters(e);
                HandleWebhooks(e);
                e.Handler<CreateWorkspace>(c => c.RespondAsync(CreateWorkspace(c.Message)));
                e.Handler<GetWorkspacePlacement>(c => c.RespondAsync(Placement(c.Message.WorkspaceId)));
                e.Handler<GetBalance>(c =>
                {
                    var name = _workspaces.TryGetValue(c.Message.WorkspaceId, out var w) ? w.Name : "";
                    return name switch
                    {
                        SilentBillingWorkspace => Task.CompletedTask,
                        FaultyBillingWorkspace => throw new InvalidOperationException("ledger exploded"),
                        _ => c.RespondAsync(Balance(c.Message.WorkspaceId)),
                    };
                });
            });
        });
        await bus.StartAsync();
        return bus;
    }

    SignUpResult SignUp(SignUp command)
    {
        var errors = new List<UserError>();
        if (command.Email == TakenEmail)
            errors.Add(new UserError { Field = "email", Code = "EMAIL_TAKEN", Message = "This e-mail address is already signed up." });
        if (command.Password == WeakPassword)
            errors.Add(new UserError { Field = "password", Code = "WEAK_PASSWORD", Message = "Use at least 12 characters." });
        if (errors.Count > 0)
            return new SignUpResult { Errors = errors };

        var userId = Guid.NewGuid();
        var workspace = NewWorkspace(userId, command.WorkspaceName, command.Region);
        _users[userId] = (new UserDetails { Found = true, Id = userId, Email = command.Email, DisplayName = command.DisplayName }, command.Password);
        return new SignUpResult
        {
            UserId = userId,
            WorkspaceId = workspace.Id,
            AccessToken = tokens.Issue(userId, command.Email, DateTimeOffset.UtcNow),
        };
    }

    SignInResult SignIn(SignIn command)
    {
        var match = _users.Values.FirstOrDefault(u => u.User.Email == command.Email && u.Password == command.Password);
        return match.User is null
            ? new SignInResult { Errors = [new UserError { Code = "INVALID_CREDENTIALS", Message = "Wrong e-mail or password." }] }
            : new SignInResult { UserId = match.User.Id, AccessToken = tokens.Issue(match.User.Id, match.User.Email, DateTimeOffset.UtcNow) };
    }

    CreateWorkspaceResult CreateWorkspace(CreateWorkspace command)
    {
        if (_workspaces.Values.Any(w => w.OwnerId == command.UserId && w.Name == command.Name))
            return new CreateWorkspaceResult { Errors = [new UserError { Field = "name", Code = "NAME_TAKEN", Message = "You already have a workspace with this name." }] };
        return new CreateWorkspaceResult { WorkspaceId = NewWorkspace(command.UserId, command.Name, command.Region).Id };
    }

    WorkspaceDetails NewWorkspace(Guid ownerId, string name, string? region)
    {
        var id = Guid.NewGuid();
        var workspace = new WorkspaceDetails
        {
            Id = id,
            Name = name,
            Slug = name.ToLowerInvariant(),
            Namespace = "ws-" + id.ToString("N")[..12],
            Region = region ?? "local",
            Status = "Active",
            OwnerId = ownerId,
            // A millisecond apart, in creation order, like the tenant service's clock.
            CreatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddMilliseconds(Interlocked.Increment(ref _created) % 1000),
        };
        _workspaces[id] = workspace;
        return workspace;
    }

    UserDetails GetUser(Guid userId) =>
        _users.TryGetValue(userId, out var user)
            ? user.User with
            {
                Workspaces = _workspaces.Values.Where(w => RoleOf(w.Id, userId) is not null).Select(w => w with { Role = RoleOf(w.Id, userId)! }).ToList(),
            }
            : new UserDetails { Found = false };

    WorkspaceLookup GetWorkspace(GetWorkspace request) =>
        _workspaces.TryGetValue(request.WorkspaceId, out var w) && RoleOf(w.Id, request.RequestedBy) is { } role
            ? new WorkspaceLookup { Found = true, Workspace = w with { Role = role } }
            : new WorkspaceLookup { Found = false };

    WorkspacePlacementDetails Placement(Guid workspaceId) =>
        _workspaces.TryGetValue(workspaceId, out var w)
            ? new WorkspacePlacementDetails
            {
                Found = true,
                ClusterId = Guid.Parse("00000000-0000-0000-0000-0000000000c1"),
                ClusterName = ClusterName(workspaceId),
                Region = w.Region,
                Namespace = w.Namespace,
                Quota = new WorkspaceQuota { Cpu = "4", Memory = "8Gi", Storage = "50Gi", Pods = 50, NodePorts = 2 },
            }
            : new WorkspacePlacementDetails { Found = false };

    BalanceDetails Balance(Guid workspaceId) =>
        _workspaces.ContainsKey(workspaceId)
            ? new BalanceDetails { Found = true, AmountMicros = BalanceMicros(workspaceId), Currency = "EUR" }
            : new BalanceDetails { Found = false };
}
