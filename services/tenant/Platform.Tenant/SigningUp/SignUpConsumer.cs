using Marten;
using JasperFx;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Infrastructure.Security;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.SigningUp;

/// <summary>Registers a user and their first workspace in one transaction; the workspace's onboarding starts from its event.</summary>
public sealed class SignUpConsumer(IDocumentStore store, IPasswordHasher<User> hasher, AccessTokens tokens, OnboardingOptions options,
    TimeProvider clock, ILogger<SignUpConsumer> logger) : IConsumer<SignUp>
{
    static readonly UserError EmailTaken = new() { Field = "email", Code = "EMAIL_TAKEN", Message = "An account with this email already exists." };

    public async Task Consume(ConsumeContext<SignUp> context)
    {
        var command = context.Message;
        var errors = Validation.SignUp(command);
        if (errors.Count > 0)
        {
            await context.RespondAsync(new SignUpResult { Errors = errors });
            return;
        }
        var email = Validation.NormalizeEmail(command.Email);
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<EmailClaim>(email, context.CancellationToken) is not null)
        {
            await context.RespondAsync(new SignUpResult { Errors = [EmailTaken] });
            return;
        }
        var userId = Guid.NewGuid();
        var user = new UserRegistered(userId, email, command.DisplayName.Trim(), "", now);
        user = user with { PasswordHash = hasher.HashPassword(User.Create(user), command.Password) };
        session.Insert(new EmailClaim(email, userId));
        session.Events.StartStream<User>(userId, user);
        var workspace = await WorkspaceCreation.StartAsync(session, userId, command.WorkspaceName, command.Region, options, now, context.CancellationToken);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Another sign-up claimed the email (or the slug) between our check and our commit.
            if (!await EmailIsClaimed(email, context.CancellationToken))
                throw;
            await context.RespondAsync(new SignUpResult { Errors = [EmailTaken] });
            return;
        }
        logger.LogInformation("User {UserId} signed up with workspace {WorkspaceId}", userId, workspace.WorkspaceId);
        await context.RespondAsync(new SignUpResult { UserId = userId, WorkspaceId = workspace.WorkspaceId, AccessToken = tokens.Issue(userId, email, now) });
    }

    async Task<bool> EmailIsClaimed(string email, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<EmailClaim>(email, cancellationToken) is not null;
    }
}
