using Microsoft.Extensions.Options;

namespace Smp.Gateway.Fuzz;

/// <summary>Options that never change: the harness has no host to reload them.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
