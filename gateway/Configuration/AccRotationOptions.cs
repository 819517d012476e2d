namespace Smp.Gateway.Configuration;

/// <summary>
/// <c>Gateway:Acc:Rotation</c>: after the ACC password changed, agents that still send the previous one are accepted
/// until <see cref="PreviousPasswordUntil"/>, without a bind, so the fleet moves over without an outage or a lockout.
/// </summary>
public sealed class AccRotationOptions
{
    /// <summary><c>User</c>: the account whose password changed. Default empty: no rotation in progress.</summary>
    public string User { get; set; } = string.Empty;

    /// <summary><c>PreviousPasswordHash</c>: the previous password as <c>gateway hash-password</c> prints it, never the password.</summary>
    public string PreviousPasswordHash { get; set; } = string.Empty;

    /// <summary><c>PreviousPasswordUntil</c>: end of the grace period, e.g. <c>2025-07-01T00:00:00Z</c>. Required with <see cref="User"/>.</summary>
    public DateTimeOffset? PreviousPasswordUntil { get; set; }

    /// <summary>
    /// <c>CurrentPassword</c>: the new password, which <c>Acc</c> (pass-through) routes forward in place of the previous one.
    /// Give it through the environment (<c>SMPGW_Gateway__Acc__Rotation__CurrentPassword</c>), not a file. Default empty:
    /// the previous password is forwarded as sent.
    /// </summary>
    public string CurrentPassword { get; set; } = string.Empty;
}
