namespace Smp.AgentSim.Legacy;

/// <summary>
/// Refuses, with a bare 401 as IIS does for an anonymous caller, every request that does not
/// carry the identity the gateway asserts. A call the gateway marks <c>X-SMP-Auth: Anonymous</c> (an
/// anonymous route, PROTOCOL.md §12) carries no identity and is served as IIS serves anonymous access.
/// </summary>
internal sealed class LegacyIdentityGate(RequestDelegate next)
{
    public const string IdentityHeader = "X-SMP-Identity";
    public const string AuthHeader = "X-SMP-Auth";
    public const string AgentHeader = "X-SMP-Agent";

    public Task InvokeAsync(HttpContext context)
    {
        bool anonymous = context.Request.Headers[AuthHeader] == "Anonymous";
        if ((!anonymous && string.IsNullOrWhiteSpace(context.Request.Headers[IdentityHeader]))
            || string.IsNullOrWhiteSpace(context.Request.Headers[AuthHeader]))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
