namespace Smp.AgentSim.Report;

/// <summary>An axis from zero to a round maximum in round steps (1, 2, 2.5 or 5 times a power of ten).</summary>
internal readonly record struct NiceScale(double Max, double Step)
{
    public static NiceScale For(double max, int ticks = 5)
    {
        if (!double.IsFinite(max) || max <= 0)
        {
            return new NiceScale(1, 1.0 / ticks);
        }

        double raw = max / ticks;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * magnitude;
        return new NiceScale(Math.Ceiling((max / step) - 1e-9) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        int count = (int)Math.Round(Max / Step);
        for (int i = 0; i <= count; i++)
        {
            yield return i * Step;
        }
    }
}
