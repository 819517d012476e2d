using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Enrollment;
using Smp.Gateway.Keys;
using Smp.Gateway.Protocol;
using Smp.Gateway.RateLimiting;
using Smp.Gateway.State;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Sites;

/// <summary>
/// The role-dependent part of the composition (§1, §10). The Issuer signs its tokens and answers Sites;
/// a Site holds no signing key and no agent store: its keys come from the Issuer's JWKS and its agents
/// and tokens from the Issuer's answers. The role is read once, at build: changing it needs a restart.
/// </summary>
internal static class SiteServices
{
    public static bool IsSite(IConfiguration configuration) =>
        string.Equals(configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Role)}"], SiteOptionsValidator.Site, StringComparison.Ordinal);

    public static void AddSites(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SiteMetrics>();
        services.AddSingleton<SigningKeyRotation>();
        if (!IsSite(configuration))
        {
            services.AddHostedService<SigningKeyFileWatch>();
            services.AddSingleton<IServerKeyRefresh, NoKeyRefresh>();
            services.AddSingleton<LocalTokenSource>();
            services.AddSingleton<IAgentTokenSource>(sp => ActivatorUtilities.CreateInstance<UnknownAgentHelloLimit>(sp, sp.GetRequiredService<LocalTokenSource>()));
            services.AddSingleton<SiteRegistry>();
            services.AddSingleton<SeenSiteRequests>();
            services.AddSingleton<SiteRequestAuthenticator>();
            services.AddSingleton<SiteResponseWriter>();
            services.AddSingleton<ClientTokensEndpoint>();
            services.AddSingleton<AgentStatusEndpoint>();
            return;
        }

        services.Replace(ServiceDescriptor.Singleton(_ => ServerKeyRing.VerifyOnly()));
        services.Replace(ServiceDescriptor.Singleton<IAgentStore, SiteAgentStore>());
        // A Site keeps no agents: the embedded file is not opened at its start (its long-lived tokens open it on first use).
        services.RemoveAll<IStoreInitialization>();
        services.AddSingleton<SiteKey>();
        services.AddSingleton<IssuerHealth>();
        services.AddSingleton<IssuerProbe>();
        services.AddHealthChecks().AddCheck<IssuerReadiness>("issuer", tags: [Hosting.HealthEndpoints.ReadyTag]);
        services.AddSingleton<IssuerClient>();
        services.AddSingleton<IssuerKeyFetcher>();
        services.AddSingleton<IServerKeyRefresh>(sp => sp.GetRequiredService<IssuerKeyFetcher>());
        services.AddSingleton<IssuerAnswerReader>();
        services.AddSingleton<SiteTokenCache>();
        services.AddSingleton<ClientTokenFetcher>();
        services.AddSingleton<ClientTokenBatcher>();
        services.AddSingleton<IAgentTokenSource, SiteTokenSource>();
        services.AddSingleton<TokenRenewal>();
        services.AddSingleton<RevocationCheck>();
        services.AddHostedService<SiteMaintenance>();
    }

    public static void MapSites(this WebApplication app)
    {
        if (!IsSite(app.Configuration))
        {
            // Its memory of requests seen begins now, before the start: requests signed earlier are refused.
            app.Services.GetRequiredService<SeenSiteRequests>();
            app.MapPost(SiteHeaders.ClientTokensPath, (HttpContext context, ClientTokensEndpoint endpoint) => endpoint.HandleAsync(context));
            app.MapPost(SiteHeaders.AgentStatusPath, (HttpContext context, AgentStatusEndpoint endpoint) => endpoint.HandleAsync(context));
            return;
        }

        // Agents enroll at the Issuer; without this the catch-all route would pass the request on.
        app.MapPost(EnrollmentEndpoint.Path, (HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers[NsError.HeaderName] = SiteError.EnrollAtIssuer;
            return Task.CompletedTask;
        });
    }
}
