using Microsoft.AspNetCore.Http;
using Smp.Gateway.Configuration;
using Smp.Gateway.Identity;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Routing;

/// <summary><see cref="RouteAuthMode.Anonymous"/>: no authentication ("allow anonymous access to package codebases").</summary>
internal sealed class AnonymousRouteAuthentication : IRouteAuthentication
{
    // Immutable, so one for every request.
    private static readonly ForwardedIdentity Anonymous = new(AuthKind.Anonymous, string.Empty, null);

    public ValueTask<bool> AuthenticateAsync(HttpContext context, GatewayOptions options)
    {
        context.Features.Set(Anonymous);
        return new(true);
    }
}
