using System.Security.Cryptography;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// What an agent holds for one server: its <c>uid</c>, the token issued for it, and the last counter
/// used with that token. Thread-safe: concurrent requests of one agent never share a counter.
/// </summary>
internal sealed class ServerCredential
{
    private const int UidBytes = 16;

    private readonly Lock gate = new();
    private string uid = NewUid();
    private IssuedToken? token;
    private long counter;

    public string Uid
    {
        get
        {
            lock (gate)
            {
                return uid;
            }
        }
    }

    public IssuedToken? Token
    {
        get
        {
            lock (gate)
            {
                return token;
            }
        }
    }

    /// <summary>The last counter handed out for the current token; 0 before the first proof.</summary>
    public long Counter
    {
        get
        {
            lock (gate)
            {
                return counter;
            }
        }
    }

    /// <summary>
    /// Keeps a verified token issued for <paramref name="uidSent"/>. Refused if the agent has drawn
    /// another uid since. The token already held is kept with its counter (§5).
    /// </summary>
    public bool Accept(IssuedToken verified, string uidSent)
    {
        lock (gate)
        {
            if (!string.Equals(uid, uidSent, StringComparison.Ordinal)
                || !string.Equals(verified.Uid, uid, StringComparison.Ordinal))
            {
                return false;
            }

            if (token is null || !string.Equals(token.Text, verified.Text, StringComparison.Ordinal))
            {
                token = verified;
                counter = 0;
            }

            return true;
        }
    }

    /// <summary>Reserves the next counter of an unexpired token, or null when there is none to use.</summary>
    public ProofTicket? NextProof(DateTimeOffset now)
    {
        lock (gate)
        {
            if (token is null || now >= token.ExpiresAt)
            {
                return null;
            }

            counter++;
            return new ProofTicket(token, counter);
        }
    }

    /// <summary>Drops the token and draws a new uid (§8, on a 403), whatever token is held.</summary>
    public void Discard()
    {
        lock (gate)
        {
            DiscardLocked();
        }
    }

    /// <summary>
    /// Drops <paramref name="used"/> and the uid, unless another token already replaced it: two
    /// requests refused with the same token must not throw away the one that came after.
    /// </summary>
    public void Discard(IssuedToken used)
    {
        lock (gate)
        {
            if (token is not null && string.Equals(token.Text, used.Text, StringComparison.Ordinal))
            {
                DiscardLocked();
            }
        }
    }

    private void DiscardLocked()
    {
        token = null;
        counter = 0;
        uid = NewUid();
    }

    private static string NewUid() => B64u.Encode(RandomNumberGenerator.GetBytes(UidBytes));
}
