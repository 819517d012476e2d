namespace Smp.AgentSim.Bench;

/// <summary>One thing measured in each round: an address, what its requests carry, and (HTTP/2 only) whether h2load loads it rather than the driver.</summary>
internal sealed record BenchTarget(string Name, Uri Origin, string Path, BenchAuth Auth, bool ByH2load = false)
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

    /// <summary>The suffix of the HTTP/2 targets' names (<c>--http2</c>): the same targets over h2c.</summary>
    public const string Http2Marker = "-h2";
    public const string YarpH2 = Yarp + Http2Marker;
    public const string GatewayKeepAliveH2 = GatewayKeepAlive + Http2Marker;
    public const string YarpProofH2 = YarpProof + Http2Marker;
    public const string GatewayFreshH2 = GatewayFresh + Http2Marker;
    public const string GatewayAnonymousH2 = GatewayAnonymous + Http2Marker;

    /// <summary>Plain YARP over h2c loaded by h2load: what the driver's figure for <see cref="YarpH2"/> is checked against.</summary>
    public const string YarpH2load = Yarp + "-h2load";

    public Uri Url => new(Origin, Path);
}
