using System.Net.Mail;
using Platform.Contracts;

namespace Platform.Tenant.SigningUp;

/// <summary>The rules for what a user types in; each broken rule is a user error with a code.</summary>
public static class Validation
{
    public const int MinPasswordLength = 10;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static IEnumerable<UserError> Email(string email)
    {
        var trimmed = email.Trim();
        var valid = trimmed.Length is > 0 and <= 254
            && MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.')
            && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
        if (!valid)
            yield return new UserError { Field = "email", Code = "INVALID_EMAIL", Message = "Enter a valid email address, like ada@example.com." };
    }

    public static IEnumerable<UserError> Password(string password)
    {
        if (password.Length < MinPasswordLength)
            yield return new UserError { Field = "password", Code = "WEAK_PASSWORD", Message = $"Use a password of at least {MinPasswordLength} characters." };
        else if (password.Length > 256)
            yield return new UserError { Field = "password", Code = "INVALID_PASSWORD", Message = "Use a password of at most 256 characters." };
    }

    public static IEnumerable<UserError> DisplayName(string displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100 || displayName.Any(char.IsControl))
            yield return new UserError { Field = "displayName", Code = "INVALID_DISPLAY_NAME", Message = "Enter a display name of 1 to 100 characters." };
    }

    public static IEnumerable<UserError> WorkspaceName(string name, string field)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100 || name.Any(char.IsControl))
            yield return new UserError { Field = field, Code = "INVALID_NAME", Message = "Enter a workspace name of 1 to 100 characters." };
    }

    public static IReadOnlyList<UserError> SignUp(Contracts.Tenants.SignUp command) =>
    [
        .. Email(command.Email), .. Password(command.Password), .. DisplayName(command.DisplayName),
        .. WorkspaceName(command.WorkspaceName, "workspaceName"),
    ];
}
