namespace Smp.Gateway.Tests.Acc;

/// <summary>A clock the test moves by hand; timers still run on the system clock.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public override DateTimeOffset GetUtcNow() => Now;
}
