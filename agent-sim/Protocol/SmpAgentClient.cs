namespace Smp.AgentSim.Protocol;

/// <summary>Builds an agent's <see cref="HttpClient"/> over <see cref="SmpTokenHandler"/>.</summary>
internal static class SmpAgentClient
{
    /// <summary>
    /// A client with its own connection pool. With <paramref name="reuseConnection"/> the pool holds
    /// a single connection per server, so that the connection a proof authenticated is the one the
    /// following requests use.
    /// </summary>
    public static HttpClient Create(
        AgentIdentity identity, TokenStore store, ServerKeySet serverKeys, TimeProvider time, bool reuseConnection = false,
        TimeSpan? idleConnectionTimeout = null, ILoggerFactory? loggerFactory = null, System.Security.Cryptography.X509Certificates.X509Certificate2? ca = null)
    {
        var sockets = ServerTrust.Apply(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = reuseConnection ? 1 : int.MaxValue,
            PooledConnectionIdleTimeout = idleConnectionTimeout ?? TimeSpan.FromSeconds(30),
            UseCookies = false,
            AllowAutoRedirect = false,
        }, ca);
        var handler = new SmpTokenHandler(identity, store, serverKeys, time, reuseConnection, loggerFactory) { InnerHandler = sockets };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
