using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Load;

/// <summary>
/// One enrolled agent of the load: its key, the server keys it trusts, its tokens, and two clients
/// sharing them, one sending a credential on every request and one reusing an authenticated connection.
/// </summary>
internal sealed class SimulatedAgent : IDisposable
{
    private readonly Lazy<HttpClient> _keepAliveClient;

    /// <param name="idleConnectionTimeout">How long an idle connection stays open; default 30 s.</param>
    /// <param name="loggerFactory">Where the agent's tokens and requests are logged; default none.</param>
    public SimulatedAgent(
        AgentIdentity identity, ServerKeySet serverKeys, Uri gateway, TimeProvider time, TimeSpan? idleConnectionTimeout = null,
        ILoggerFactory? loggerFactory = null, System.Security.Cryptography.X509Certificates.X509Certificate2? ca = null)
    {
        Identity = identity;
        ServerKeys = serverKeys;
        Gateway = gateway;
        Tokens = new TokenStore(loggerFactory);
        Client = SmpAgentClient.Create(identity, Tokens, serverKeys, time, idleConnectionTimeout: idleConnectionTimeout, loggerFactory: loggerFactory, ca: ca);
        _keepAliveClient = new Lazy<HttpClient>(() =>
            SmpAgentClient.Create(identity, Tokens, serverKeys, time, reuseConnection: true, idleConnectionTimeout, loggerFactory, ca));
    }

    public AgentIdentity Identity { get; }

    public ServerKeySet ServerKeys { get; }

    public Uri Gateway { get; }

    public TokenStore Tokens { get; }

    public ServerCredential Credential => Tokens.For(Gateway);

    public HttpClient Client { get; }

    /// <summary>A client over a single connection that, once a proof was accepted, sends no <c>Authorization</c>.</summary>
    public HttpClient KeepAliveClient => _keepAliveClient.Value;

    public void Dispose()
    {
        Client.Dispose();
        if (_keepAliveClient.IsValueCreated)
        {
            _keepAliveClient.Value.Dispose();
        }

        ServerKeys.Dispose();
        Identity.Dispose();
    }
}
