using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Agents;
using Smp.Gateway.Authentication;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Identity;
using Smp.Gateway.Protocol;
using Smp.Gateway.State;
using Smp.Gateway.Tokens;
using Yarp.ReverseProxy.Model;

namespace Smp.Gateway.Routing;

/// <summary>
/// Runs in YARP's pipeline after authentication, for an upgrade a route allows: an agent's tunnel is
/// closed when its authentication ends (§7), the token expired, the agent revoked or given another key,
/// or the connection's authentication ended; looked at every <see cref="CheckPeriod"/>. Anonymous routes'
/// tunnels have nothing to end. ACC, push-install and ASDK calls cannot be looked at again without their
/// credential, so they get no tunnel.
/// </summary>
internal sealed class UpgradeTunnelWatch(RequestDelegate next, IAgentLookup agents, TimeProvider time, ILoggerFactory loggers)
{
    public static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Routes);

    public async Task InvokeAsync(HttpContext context)
    {
        var identity = context.Features.Get<ForwardedIdentity>();
        if (!RouteUpgrades.IsRequested(context) || identity?.Auth == AuthKind.Anonymous)
        {
            await next(context);
            return;
        }

        if (identity is not { Auth: AuthKind.Token, AgentId: not null, ExpiresAt: not null, Jkt: not null })
        {
            string routeId = context.GetReverseProxyFeature().Route.Config.RouteId;
            await RouteUpgrades.RefuseAsync(context, _logger, routeId, $"only agent tokens (SMPToken) may open a tunnel, not {identity?.Auth ?? "no authentication"}.");
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var watch = WatchAsync(context, identity.AgentId, identity.Jkt, identity.ExpiresAt.Value, stop.Token);
        try
        {
            await next(context);
        }
        finally
        {
            await stop.CancelAsync();
            await watch;
        }
    }

    private async Task WatchAsync(HttpContext context, string agentId, string jkt, long expiresAt, CancellationToken cancel)
    {
        var connection = ConnectionAuthentication.Find(context)?.Current;
        try
        {
            while (true)
            {
                await Task.Delay(CheckPeriod, time, cancel);
                string? ended = await EndedAsync(context, agentId, jkt, expiresAt, connection, cancel);
                if (ended is not null)
                {
                    GatewayLog.TunnelClosed(_logger, agentId, ended);
                    context.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The tunnel or the request ended first.
        }
        catch (Exception e)
        {
            // A store that throws (SQLite, Redis) hides a revocation: the tunnel must not outlive the look.
            GatewayLog.TunnelWatchFailed(_logger, agentId, e.GetType().Name, e.Message);
            context.Abort();
        }
    }

    private async Task<string?> EndedAsync(
        HttpContext context, string agentId, string jkt, long expiresAt, ConnectionAuthentication.State? connection, CancellationToken cancel)
    {
        if (time.GetUtcNow().ToUnixTimeSeconds() >= expiresAt)
        {
            return NsError.Expired;
        }

        if (connection is not null && ConnectionAuthentication.Find(context)?.Current?.AgentId != connection.AgentId)
        {
            return "the connection's authentication ended";
        }

        Agent? agent;
        try
        {
            agent = await agents.FindAsync(agentId, cancel);
        }
        catch (StateUnavailableException)
        {
            // Without the store a revocation cannot be seen: fail closed.
            return NsError.RegistryUnavailable;
        }

        return agent is null || !agent.IsActive ? NsError.AgentRevoked
            : agent.Key.Thumbprint != jkt ? NsError.KeyMismatch
            : null;
    }
}
