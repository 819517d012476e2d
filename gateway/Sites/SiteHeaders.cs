namespace Smp.Gateway.Sites;

/// <summary>The paths and headers of the Site to Issuer calls (§10).</summary>
internal static class SiteHeaders
{
    public const string ClientTokensPath = "/smp/site/client-tokens";

    /// <summary>
    /// Not in §10's text, which asks for revocations to reach the Sites in bounded time without naming
    /// the call: the Site asks for the status of the agents it caches, authenticated like client-tokens.
    /// Asking for tokens instead would cost the Issuer one signature per cached agent and check.
    /// </summary>
    public const string AgentStatusPath = "/smp/site/agent-status";

    public const string SiteSignature = "X-SMP-Site-Signature";
    public const string Signature = "X-SMP-Signature";
    public const string JoseContentType = "application/jose";
    public const string JsonContentType = "application/json";

    /// <summary>A request's <c>ts</c> may be off by this much from the Issuer's clock (§10).</summary>
    public static readonly TimeSpan TsWindow = TimeSpan.FromSeconds(300);
}
