namespace Smp.AgentSim.Report;

/// <summary>One entry of a chart's legend: its label (not yet encoded), colour and dash pattern.</summary>
internal sealed record ChartSeries(string Label, string Colour, string? Dash = null);
