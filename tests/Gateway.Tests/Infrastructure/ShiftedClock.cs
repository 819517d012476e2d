namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>The system clock moved forward by <see cref="Offset"/>, which a test sets: tokens expire without a wait.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
