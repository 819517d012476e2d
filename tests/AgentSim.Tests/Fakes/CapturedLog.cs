namespace Smp.AgentSim.Tests.Fakes;

/// <summary>One log record as a provider saw it: its formatted message and its structured values.</summary>
internal sealed record CapturedLog(
    string Category, LogLevel Level, int EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)
{
    /// <summary>The value of the placeholder <paramref name="name"/>; fails the test when there is none.</summary>
    public object? this[string name] => Assert.Single(State, pair => pair.Key == name).Value;

    /// <summary>The value of <paramref name="name"/> as a log pipeline writes it (invariant culture).</summary>
    public string? Text(string name) => Convert.ToString(this[name], System.Globalization.CultureInfo.InvariantCulture);
}
