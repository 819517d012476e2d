using System.Globalization;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Load;

namespace Smp.AgentSim.Soak;

/// <summary>
/// A legacy server and a gateway in this process, as in the demo, a long load of honest and hostile
/// scenarios through them, and this process's memory and threads sampled while it runs.
/// </summary>
internal sealed class SoakRunner(SoakOptions options, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Throws what <see cref="DemoEnvironment.StartAsync"/> and <see cref="LoadRunner.RunAsync"/> throw.</summary>
    public async Task<SoakResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Tokens:Lifetime"] = options.TokenLifetime.ToString("c", CultureInfo.InvariantCulture),
        };
        await using DemoEnvironment environment = await DemoEnvironment.StartAsync(cancellationToken, settings).ConfigureAwait(false);

        using var stopSampling = new CancellationTokenSource();
        Task sampling = Task.CompletedTask;
        ResourceSampler? sampler = null;
        var load = new LoadOptions
        {
            Gateway = environment.GatewayUrl,
            EnrollmentSecret = environment.EnrollmentSecret,
            RevokeAgent = (agentId, ct) => environment.Administration.RevokeAgentAsync(agentId, ct),
            Agents = options.Agents,
            AgentsPerKey = options.AgentsPerKey,
            // A fleet's agents call in and hang up; 10,000 in one process would otherwise hold
            // 20,000 descriptors, this process's limit here.
            IdleConnectionTimeout = TimeSpan.FromSeconds(5),
            Concurrency = options.Concurrency,
            Duration = options.Duration,
            Mix = options.Mix,
            KeyFolder = options.KeyFolder,
            Progress = options.Progress,
            LoggerFactory = options.LoggerFactory,
            LoadStarted = requests =>
            {
                sampler = new ResourceSampler(options.SamplePeriod, requests, _time);
                sampling = Task.Run(() => sampler.RunAsync(stopSampling.Token), CancellationToken.None);
            },
        };

        LoadSummary summary;
        try
        {
            summary = await new LoadRunner(load, _time).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopSampling.CancelAsync().ConfigureAwait(false);
            await sampling.ConfigureAwait(false);
        }

        IReadOnlyList<ResourceSample> samples = sampler?.Samples ?? [];
        return new SoakResult(summary, samples, SoakVerdict.Of(samples));
    }
}
