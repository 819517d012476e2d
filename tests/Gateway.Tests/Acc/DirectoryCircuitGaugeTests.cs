using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Smp.Gateway.Acc;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Tests.Acc;

/// <summary>
/// <c>smp.gateway.acc.circuit_open</c>, which the <c>SmpGatewayDirectoryCircuitOpen</c> alert reads: 0 while the
/// directory answers, 1 once its failures opened the circuit.
/// </summary>
public sealed class DirectoryCircuitGaugeTests
{
    [Fact]
    public async Task Gauge_DirectoryDown_ZeroThenOneOnceTheCircuitOpens()
    {
        var directory = new FakeDirectory("right-password");
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.None));
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        services.AddOptions<GatewayOptions>().Configure(o =>
        {
            o.Acc.Accounts = [new AccAccount { User = "svc-acc" }];
            o.Acc.Shield.CircuitMinimumThroughput = 3;
            o.Acc.Shield.CircuitFailureRatio = 0.5;
        });
        services.AddAcc(new ConfigurationBuilder().Build(), new StateOptions());
        services.AddSingleton<IAccDirectory>(directory);
        using var provider = services.BuildServiceProvider();
        var acc = provider.GetRequiredService<AccAuthenticator>();
        var factory = provider.GetRequiredService<IMeterFactory>();

        Assert.Equal(0, Read(factory));
        directory.Down = true;
        for (int i = 0; i < 5; i++)
        {
            await acc.AuthenticateAsync("svc-acc", "right-password", "10.0.0.1", null);
        }

        Assert.Equal(1, Read(factory));
    }

    /// <summary>The gauge of this provider's meters only: other tests' gateways publish theirs at the same time.</summary>
    private static int Read(IMeterFactory factory)
    {
        int value = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "smp.gateway.acc.circuit_open" && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, measured, _, _) => value = measured);
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}
