namespace Platform.Contracts.Billing;

/// <summary>Command: open the workspace's billing account with the welcome credit.</summary>
public sealed record OpenBillingAccount : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required Guid OwnerId { get; init; }
}

/// <summary>Event: the billing account is open.</summary>
public sealed record BillingAccountOpened : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required string Currency { get; init; }
    public required long WelcomeCreditMicros { get; init; }
}

/// <summary>Event: the account could not be opened.</summary>
public sealed record BillingAccountOpeningFailed : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Command: close the workspace's account, reversing unused welcome credit; later opening is refused.</summary>
public sealed record CloseBillingAccount : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Event: the account is closed.</summary>
public sealed record BillingAccountClosed : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
}

/// <summary>Event: money was added to the account (the welcome credit among others); integer micro-units.</summary>
public sealed record BillingAccountCredited : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required long AmountMicros { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset CreditedAt { get; init; }
}

/// <summary>Event: money was taken from the account (a reversed welcome credit among others); integer micro-units.</summary>
public sealed record BillingAccountDebited : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required long AmountMicros { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset DebitedAt { get; init; }
}

/// <summary>Request: the balance of a workspace's account.</summary>
public sealed record GetBalance : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
}

/// <summary>Response to <see cref="GetBalance"/>; money in integer micro-units.</summary>
public sealed record BalanceDetails
{
    public bool Found { get; init; }
    public long AmountMicros { get; init; }
    public string Currency { get; init; } = "";
    public bool Closed { get; init; }
}
