namespace Smp.AgentSim.Bench;

/// <summary>One thing measured in each round: an address and what its requests carry.</summary>
internal sealed record BenchTarget(string Name, Uri Origin, string Path, BenchAuth Auth)
{
    public const string Server = "server";
    public const string Yarp = "yarp";
    public const string GatewayKeepAlive = "gateway-keepalive";
    public const string YarpProof = "yarp-proof";
    public const string GatewayFresh = "gateway-fresh";
    public const string GatewayAnonymous = "gateway-anonymous";
    public const string Nginx = "nginx";
    public const string ComparedKeepAlive = "compared-keepalive";
    public const string ComparedFresh = "compared-fresh";

    public Uri Url => new(Origin, Path);
}
