namespace Smp.Gateway.Fuzz;

/// <summary>A clock stopped at one instant, so that the same input always takes the same path.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
