using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Smp.AgentSim.Bench;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;
using Smp.AgentSim.Load;

namespace Smp.AgentSim.Cluster;

/// <summary>
/// Starts redis-server, the legacy server (recording each proof it is given), N gateway nodes from the published
/// build sharing one signing key, one audience (nginx's origin) and the state in Redis, and nginx in front; enrolls
/// the agents through nginx, then runs <see cref="ClusterFleet"/> while the fault schedule runs: a node killed and
/// restarted at 20 % of the run, agents revoked at 30 %, Redis stalled at 45 %, with <c>--hierarchy</c> a Site added at
/// 55 % (<see cref="ClusterSite"/>) and a third of the agents moved to it, Redis restarted at 70 %.
/// </summary>
internal sealed partial class ClusterRunner(ClusterOptions options)
{
    private const string EnrollmentSecret = "cluster-enrollment-secret";
    private static readonly TimeSpan LegacyGrace = TimeSpan.FromSeconds(2);

    /// <summary>Throws when a process does not start, or the agents cannot enroll.</summary>
    public async Task<ClusterResult> RunAsync(CancellationToken cancellationToken)
    {
        string gatewayDll = Path.GetFullPath(Path.Combine(options.GatewayBuild, "gateway.dll"));
        if (!File.Exists(gatewayDll))
        {
            throw new InvalidOperationException($"no gateway.dll in {options.GatewayBuild}: publish it first (dotnet publish gateway -c Release -o DIR) and pass --gateway-build DIR.");
        }

        bool ownFolder = options.WorkFolder is null;
        string folder = options.WorkFolder ?? Path.Combine(Path.GetTempPath(), "agent-sim-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            return await RunInAsync(folder, gatewayDll, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (ownFolder)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private async Task<ClusterResult> RunInAsync(string folder, string gatewayDll, CancellationToken cancellationToken)
    {
        TimeProvider time = TimeProvider.System;
        await using RedisProcess redis = await RedisProcess.StartAsync(options.RedisExecutable, Path.Combine(folder, "redis"), LoopbackPort.Free(), cancellationToken)
            .ConfigureAwait(false);
        var ledger = new ProofLedger(time);
        var siteLedger = new ProofLedger(time);
        string legacyUrl = LoopbackPort.FreeUrl();
        await using WebApplication legacy = LegacyServer.Build(legacyUrl, ledger);
        await legacy.StartAsync(cancellationToken).ConfigureAwait(false);

        int nginxPort = LoopbackPort.Free();
        var origin = new Uri($"http://127.0.0.1:{nginxPort.ToString(CultureInfo.InvariantCulture)}");
        string keyFile = Path.Combine(folder, "signing-key.pem");
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem(), cancellationToken).ConfigureAwait(false);
        }

        await using ClusterSite? site = options.Hierarchy
            ? await ClusterSite.StartAsync(Path.Combine(folder, "site"), siteLedger, cancellationToken).ConfigureAwait(false)
            : null;
        var nodes = new List<GatewayNode>();
        try
        {
            for (int i = 0; i < options.Nodes; i++)
            {
                int port = LoopbackPort.Free();
                string nodeFolder = Path.Combine(folder, "node" + i.ToString(CultureInfo.InvariantCulture));
                string url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
                Dictionary<string, string?> settings = LoopbackGatewaySettings.For(url, legacyUrl, Path.Combine(nodeFolder, "data"), EnrollmentSecret);
                // One audience, the balancer's origin; one signing key; the state in Redis; and, behind a balancer
                // pooling its connections, every request carrying its proof (PROTOCOL.md §7).
                settings["Gateway:Audience"] = origin.ToString().TrimEnd('/');
                settings["Gateway:Tokens:SigningKeyFile"] = keyFile;
                settings["Gateway:State:Store"] = "Redis";
                settings["Gateway:State:Redis:Configuration"] = redis.Configuration;
                settings["Gateway:Connection:KeepAuthentication"] = "false";
                nodes.Add(await GatewayNode.StartAsync("node" + i.ToString(CultureInfo.InvariantCulture), gatewayDll, nodeFolder, port, settings, cancellationToken)
                    .ConfigureAwait(false));
            }

            await using NginxHost nginx = await NginxHost.StartAsync(
                options.NginxExecutable, Path.Combine(folder, "nginx"), nginxPort, nodes.Select(n => n.Port).ToArray(), Math.Max(16, options.Concurrency), cancellationToken)
                .ConfigureAwait(false);
            await Report($"Cluster: redis 127.0.0.1:{redis.Port}, {nodes.Count} nodes ({string.Join(", ", nodes.Select(n => n.Port))}), nginx {origin}, legacy {legacyUrl}.")
                .ConfigureAwait(false);
            return await LoadAsync(origin, redis, nodes, site, gatewayDll, ledger, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (GatewayNode node in nodes)
            {
                await node.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ClusterResult> LoadAsync(
        Uri origin, RedisProcess redis, List<GatewayNode> nodes, ClusterSite? site, string gatewayDll, ProofLedger ledger, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var load = new LoadOptions
        {
            Gateway = origin,
            EnrollmentSecret = EnrollmentSecret,
            Agents = options.Agents,
            AgentsPerKey = options.AgentsPerKey,
            Concurrency = options.Concurrency,
            Duration = options.Duration,
            KeyFolder = options.KeyFolder,
            // A fleet's agents call in and hang up: 100,000 would otherwise hold 100,000 connections.
            IdleConnectionTimeout = TimeSpan.FromSeconds(5),
            Progress = options.Progress,
            LoggerFactory = options.LoggerFactory,
        };
        using HttpClient rawClient = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var enrolling = Stopwatch.StartNew();
        IReadOnlyList<SimulatedAgent> agents = await AgentEnrollment.EnrollAllAsync(load, rawClient, time, cancellationToken).ConfigureAwait(false);
        await Report($"Enrolled {agents.Count} agents in {enrolling.Elapsed.TotalSeconds:0.0} s; load for {options.Duration.TotalSeconds:0} s.").ConfigureAwait(false);
        try
        {
            long started = time.GetTimestamp();
            TimeSpan Clock() => time.GetElapsedTime(started);
            var fleet = new ClusterFleet(load, Clock);
            var restarts = new int[nodes.Count];
            string[] revoked = PickRevoked(agents);
            var ledgerRevokedAt = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            Func<CancellationToken, Task<string>>? addSite = site is null ? null : async stop =>
            {
                // A third of the fleet, none of the revoked: the Site would learn a revocation within its
                // RevocationCheckPeriod (README "Sites" 5.), a delay the verdict's "none served" does not allow.
                HashSet<string> moved = agents.Where((_, i) => i % 3 == 1).Select(a => a.Identity.AgentId).Except(revoked).ToHashSet(StringComparer.Ordinal);
                await site.AddAsync(gatewayDll, origin, nodes, EnrollmentSecret, stop).ConfigureAwait(false);
                fleet.MoveToSite(site.Url, moved);
                return $"Site added, {moved.Count} agents moved to it";
            };
            using var faultsStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<List<FaultWindow>> schedule = Task.Run(
                () => ScheduleAsync(redis, nodes, gatewayDll, fleet, revoked, ledgerRevokedAt, ledger, restarts, addSite, Clock, faultsStop.Token), CancellationToken.None);
            LoadSummary summary;
            try
            {
                summary = await fleet.RunAsync(agents, rawClient, time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await faultsStop.CancelAsync().ConfigureAwait(false);
            }

            List<FaultWindow> faults = await schedule.ConfigureAwait(false);
            return Result(summary, fleet, site is null ? [ledger] : [ledger, site.Ledger], faults, revoked, ledgerRevokedAt, site?.Node is { } siteNode ? [.. nodes, siteNode] : nodes, restarts);
        }
        finally
        {
            foreach (SimulatedAgent agent in agents)
            {
                agent.Dispose();
            }
        }
    }

    /// <summary>Agents spread over the fleet, none of the first (those owning the keys).</summary>
    private string[] PickRevoked(IReadOnlyList<SimulatedAgent> agents)
    {
        int count = Math.Min(options.Revocations, agents.Count / 4);
        return Enumerable.Range(1, count).Select(i => agents[agents.Count - (i * (agents.Count / 4) / Math.Max(1, count))].Identity.AgentId).ToArray();
    }

    private Task Report(string line) => options.Progress?.WriteLineAsync(line) ?? Task.CompletedTask;
}
