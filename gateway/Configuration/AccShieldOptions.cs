namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Acc:Shield</c>: the lockout shield between ACC and the directory (§11).</summary>
public sealed class AccShieldOptions
{
    /// <summary><c>Enabled</c>: default true. Off, every ACC request is a bind, and a fleet with a stale password locks the account.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>WrongPasswordBudget</c>: distinct wrong passwords per account passed on to the directory (since its last
    /// success, within <see cref="RememberWrongFor"/>); beyond it every unknown password is refused locally.
    /// Default 3; must be below <c>Gateway:Acc:Directory:LockoutThreshold</c>.
    /// </summary>
    public int WrongPasswordBudget { get; set; } = 3;

    /// <summary>
    /// <c>RememberWrongFor</c>: how long a wrong password (its keyed hash) is refused without a bind, and how long it counts
    /// against the budget. Default 00:30:00; keep it at least the directory's lockout observation window.
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
