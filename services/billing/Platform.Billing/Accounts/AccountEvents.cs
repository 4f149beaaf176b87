namespace Platform.Billing.Accounts;

/// <summary>The account of a workspace was opened with a welcome credit.</summary>
public sealed record AccountOpened(Guid WorkspaceId, Guid OwnerId, string Currency, long WelcomeCreditMicros, DateTimeOffset OpenedAt);

/// <summary>Money was added to the account.</summary>
public sealed record AccountCredited(Guid WorkspaceId, long AmountMicros, string Reason, DateTimeOffset CreditedAt);

/// <summary>Money was taken from the account.</summary>
public sealed record AccountDebited(Guid WorkspaceId, long AmountMicros, string Reason, DateTimeOffset DebitedAt);

/// <summary>Opening was refused (the account had been closed before).</summary>
public sealed record AccountOpeningRefused(Guid WorkspaceId, string Reason, DateTimeOffset RefusedAt);

/// <summary>The account was closed; it never reopens.</summary>
public sealed record AccountClosed(Guid WorkspaceId, string Reason, DateTimeOffset ClosedAt);
