using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// An agent's tokens, one per server origin: a token is valid only at servers of its audience
/// (PROTOCOL.md §5), so a token learnt from one origin is never sent to another.
/// </summary>
/// <param name="loggerFactory">Where the credentials log, under <see cref="AgentLogCategories.TokenStorage"/>; default none.</param>
internal sealed class TokenStore(ILoggerFactory? loggerFactory = null)
{
    private readonly ConcurrentDictionary<string, ServerCredential> _servers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(AgentLogCategories.TokenStorage);

    public ServerCredential For(Uri server) =>
        _servers.GetOrAdd(Origin(server), static (origin, logger) => new ServerCredential(origin, logger), _logger);

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
