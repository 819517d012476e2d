using Smp.Gateway.Agents;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.State;

namespace Smp.Gateway.Authentication;

/// <summary>
/// Resumes the connection's authentication (§7) for a request that carries no credential; the only place that does.
/// It holds until the token expires; a revocation or a new key ends it at once (the agent is looked up on every
/// request), and from then on the connection is refused with the code of that end, as a proof would be.
/// </summary>
internal sealed class ConnectionResumption(IAgentLookup agents, SmpTokenRefusal refusals, GatewayMetrics metrics, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(LogCategories.Token);

    /// <summary>
    /// The connection's agent while it is authenticated. Otherwise null: with the refusal in the request's features
    /// when the authentication ended or the store did not answer, with none when the connection has no agent.
    /// </summary>
    public async ValueTask<ConnectionAuthentication.State?> ResumeAsync(HttpContext context)
    {
        var holder = ConnectionAuthentication.Find(context);
        var state = holder?.Current;
        if (state is null)
        {
            return null;
        }

        string? ended = state.Ended;
        if (ended is null)
        {
            Agent? agent;
            try
            {
                agent = await agents.FindAsync(state.AgentId, context.RequestAborted);
            }
            catch (StateUnavailableException e)
            {
                refusals.StoreUnavailable(context, e, null);
                return null;
            }

            ended = time.GetUtcNow().ToUnixTimeSeconds() >= state.ExpiresAt ? NsError.Expired
                : agent is null ? NsError.AgentUnknown
                : agent.RefusalCode is { } refusal ? refusal
                : agent.Key.Thumbprint != state.Jkt ? NsError.KeyMismatch
                : null;
            if (ended is null)
            {
                metrics.Authentication("connection", "accepted");
                return state;
            }

            holder!.End(state, ended);
        }

        // Not cleared: every later request on this connection gets the same answer until a new proof.
        var outcome = Refusal(ended);
        context.Features.Set(outcome);
        metrics.Authentication("connection", ended);
        GatewayLog.ConnectionAuthenticationEnded(_log, ended, outcome.Status, context.Connection.Id, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return null;
    }

    /// <summary>The answer to a request on a connection whose authentication ended with <paramref name="code"/>, as §8 answers a proof.</summary>
    private static AuthenticationOutcome Refusal(string code) =>
        new(code is NsError.AgentRevoked or NsError.AgentPending or NsError.KeyMismatch ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized, code);
}
