namespace Platform.Contracts.Billing;

/// <summary>
/// Command: charge the workspace for nothing after <see cref="StoppedAt"/> (it is being deleted). The account stays
/// as it is otherwise: nothing the customer paid is taken back. A repeat is answered again with the first stop time.
/// </summary>
public sealed record StopBilling : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required DateTimeOffset StoppedAt { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Event: billing of the workspace stopped at <see cref="StoppedAt"/>.</summary>
public sealed record BillingStopped : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required DateTimeOffset StoppedAt { get; init; }
    /// <summary>The account is already closed (or was never opened): there is nothing left to close.</summary>
    public required bool AccountClosed { get; init; }
}
