using Marten;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using SignInResult = Platform.Contracts.Tenants.SignInResult;
using Platform.Infrastructure.Security;
using Platform.Tenant.SigningUp;
using Platform.Tenant.Users;

namespace Platform.Tenant.SigningIn;

/// <summary>Checks credentials and issues a short-lived token; the answer never tells whether the email exists.</summary>
public sealed class SignInConsumer(IDocumentStore store, IPasswordHasher<User> hasher, AccessTokens tokens, TimeProvider clock) : IConsumer<SignIn>
{
    static readonly UserError InvalidCredentials = new() { Code = "INVALID_CREDENTIALS", Message = "The email or password is not correct." };
    static readonly Lazy<User> Nobody = new(() =>
    {
        var nobody = new User(Guid.Empty, "", "", "", DateTimeOffset.MinValue);
        return nobody with { PasswordHash = new PasswordHasher<User>().HashPassword(nobody, Guid.NewGuid().ToString()) };
    });

    public async Task Consume(ConsumeContext<SignIn> context)
    {
        var email = Validation.NormalizeEmail(context.Message.Email);
        await using var session = store.QuerySession();
        var claim = await session.LoadAsync<EmailClaim>(email, context.CancellationToken);
        var user = claim is null ? null : await session.LoadAsync<User>(claim.UserId, context.CancellationToken);
        // Verify against a dummy hash when the user is unknown, so both answers take the same time.
        var checkedUser = user ?? Nobody.Value;
        var verdict = hasher.VerifyHashedPassword(checkedUser, checkedUser.PasswordHash, context.Message.Password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            await context.RespondAsync(new SignInResult { Errors = [InvalidCredentials] });
            return;
        }
        await context.RespondAsync(new SignInResult { UserId = user.Id, AccessToken = tokens.Issue(user.Id, user.Email, clock.GetUtcNow()) });
    }
}
