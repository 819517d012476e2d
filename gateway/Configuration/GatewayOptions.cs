namespace Smp.Gateway.Configuration;

/// <summary>The <c>Gateway</c> section. Every default is the one written here and in <c>config/gateway.example.json</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// <c>Gateway:Role</c>: <c>Issuer</c> (default), in front of the management server; or <c>Site</c>, in
    /// front of package and task servers, with its tokens from the Issuer (<c>Gateway:Site</c>).
    /// </summary>
    public string Role { get; set; } = "Issuer";

    /// <summary><c>Gateway:IssuerId</c>: the tokens' <c>iss</c>. Default <c>smp-gateway</c>.</summary>
    public string IssuerId { get; set; } = "smp-gateway";

    /// <summary><c>Gateway:Audience</c>: this server's public origin as agents address it (§5 <c>aud</c>). Required.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary><c>Gateway:Realm</c>: the realm of the bare challenges. Default <c>SMP</c>.</summary>
    public string Realm { get; set; } = "SMP";

    /// <summary><c>Gateway:DataDirectory</c>: signing key and agent store. Default <c>.data</c> (relative to the working directory).</summary>
    public string DataDirectory { get; set; } = ".data";

    public TokenOptions Tokens { get; set; } = new();
    public ReplayOptions Replay { get; set; } = new();
    public StateOptions State { get; set; } = new();
    public ConnectionOptions Connection { get; set; } = new();
    public EnrollmentOptions Enrollment { get; set; } = new();
    public AccOptions Acc { get; set; } = new();
    public IdentityOptions Identity { get; set; } = new();
    public RateLimitOptions RateLimits { get; set; } = new();
    public LongLivedTokenOptions LongLivedTokens { get; set; } = new();
    public TelemetryOptions Telemetry { get; set; } = new();
    public WindowsOptions Windows { get; set; } = new();

    /// <summary><c>Gateway:Sites</c>: at the Issuer, the Sites allowed to fetch tokens, by Site id. Default none.</summary>
    public Dictionary<string, SiteRegistration> Sites { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Gateway:Site</c>: read when <see cref="Role"/> is <c>Site</c>.</summary>
    public SiteOptions Site { get; set; } = new();
}
