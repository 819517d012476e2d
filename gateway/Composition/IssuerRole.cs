using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Enrollment;
using Smp.Gateway.Keys;
using Smp.Gateway.Sites;
using Smp.Gateway.Sites.IssuerSide;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Composition;

/// <summary>
/// The Issuer, whole: its signing key (loaded, rotated, watched), the agent store it enrolls into, the tokens it
/// signs, and the Issuer's side of §10, the endpoints its Sites call.
/// </summary>
internal static class IssuerRole
{
    public static IServiceCollection AddIssuerRole(this IServiceCollection services, StateOptions state)
    {
        services.AddSingleton<SigningKeyLoader>();
        services.AddSingleton(sp => sp.GetRequiredService<SigningKeyLoader>().Load());
        services.AddSingleton<SigningKeyRotation>();
        services.AddHostedService<SigningKeyFileWatch>();
        services.AddSingleton<IServerKeyRefresh, NoKeyRefresh>();

        services.AddAgentStore(state);
        services.AddSingleton<EnrollmentEndpoint>();

        services.AddSingleton<LocalTokenSource>();
        services.AddSingleton<IAgentTokenSource>(sp => ActivatorUtilities.CreateInstance<UnknownAgentHelloLimit>(sp, sp.GetRequiredService<LocalTokenSource>()));

        services.AddSingleton<SiteMetrics>();
        services.AddSingleton<SiteRegistry>();
        services.AddSingleton<SeenSiteRequests>();
        services.AddSingleton<SiteRequestAuthenticator>();
        services.AddSingleton<SiteResponseWriter>();
        services.AddSingleton<ClientTokensEndpoint>();
        services.AddSingleton<AgentStatusEndpoint>();

        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<IAgentStore>();
            return sp.NewAdministration(store, store, store, sp.GetRequiredService<SigningKeyRotation>(), revocations: null);
        });
        return services;
    }

    public static void MapIssuerRole(this WebApplication app)
    {
        app.MapPost(EnrollmentEndpoint.Path, (HttpContext context, EnrollmentEndpoint enrollment) => enrollment.HandleAsync(context));

        // Its memory of requests seen begins now, before the start: requests signed earlier are refused.
        app.Services.GetRequiredService<SeenSiteRequests>();
        app.MapPost(SiteHeaders.ClientTokensPath, (HttpContext context, ClientTokensEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapPost(SiteHeaders.AgentStatusPath, (HttpContext context, AgentStatusEndpoint endpoint) => endpoint.HandleAsync(context));
    }
}
