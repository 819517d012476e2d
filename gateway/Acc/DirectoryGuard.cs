using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Acc;

/// <summary>
/// Every bind goes through a timeout and a circuit breaker (Polly): a directory that stops answering is
/// left alone for <c>Gateway:Acc:Shield:CircuitBreakDuration</c> instead of having binds piled on it.
/// Read once at start.
/// </summary>
internal sealed class DirectoryGuard
{
    private readonly ResiliencePipeline _pipeline;
    private readonly IAccDirectory _directory;

    public DirectoryGuard(IAccDirectory directory, IOptions<GatewayOptions> options, TimeProvider time, IMeterFactory meters)
    {
        _directory = directory;
        var acc = options.Value.Acc;
        var s = acc.Shield;
        // For an alert: from the counters alone, a refusal of the open circuit looks like a bind that failed.
        var circuit = new CircuitBreakerStateProvider();
        meters.Create(AccMetrics.MeterName).CreateObservableGauge(
            "smp.gateway.acc.circuit_open", () => circuit.CircuitState is CircuitState.Open or CircuitState.Isolated ? 1 : 0,
            description: "1 while the circuit to the directory is open (ACC answers 503 directory-unavailable without a bind), else 0.");
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = s.CircuitFailureRatio,
                MinimumThroughput = s.CircuitMinimumThroughput,
                SamplingDuration = s.CircuitSamplingDuration,
                BreakDuration = s.CircuitBreakDuration,
                StateProvider = circuit,
                ShouldHandle = new PredicateBuilder().Handle<AccDirectoryUnavailableException>().Handle<TimeoutRejectedException>(),
            })
            .AddTimeout(acc.Directory.Timeout + TimeSpan.FromSeconds(1))
            .Build();
    }

    /// <summary>The directory's answer; <see cref="AccDirectoryUnavailableException"/> when it gave none or the circuit is open.</summary>
    public async Task<AccBindResult> BindAsync(string account, string password)
    {
        // A span per bind the directory sees (or the circuit spares it), under the request's ACC check.
        using var activity = GatewayActivities.Source.StartActivity("smp.acc.bind", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("smp.acc.account", account);
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static async (state, cancel) => await state.Directory.BindAsync(state.Account, state.Password, cancel),
                (Directory: _directory, Account: account, Password: password), CancellationToken.None);
            activity?.SetTag("smp.acc.bind_result", result.ToString());
            return result;
        }
        catch (BrokenCircuitException e)
        {
            activity?.SetTag("smp.acc.circuit_open", true);
            throw Unavailable(activity, new AccDirectoryUnavailableException("the circuit is open after repeated directory failures", e) { NotSent = true });
        }
        catch (TimeoutRejectedException e)
        {
            throw Unavailable(activity, new AccDirectoryUnavailableException("the bind timed out", e));
        }
        catch (AccDirectoryUnavailableException e)
        {
            Unavailable(activity, e);
            throw;
        }
    }

    private static AccDirectoryUnavailableException Unavailable(System.Diagnostics.Activity? activity, AccDirectoryUnavailableException e)
    {
        GatewayActivities.SetOutcome(activity, NsError.DirectoryUnavailable);
        return e;
    }
}
