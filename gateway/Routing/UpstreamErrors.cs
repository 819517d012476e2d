using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Smp.Gateway.Routing;

/// <summary>
/// Around YARP's forwarding: when the server behind did not answer, the agent gets YARP's status (502, 504 on a
/// timeout, 503 with no destination) with <c>X-SMP-NSError: upstream-unavailable</c>, and the log one line per
/// cause (cluster, destination, error, reason) every <see cref="CauseThrottle.Interval"/>, with the count held
/// back. YARP's own record of each failure (a stack trace per request) is filtered out by the embedded
/// <c>Logging:LogLevel:Yarp.ReverseProxy.Forwarder.HttpForwarder</c>.
/// </summary>
internal sealed class UpstreamErrors(RequestDelegate next, CauseThrottle throttle, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(LogCategories.Upstream);

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var failure = context.Features.Get<IForwarderErrorFeature>();
        if (failure is null || !IsUpstream(failure.Error))
        {
            return;
        }

        if (!context.Response.HasStarted)
        {
            context.Response.Headers[NsError.HeaderName] = NsError.UpstreamUnavailable;
        }

        var proxy = context.GetReverseProxyFeature();
        string cluster = proxy.Cluster?.Config.ClusterId ?? proxy.Route.Config.ClusterId ?? "-";
        string destination = proxy.ProxiedDestination?.DestinationId ?? "-";
        string reason = Innermost(failure.Exception);
        if (throttle.ShouldLog(string.Join('\n', cluster, destination, failure.Error, reason), out long suppressed))
        {
            GatewayLog.UpstreamUnavailable(_log, cluster, destination, failure.Error.ToString(), reason, suppressed);
        }
    }

    /// <summary>The failures of the server behind, not the agent's (a client that went away is no outage).</summary>
    private static bool IsUpstream(ForwarderError error) => error is ForwarderError.Request or ForwarderError.RequestTimedOut
        or ForwarderError.ResponseHeaders or ForwarderError.NoAvailableDestinations or ForwarderError.RequestBodyDestination
        or ForwarderError.ResponseBodyDestination or ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination;

    private static string Innermost(Exception? e)
    {
        if (e is null)
        {
            return "no destination is available";
        }

        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
