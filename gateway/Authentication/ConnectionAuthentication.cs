using Smp.Gateway.Http;
using Smp.Gateway.Windows;

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

    public State? Current => Volatile.Read(ref _state);

    public static ConnectionAuthentication? Find(HttpContext context) => ConnectionItems.Find<ConnectionAuthentication>(context, ItemKey);

    public static void Set(HttpContext context, State state)
    {
        if (ConnectionItems.GetOrAdd(context, ItemKey, static () => new ConnectionAuthentication(), out _) is { } holder)
        {
            Volatile.Write(ref holder._state, state);
        }
    }

    /// <summary>Ends this state with <paramref name="code"/>; only this state: a proof accepted meanwhile on another stream of the connection stays.</summary>
    public void End(State state, string code) => Interlocked.CompareExchange(ref _state, state with { Ended = code }, state);

    /// <summary>Ends the connection's authentication, Windows authentication too: a failed credential, check or a 400 on it (§7, §8).</summary>
    public static void Clear(HttpContext context)
    {
        WindowsConnection.Clear(context);
        ClearToken(context);
    }

    /// <summary>Ends the connection's token authentication only: the connection authenticated as a Windows account since.</summary>
    public static void ClearToken(HttpContext context)
    {
        var holder = Find(context);
        if (holder is not null)
        {
            Volatile.Write(ref holder._state, null);
        }
    }

    /// <summary>
    /// Any credential that fails, a scheme the route does not take included, ends the connection's
    /// authentication (§7). A request without one leaves it: its refusal may be the code it ended with.
    /// </summary>
    public static void EndOnFailedCredential(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            Clear(context);
        }
    }
}
