using Smp.AgentSim.Load;

namespace Smp.AgentSim.Report;

/// <summary>
/// The outcomes a chart can tell apart: the most frequent of the run, each with its colour, and
/// one grey series for the rest and for the outcomes an interval could not list.
/// </summary>
internal sealed class OutcomeSeries
{
    private const int MaxNamed = 7;

    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"];

    private readonly (int? Status, string? NsError, string? Error)[] _keys;

    private OutcomeSeries((int?, string?, string?)[] keys, IReadOnlyList<ChartSeries> legend)
    {
        _keys = keys;
        Legend = legend;
    }

    /// <summary>The named series in order, then the grey "other outcomes".</summary>
    public IReadOnlyList<ChartSeries> Legend { get; }

    public static OutcomeSeries From(IReadOnlyList<OutcomeCount> totals)
    {
        OutcomeCount[] named = totals.OrderByDescending(o => o.Count).ThenBy(o => o.Label, StringComparer.Ordinal).Take(MaxNamed).ToArray();
        ChartSeries[] legend = named.Select((o, i) => new ChartSeries(o.Label, Palette[i]))
            .Append(new ChartSeries("other outcomes", "#999999"))
            .ToArray();
        return new OutcomeSeries(named.Select(o => (o.Status, o.NsError, o.Error)).ToArray(), legend);
    }

    /// <summary>The point's requests by series, in the order of <see cref="Legend"/>.</summary>
    public long[] Split(TimelinePoint point)
    {
        long[] counts = new long[Legend.Count];
        foreach (OutcomeCount outcome in point.Outcomes)
        {
            int index = Array.IndexOf(_keys, (outcome.Status, outcome.NsError, outcome.Error));
            counts[index < 0 ? counts.Length - 1 : index] += outcome.Count;
        }

        counts[^1] += point.OtherOutcomes;
        return counts;
    }
}
