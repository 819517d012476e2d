using System.Collections.Concurrent;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// An agent's tokens, one per server origin: a token is valid only at servers of its audience
/// (PROTOCOL.md §5), so a token learnt from one origin is never sent to another.
/// </summary>
internal sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, ServerCredential> servers = new(StringComparer.OrdinalIgnoreCase);

    public ServerCredential For(Uri server) =>
        servers.GetOrAdd(Origin(server), static _ => new ServerCredential());

    /// <summary><c>scheme://host:port</c>, the key of a server's credential.</summary>
    public static string Origin(Uri server)
    {
        if (!server.IsAbsoluteUri)
        {
            throw new ArgumentException("The server address must be absolute.", nameof(server));
        }

        return server.GetLeftPart(UriPartial.Authority);
    }
}
