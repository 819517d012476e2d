namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Acc:Shield</c>: the lockout shield between ACC and the directory (§11).</summary>
public sealed class AccShieldOptions
{
    /// <summary><c>Enabled</c>: default true. Off, every ACC request is a bind, and a fleet with a stale password locks the account.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>WrongPasswordBudget</c>: the most failed binds the directory may count for the account (fleet-wide, in its
    /// observation window) before the shield stops trying passwords it does not know; a password known wrong is never
    /// tried. Default empty: the lockout threshold minus one, so that any password not known wrong is tried while one
    /// more failure cannot lock the account (PROTOCOL.md §11). A smaller value keeps failures in reserve for others
    /// (people, other applications) that use the same account; must be below <c>Gateway:Acc:Directory:LockoutThreshold</c>.
    /// </summary>
    public int? WrongPasswordBudget { get; set; }

    /// <summary>
    /// <c>RememberRightFor</c>: how long a password the directory accepted (its fingerprint) is accepted without a bind
    /// after its last use; each use renews it, up to <see cref="RightAtMostFor"/> after the bind. Default 00:05:00.
    /// </summary>
    public TimeSpan RememberRightFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>RightAtMostFor</c>: a password accepted by the directory is bound again at the latest this long after its
    /// bind, so that a password changed in the directory stops working at the gateway too. Default 01:00:00.
    /// </summary>
    public TimeSpan RightAtMostFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// <c>RememberWrongFor</c>: how long a wrong password (its fingerprint) is refused without a bind after the bind
    /// that found it wrong (uses do not renew it, so that a password wrongly recorded is bound again at the latest this
    /// long after), and, when the directory's own count is not read, how long a failed bind counts against the
    /// budget. Default 00:30:00; keep it at least the directory's lockout observation window.
    /// </summary>
    public TimeSpan RememberWrongFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary><c>PerSourceLimit</c>: failed binds one client address may cause per <see cref="PerSourceWindow"/>; beyond it its unknown credentials are refused locally. Default 20.</summary>
    public int PerSourceLimit { get; set; } = 20;

    /// <summary><c>PerSourceWindow</c>: default 00:05:00.</summary>
    public TimeSpan PerSourceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>CircuitFailureRatio</c>: share of binds that failed to get an answer (outage, timeout) that opens the circuit. Default 0.5.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary><c>CircuitMinimumThroughput</c>: binds in the sampling period before the ratio counts. Default 5.</summary>
    public int CircuitMinimumThroughput { get; set; } = 5;

    /// <summary><c>CircuitSamplingDuration</c>: default 00:00:30.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>CircuitBreakDuration</c>: how long an open circuit answers 503 <c>directory-unavailable</c> without a bind. Default 00:00:30.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
