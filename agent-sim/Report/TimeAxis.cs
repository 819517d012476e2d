namespace Smp.AgentSim.Report;

/// <summary>The horizontal axis of every chart: time since the start, in seconds, minutes or hours by length.</summary>
internal sealed class TimeAxis
{
    public TimeAxis(TimeSpan total)
    {
        Total = total > TimeSpan.Zero ? total : TimeSpan.FromSeconds(1);
        (UnitSeconds, UnitName) = Total.TotalSeconds switch
        {
            <= 600 => (1.0, "s"),
            <= 7200 => (60.0, "min"),
            _ => (3600.0, "h"),
        };
        Scale = NiceScale.For(Total.TotalSeconds / UnitSeconds, 8);
    }

    public TimeSpan Total { get; }

    public double UnitSeconds { get; }

    public string UnitName { get; }

    public NiceScale Scale { get; }

    /// <summary>The fraction of the axis at <paramref name="at"/>; the axis ends where the run did.</summary>
    public double Fraction(TimeSpan at) => at / Total;

    /// <summary>Round ticks, in <see cref="UnitName"/>, within the run.</summary>
    public IEnumerable<double> Ticks() => Scale.Ticks().Where(t => t * UnitSeconds <= Total.TotalSeconds + 1e-9);

    public string Format(TimeSpan at) => Html.Number(at.TotalSeconds / UnitSeconds, "0.###") + " " + UnitName;
}
