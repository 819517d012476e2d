using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>The fixture's first agent over <see cref="SmpTokenHandler"/> and the fake gateway in memory.</summary>
internal sealed class InMemoryAgent : IDisposable
{
    public static readonly Uri Gateway = new("http://127.0.0.1:5999/");

    private readonly ServerKeySet _serverKeys;

    public InMemoryAgent(KeyFixture keys, bool reuseConnection = false, ILoggerFactory? loggers = null)
    {
        Agent = keys.Agents[0];
        var issuer = new FakeIssuer(keys.ServerKey);
        Fake = new FakeGateway(issuer);
        Fake.Enroll(Agent);
        _serverKeys = issuer.KeySet();
        Inner = new FakeGatewayHandler(Fake);
        Tokens = new TokenStore(loggers);
        var handler = new SmpTokenHandler(Agent, Tokens, _serverKeys, TimeProvider.System, reuseConnection, loggers) { InnerHandler = Inner };
        Http = new HttpClient(handler);
    }

    public AgentIdentity Agent { get; }

    public FakeGateway Fake { get; }

    public FakeGatewayHandler Inner { get; }

    public TokenStore Tokens { get; }

    public ServerCredential Credential => Tokens.For(Gateway);

    public HttpClient Http { get; }

    public async Task<SmpExchange> GetAsync()
    {
        using HttpResponseMessage response = await Http.GetAsync(new Uri(Gateway, "/Altiris/NS/Agent/GetClientPolicies.aspx"));
        return SmpExchange.Of(response)!;
    }

    public void Dispose()
    {
        Http.Dispose();
        _serverKeys.Dispose();
    }
}
