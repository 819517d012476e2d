using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>Options that change only when the test changes the object it passed in.</summary>
internal sealed class StaticOptionsMonitor(GatewayOptions value) : IOptionsMonitor<GatewayOptions>
{
    public GatewayOptions CurrentValue => value;

    public GatewayOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<GatewayOptions, string?> listener) => null;
}
