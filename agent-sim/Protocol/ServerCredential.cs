using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// What an agent holds for one server: its <c>uid</c>, the token issued for it, and the last counter
/// used with that token. Thread-safe: concurrent requests of one agent never share a counter.
/// Each change is logged under <see cref="AgentLogCategories.TokenStorage"/>, outside the lock.
/// </summary>
/// <param name="origin">The server's origin, as <see cref="TokenStore"/> keys it; only named in the log.</param>
internal sealed class ServerCredential(string? origin = null, ILogger? logger = null)
{
    private const int UidBytes = 16;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Lock _gate = new();
    private string _uid = NewUid();
    private IssuedToken? _token;
    private long _counter;

    public string Uid
    {
        get
        {
            lock (_gate)
            {
                return _uid;
            }
        }
    }

    public IssuedToken? Token
    {
        get
        {
            lock (_gate)
            {
                return _token;
            }
        }
    }

    /// <summary>The last counter handed out for the current token; 0 before the first proof.</summary>
    public long Counter
    {
        get
        {
            lock (_gate)
            {
                return _counter;
            }
        }
    }

    /// <summary>
    /// Keeps a verified token issued for <paramref name="uidSent"/>. Refused if the agent has drawn
    /// another uid since. The token already held is kept with its counter (§5).
    /// </summary>
    public bool Accept(IssuedToken verified, string uidSent)
    {
        IssuedToken? replaced;
        long kept;
        lock (_gate)
        {
            if (!string.Equals(_uid, uidSent, StringComparison.Ordinal)
                || !string.Equals(verified.Uid, _uid, StringComparison.Ordinal))
            {
                return false;
            }

            replaced = _token;
            kept = _counter;
            if (_token is null || !string.Equals(_token.Text, verified.Text, StringComparison.Ordinal))
            {
                _token = verified;
                _counter = 0;
            }
        }

        if (replaced is null)
        {
            AgentLog.TokenStored(_logger, verified.Jti, origin, verified.Subject, verified.Kid, verified.ExpiresAt);
        }
        else if (string.Equals(replaced.Text, verified.Text, StringComparison.Ordinal))
        {
            AgentLog.TokenKept(_logger, verified.Jti, origin, kept);
        }
        else
        {
            AgentLog.TokenReplaced(_logger, verified.Jti, replaced.Jti, origin, verified.Subject, verified.Kid, verified.ExpiresAt);
        }

        return true;
    }

    /// <summary>Reserves the next counter of an unexpired token, or null when there is none to use.</summary>
    public ProofTicket? NextProof(DateTimeOffset now)
    {
        IssuedToken? expired;
        lock (_gate)
        {
            if (_token is null)
            {
                return null;
            }

            if (now < _token.ExpiresAt)
            {
                _counter++;
                return new ProofTicket(_token, _counter);
            }

            expired = _token;
        }

        AgentLog.TokenExpired(_logger, expired.Jti, origin, expired.ExpiresAt);
        return null;
    }

    /// <summary>Drops the token and draws a new uid, whatever token is held: the agent starting afresh.</summary>
    public void Discard()
    {
        IssuedToken? dropped;
        lock (_gate)
        {
            dropped = DiscardLocked();
        }

        if (dropped is not null)
        {
            AgentLog.TokenDropped(_logger, dropped.Jti, origin, dropped.Subject);
        }
    }

    /// <summary>
    /// Drops <paramref name="used"/> and the uid after a 403 (§8), unless another token already
    /// replaced it: two requests refused with the same token must not throw away the one that came after.
    /// </summary>
    /// <param name="nsError">The 403's <c>X-SMP-NSError</c>, for the log.</param>
    public void Discard(IssuedToken used, string? nsError = null)
    {
        lock (_gate)
        {
            if (_token is null || !string.Equals(_token.Text, used.Text, StringComparison.Ordinal))
            {
                return;
            }

            DiscardLocked();
        }

        AgentLog.TokenDiscarded(_logger, used.Jti, origin, nsError ?? "-", used.Subject);
    }

    private IssuedToken? DiscardLocked()
    {
        IssuedToken? held = _token;
        _token = null;
        _counter = 0;
        _uid = NewUid();
        return held;
    }

    private static string NewUid() => B64u.Encode(RandomNumberGenerator.GetBytes(UidBytes));
}
