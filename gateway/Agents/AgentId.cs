namespace Smp.Gateway.Agents;

/// <summary>Agent ids are lowercase GUIDs in their 36-character form (§1), so one agent has one spelling.</summary>
internal static class AgentId
{
    public static bool IsValid(string? value)
    {
        return value is { Length: 36 }
            && Guid.TryParseExact(value, "D", out _)
            && !value.AsSpan().ContainsAnyInRange('A', 'F');
    }
}
