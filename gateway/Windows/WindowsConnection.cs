using System.Net.Security;
using Microsoft.AspNetCore.Connections.Features;
using Smp.Gateway.Http;

namespace Smp.Gateway.Windows;

/// <summary>
/// A connection's Windows authentication, kept in Kestrel's per-connection items as IIS keeps it: the handshake in
/// progress (several legs for NTLM) and, once it completed, the account. Disposed when the connection closes. Only
/// HTTP/1.x connections get one (Negotiate over HTTP/2 is refused), so one request at a time uses it.
/// </summary>
internal sealed class WindowsConnection
{
    private static readonly object ItemKey = typeof(WindowsConnection);

    private readonly object _gate = new();
    private NegotiateAuthentication? _handshake;
    private string? _account;

    /// <summary>The authenticated account (<c>EXAMPLE\HOST$</c>); null before a handshake completed, or after a failed credential.</summary>
    public string? Account
    {
        get
        {
            lock (_gate)
            {
                return _account;
            }
        }
    }

    public static WindowsConnection? Find(HttpContext context) => ConnectionItems.Find<WindowsConnection>(context, ItemKey);

    /// <summary>The connection's holder, created (and its disposal at the connection's end registered) on first use; null without connection items.</summary>
    public static WindowsConnection? Get(HttpContext context)
    {
        var holder = ConnectionItems.GetOrAdd(context, ItemKey, static () => new WindowsConnection(), out bool created);
        if (created)
        {
            context.Features.Get<IConnectionCompleteFeature>()?.OnCompleted(static h => { ((WindowsConnection)h).End(); return Task.CompletedTask; }, holder!);
        }

        return holder;
    }

    /// <summary>Ends the connection's Windows authentication: a failed credential or a 400 on it (§7).</summary>
    public static void Clear(HttpContext context) => Find(context)?.End();

    /// <summary>The handshake in progress, or a new one from <paramref name="start"/> (replacing a completed one: a new handshake).</summary>
    public NegotiateAuthentication Handshake(Func<NegotiateAuthentication> start)
    {
        lock (_gate)
        {
            if (_handshake is { IsAuthenticated: true })
            {
                _handshake.Dispose();
                _handshake = null;
            }

            return _handshake ??= start();
        }
    }

    /// <summary>The handshake completed for <paramref name="account"/>: later requests on the connection need no credential.</summary>
    public void Authenticated(string account)
    {
        lock (_gate)
        {
            _account = account;
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _handshake?.Dispose();
            _handshake = null;
            _account = null;
        }
    }
}
