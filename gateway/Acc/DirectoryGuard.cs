using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Smp.Gateway.Configuration;

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

    public DirectoryGuard(IAccDirectory directory, IOptions<GatewayOptions> options, TimeProvider time)
    {
        _directory = directory;
        var acc = options.Value.Acc;
        var s = acc.Shield;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = s.CircuitFailureRatio,
                MinimumThroughput = s.CircuitMinimumThroughput,
                SamplingDuration = s.CircuitSamplingDuration,
                BreakDuration = s.CircuitBreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<AccDirectoryUnavailableException>().Handle<TimeoutRejectedException>(),
            })
            .AddTimeout(acc.Directory.Timeout + TimeSpan.FromSeconds(1))
            .Build();
    }

    /// <summary>The directory's answer; <see cref="AccDirectoryUnavailableException"/> when it gave none or the circuit is open.</summary>
    public async Task<AccBindResult> BindAsync(string account, string password)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, cancel) => await state.Directory.BindAsync(state.Account, state.Password, cancel),
                (Directory: _directory, Account: account, Password: password), CancellationToken.None);
        }
        catch (BrokenCircuitException e)
        {
            throw new AccDirectoryUnavailableException("the circuit is open after repeated directory failures", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new AccDirectoryUnavailableException("the bind timed out", e);
        }
    }
}
