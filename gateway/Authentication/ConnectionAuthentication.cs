using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Smp.Gateway.Agents;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Authentication;

/// <summary>
/// The agent a connection is authenticated for (§7), kept in Kestrel's per-connection items. Under
/// HTTP/2 several streams share those items at once, so the holder is created under a lock and its
/// state is one immutable value swapped atomically.
/// </summary>
internal sealed class ConnectionAuthentication
{
    private static readonly object ItemKey = typeof(ConnectionAuthentication);

    private State? _state;

    /// <param name="Ended">
    /// Set when the authentication ended without a failed credential (the token expired, the agent was
    /// revoked or its key replaced): the <c>X-SMP-NSError</c> code every later request on the connection
    /// is refused with until a new proof (§7).
    /// </param>
    public sealed record State(string AgentId, string Jkt, string Jti, long ExpiresAt, string? Ended = null);

    /// <summary>The connection's agent when it is still authenticated; otherwise the code it ended with, if any.</summary>
    public readonly record struct Resumption(State? Resumed, string? Ended);

    public State? Current => Volatile.Read(ref _state);

    public static ConnectionAuthentication? Find(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
        {
            return null;
        }

        lock (items)
        {
            return items.TryGetValue(ItemKey, out var holder) ? holder as ConnectionAuthentication : null;
        }
    }

    public static void Set(HttpContext context, State state)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
        {
            return;
        }

        ConnectionAuthentication holder;
        lock (items)
        {
            if (!items.TryGetValue(ItemKey, out var existing) || existing is not ConnectionAuthentication found)
            {
                found = new ConnectionAuthentication();
                items[ItemKey] = found;
            }

            holder = found;
        }

        Volatile.Write(ref holder._state, state);
    }

    /// <summary>
    /// The agent this request's connection is authenticated for. It holds until the token expires; a
    /// revocation or a new key ends it at once (the agent is looked up on every request), and from then
    /// on the connection answers with the code of that end, as a proof would be answered.
    /// </summary>
    public static async ValueTask<Resumption> ResumeAsync(HttpContext context, IAgentLookup agents, TimeProvider time)
    {
        var holder = Find(context);
        var state = holder?.Current;
        if (state is null || state.Ended is not null)
        {
            return new Resumption(null, state?.Ended);
        }

        var agent = await agents.FindAsync(state.AgentId, context.RequestAborted);
        string? ended = time.GetUtcNow().ToUnixTimeSeconds() >= state.ExpiresAt ? NsError.Expired
            : agent is null ? NsError.AgentUnknown
            : !agent.IsActive ? NsError.AgentRevoked
            : agent.Key.Thumbprint != state.Jkt ? NsError.KeyMismatch
            : null;
        if (ended is null)
        {
            return new Resumption(state, null);
        }

        // Only this state ends: a proof accepted meanwhile on another stream of the connection stays.
        Interlocked.CompareExchange(ref holder!._state, state with { Ended = ended }, state);
        return new Resumption(null, ended);
    }

    /// <summary>The answer to a request on a connection whose authentication ended with <paramref name="code"/>, as §8 answers a proof.</summary>
    public static AuthenticationOutcome Refusal(string code) =>
        new(code is NsError.AgentRevoked or NsError.KeyMismatch ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized, code);

    /// <summary>Ends the connection's authentication: a failed credential, check or a 400 on it (§7, §8).</summary>
    public static void Clear(HttpContext context)
    {
        var holder = Find(context);
        if (holder is not null)
        {
            Volatile.Write(ref holder._state, null);
        }
    }
}
