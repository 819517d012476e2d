using Smp.Gateway.Agents;
using Smp.Gateway.Enrollment;
using Smp.Gateway.Expiry;
using Smp.Gateway.Hosting;
using Smp.Gateway.Keys;
using Smp.Gateway.Protocol;
using Smp.Gateway.Sites;
using Smp.Gateway.Sites.SiteSide;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Composition;

/// <summary>
/// A Site, whole: no signing key and no agent store. Its keys come from the Issuer's JWKS, its agents and tokens
/// from the Issuer's answers (the Site's side of §10), and it keeps serving what it caches while the Issuer is down.
/// </summary>
internal static class SiteRole
{
    public static IServiceCollection AddSiteRole(this IServiceCollection services)
    {
        services.AddSingleton(_ => ServerKeyRing.VerifyOnly());
        services.AddSingleton<SiteMetrics>();
        services.AddSingleton<SiteKey>();
        services.AddSingleton<IssuerHealth>();
        services.AddSingleton<IssuerProbe>();
        services.AddHealthChecks().AddCheck<IssuerReadiness>("issuer", tags: [HealthEndpoints.ReadyTag]);
        services.AddSingleton<IssuerClient>();
        services.AddSingleton<IssuerKeyFetcher>();
        services.AddForwarded<IServerKeyRefresh, IssuerKeyFetcher>();
        services.AddSingleton<IssuerAnswerReader>();
        services.AddSingleton<SiteTokenCache>();

        // The agents the Site's tokens came with: looked up and changed here, enrolled and listed at the Issuer only.
        services.AddSingleton<SiteAgentStore>();
        services.AddForwarded<IAgentLookup, SiteAgentStore>().AddForwarded<IAgentControl, SiteAgentStore>().AddForwarded<ISweepable, SiteAgentStore>();

        services.AddSingleton<ClientTokenFetcher>();
        services.AddSingleton<ClientTokenBatcher>().AddForwarded<IHostedService, ClientTokenBatcher>();
        services.AddSingleton<IAgentTokenSource, SiteTokenSource>();
        services.AddSingleton<TokenRenewal>();
        services.AddSingleton<RevocationCheck>();
        services.AddHostedService<SiteMaintenance>();

        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<SiteAgentStore>();
            return sp.NewAdministration(store, store, directory: null, rotation: null, sp.GetRequiredService<RevocationCheck>());
        });
        return services;
    }

    public static void MapSiteRole(this WebApplication app)
    {
        // Agents enroll at the Issuer; without this the catch-all route would pass the request on.
        app.MapPost(EnrollmentEndpoint.Path, (HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers[NsError.HeaderName] = SiteError.EnrollAtIssuer;
            return Task.CompletedTask;
        });
    }
}
