using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Smp.Gateway.Agents;

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

    public sealed record State(string AgentId, string Jkt, string Jti, long ExpiresAt);

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
    /// The agent this request's connection is authenticated for, or null. It holds until the token
    /// expires; a revocation or a new key ends it at once (the agent is looked up on every request).
    /// </summary>
    public static async ValueTask<State?> ResumeAsync(HttpContext context, IAgentStore agents, TimeProvider time)
    {
        var state = Find(context)?.Current;
        if (state is null)
        {
            return null;
        }

        var agent = await agents.FindAsync(state.AgentId, context.RequestAborted);
        if (time.GetUtcNow().ToUnixTimeSeconds() >= state.ExpiresAt || agent is null || !agent.IsActive || agent.Key.Thumbprint != state.Jkt)
        {
            Clear(context);
            return null;
        }

        return state;
    }

    /// <summary>Ends the connection's authentication: a failed check or a 400 on it (§8).</summary>
    public static void Clear(HttpContext context)
    {
        var holder = Find(context);
        if (holder is not null)
        {
            Volatile.Write(ref holder._state, null);
        }
    }
}
