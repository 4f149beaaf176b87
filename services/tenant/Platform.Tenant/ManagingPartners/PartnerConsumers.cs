using JasperFx;
using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Admins;
using Platform.Tenant.Members;
using Platform.Tenant.Partners;
using Platform.Tenant.Users;

namespace Platform.Tenant.ManagingPartners;

/// <summary>A platform admin creates an ACTIVE partner; its name is unique.</summary>
public sealed class CreatePartnerConsumer(IDocumentStore store, PlatformAdmins admins, TimeProvider clock, ILogger<CreatePartnerConsumer> logger)
    : IConsumer<CreatePartner>
{
    public async Task Consume(ConsumeContext<CreatePartner> context)
    {
        var m = context.Message;
        await using var session = store.LightweightSession();
        var actor = await session.LoadAsync<User>(m.ActorId, context.CancellationToken);
        await PartnerStarting.RespondAsync(context, session, logger,
            () => PartnerDecisions.Create(admins.IsAdmin(actor), m.ActorId, m.Name, m.OwnerEmail, Guid.NewGuid(), clock.GetUtcNow()),
            e => (e.PartnerId, e.Name, Partner.Create(e)));
    }
}

/// <summary>A signed-in user applies for a partnership: a PENDING partner with them as ADMIN.</summary>
public sealed class ApplyForPartnershipConsumer(IDocumentStore store, TimeProvider clock, ILogger<ApplyForPartnershipConsumer> logger)
    : IConsumer<ApplyForPartnership>
{
    public async Task Consume(ConsumeContext<ApplyForPartnership> context)
    {
        var m = context.Message;
        await using var session = store.LightweightSession();
        var user = await session.LoadAsync<User>(m.UserId, context.CancellationToken);
        await PartnerStarting.RespondAsync(context, session, logger,
            () => user is null
                ? throw new DomainRuleViolated(PartnerErrors.NotAllowed, "The signed-in user no longer exists.")
                : PartnerDecisions.Apply(user.Id, user.Email, m.Name, Guid.NewGuid(), clock.GetUtcNow()),
            e => (e.PartnerId, e.Name, Partner.Create(e)));
    }
}

public sealed class ApprovePartnerConsumer(IDocumentStore store, PlatformAdmins admins, TimeProvider clock) : IConsumer<ApprovePartner>
{
    public async Task Consume(ConsumeContext<ApprovePartner> context)
    {
        var m = context.Message;
        await PartnerChange.RunAsync(store, context, m.PartnerId, async (session, partner) =>
        {
            var actor = await session.LoadAsync<User>(m.ActorId, context.CancellationToken);
            return [PartnerDecisions.Approve(partner, admins.IsAdmin(actor), m.ActorId, clock.GetUtcNow())];
        });
    }
}

public sealed class RejectPartnerConsumer(IDocumentStore store, PlatformAdmins admins, TimeProvider clock) : IConsumer<RejectPartner>
{
    public async Task Consume(ConsumeContext<RejectPartner> context)
    {
        var m = context.Message;
        await PartnerChange.RunAsync(store, context, m.PartnerId, async (session, partner) =>
        {
            var actor = await session.LoadAsync<User>(m.ActorId, context.CancellationToken);
            return [PartnerDecisions.Reject(partner, admins.IsAdmin(actor), m.ActorId, m.Reason, clock.GetUtcNow())];
        });
    }
}

public sealed class AddPartnerMemberConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<AddPartnerMember>
{
    public async Task Consume(ConsumeContext<AddPartnerMember> context)
    {
        var m = context.Message;
        await PartnerChange.RunAsync(store, context, m.PartnerId, async (session, partner) =>
        {
            var actor = await session.LoadAsync<User>(m.ActorId, context.CancellationToken);
            return PartnerDecisions.AddMember(partner, actor?.Email ?? "", m.ActorId, m.Email, m.Role, clock.GetUtcNow());
        });
    }
}

/// <summary>A partner ADMIN removes a member, or a member leaves; the member is named by user id or by e-mail.</summary>
public sealed class RemovePartnerMemberConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<RemovePartnerMember>
{
    public async Task Consume(ConsumeContext<RemovePartnerMember> context)
    {
        var m = context.Message;
        await PartnerChange.RunAsync(store, context, m.PartnerId, async (session, partner) =>
        {
            var actor = await session.LoadAsync<User>(m.ActorId, context.CancellationToken);
            // A user id that names nobody names no member: an empty e-mail is NOT_A_MEMBER.
            var memberEmail = m.UserId is { } userId
                ? (await session.LoadAsync<User>(userId, context.CancellationToken))?.Email ?? ""
                : m.Email ?? "";
            return [PartnerDecisions.RemoveMember(partner, actor?.Email ?? "", m.ActorId, memberEmail, clock.GetUtcNow())];
        });
    }
}

/// <summary>Starting a partner stream with its name claimed; a refusal or a taken name is a userError.</summary>
static class PartnerStarting
{
    public static async Task RespondAsync<TCommand, TEvent>(ConsumeContext<TCommand> context, IDocumentSession session, ILogger logger,
        Func<TEvent> decide, Func<TEvent, (Guid Id, string Name, Partner State)> describe)
        where TCommand : class where TEvent : notnull
    {
        TEvent started;
        try
        {
            started = decide();
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new PartnerResult { Errors = [refused.ToUserError()] });
            return;
        }
        var (id, name, state) = describe(started);
        session.Insert(new PartnerNameClaim(name.ToLowerInvariant(), id));
        session.Events.StartStream<Partner>(id, started);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            await context.RespondAsync(new PartnerResult
            {
                Errors = [new() { Field = "name", Code = PartnerErrors.NameTaken, Message = "A partner with this name already exists." }],
            });
            return;
        }
        logger.LogInformation("Partner {PartnerId} started as {Status}", id, state.Status);
        await context.RespondAsync(new PartnerResult { Partner = state.ToDetails() });
    }
}

/// <summary>Fetch a partner for writing, decide, append, save; answer with the partner as it is now or the refusal.</summary>
static class PartnerChange
{
    public static async Task RunAsync<T>(IDocumentStore store, ConsumeContext<T> context, Guid partnerId,
        Func<IDocumentSession, Partner, Task<IReadOnlyList<object>>> decide) where T : class
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Partner>(partnerId, context.CancellationToken);
        IReadOnlyList<object> events;
        try
        {
            events = stream.Aggregate is { } partner
                ? await decide(session, partner)
                : throw new DomainRuleViolated(PartnerErrors.PartnerNotFound, "No partner has this id.", "partnerId");
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new PartnerResult { Errors = [refused.ToUserError()] });
            return;
        }
        stream.AppendMany(events);
        await session.SaveChangesAsync(context.CancellationToken);
        var after = events.Aggregate(stream.Aggregate!, (p, e) => e switch
        {
            PartnerApproved a => p.Apply(a),
            PartnerRejected r => p.Apply(r),
            PartnerMemberAdded m => p.Apply(m),
            PartnerMemberRemoved r => p.Apply(r),
            _ => p,
        });
        await context.RespondAsync(new PartnerResult { Partner = after.ToDetails() });
    }
}
