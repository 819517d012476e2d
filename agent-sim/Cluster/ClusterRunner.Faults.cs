using Smp.AgentSim.Legacy;

namespace Smp.AgentSim.Cluster;

/// <summary>The fault schedule of a run: node killed at 20 %, revocations from 30 %, Redis stalled at 45 %, a Site added at 55 % (<c>--hierarchy</c>), Redis restarted at 70 %.</summary>
internal sealed partial class ClusterRunner
{
    private async Task<List<FaultWindow>> ScheduleAsync(
        RedisProcess redis, List<GatewayNode> nodes, string gatewayDll, ClusterFleet fleet, string[] revoked,
        Dictionary<string, TimeSpan> ledgerRevokedAt, ProofLedger ledger, int[] restarts, Func<CancellationToken, Task<string>>? addSite, Func<TimeSpan> clock,
        CancellationToken stop)
    {
        var faults = new List<FaultWindow>();
        Task<FaultWindow>? revoking = null;
        TimeSpan At(double fraction) => options.Duration * fraction;
        try
        {
            await UntilAsync(At(0.20), clock, stop).ConfigureAwait(false);
            GatewayNode victim = nodes[0];
            TimeSpan start = clock();
            await victim.KillAsync(stop).ConfigureAwait(false);
            await victim.StartAgainAsync(stop).ConfigureAwait(false);
            restarts[0]++;
            faults.Add(await Done(FaultKind.NodeKilled, $"{victim.Name} killed (SIGKILL) and restarted", start, clock).ConfigureAwait(false));

            await UntilAsync(At(0.30), clock, stop).ConfigureAwait(false);
            // One admin command per agent, each a process of its own taking seconds: beside the rest of the schedule.
            revoking = Task.Run(async () =>
            {
                TimeSpan from = clock();
                foreach (string agentId in revoked)
                {
                    fleet.Revoking(agentId);
                    await AdminRevocation.RevokeAsync(gatewayDll, nodes[^1].ConfigFile, agentId, stop).ConfigureAwait(false);
                    fleet.RevokedAt(agentId, clock());
                    lock (ledgerRevokedAt)
                    {
                        ledgerRevokedAt[agentId] = ledger.Elapsed;
                    }
                }

                return await Done(FaultKind.AgentsRevoked, $"{revoked.Length} agents revoked (gateway agents revoke)", from, clock).ConfigureAwait(false);
            }, CancellationToken.None);

            await UntilAsync(At(0.45), clock, stop).ConfigureAwait(false);
            start = clock();
            redis.Freeze();
            try
            {
                await Task.Delay(options.Stall, stop).ConfigureAwait(false);
            }
            finally
            {
                redis.Thaw();
            }

            faults.Add(await Done(FaultKind.RedisStalled, $"Redis stalled (SIGSTOP) {options.Stall.TotalSeconds:0.#} s", start, clock).ConfigureAwait(false));

            if (addSite is not null)
            {
                await UntilAsync(At(0.55), clock, stop).ConfigureAwait(false);
                start = clock();
                string added = await addSite(stop).ConfigureAwait(false);
                faults.Add(await Done(FaultKind.SiteAdded, added, start, clock).ConfigureAwait(false));
            }

            await UntilAsync(At(0.70), clock, stop).ConfigureAwait(false);
            start = clock();
            await redis.RestartAsync(options.RedisKill, stop).ConfigureAwait(false);
            faults.Add(await Done(FaultKind.RedisRestarted, options.RedisKill ? "Redis killed (SIGKILL) and started" : "Redis restarted (SIGTERM, start)", start, clock)
                .ConfigureAwait(false));
            faults.Add(await revoking!.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Report("The run ended before the fault schedule did.").ConfigureAwait(false);
        }

        return faults;
    }

    private async Task<FaultWindow> Done(FaultKind kind, string label, TimeSpan start, Func<TimeSpan> clock)
    {
        var window = new FaultWindow(kind, label, start, clock());
        await Report($"Fault {window.Start.TotalSeconds:0.0}-{window.End.TotalSeconds:0.0} s: {label}.").ConfigureAwait(false);
        return window;
    }

    private static async Task UntilAsync(TimeSpan at, Func<TimeSpan> clock, CancellationToken stop)
    {
        TimeSpan wait = at - clock();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, stop).ConfigureAwait(false);
        }
    }
}
