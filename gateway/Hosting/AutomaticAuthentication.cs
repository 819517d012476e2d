namespace Smp.Gateway.Hosting;

/// <summary>
/// Keeps WebApplication from placing UseAuthentication/UseAuthorization itself. Each route authenticates itself
/// (Routing/RouteAuthenticationMiddleware) and no endpoint has authorization metadata; one that had would fail
/// closed (the endpoint middleware refuses authorization metadata without the authorization middleware). The
/// automatic middleware asks the authentication service on every request, a service scope each, for nothing.
/// </summary>
internal static class AutomaticAuthentication
{
    // The keys by which WebApplication knows that the pipeline placed these middleware itself.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    public static void WithoutAutomaticAuthentication(this WebApplication app)
    {
        var pipeline = (IApplicationBuilder)app;
        pipeline.Properties[AuthenticationMiddlewareSetKey] = true;
        pipeline.Properties[AuthorizationMiddlewareSetKey] = true;
    }
}
