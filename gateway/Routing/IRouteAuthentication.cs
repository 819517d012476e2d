using Microsoft.AspNetCore.Http;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>
/// One way of authenticating a route's requests, a singleton: one per <see cref="RouteAuthMode"/>, chosen once per route
/// (<see cref="RouteAuthentications"/>) and kept in its endpoint's metadata, and <see cref="BearerRouteAuthentication"/>,
/// which the token routes hand a long-lived token to.
/// </summary>
internal interface IRouteAuthentication
{
    /// <summary>
    /// True when the request goes on, its <see cref="Identity.ForwardedIdentity"/> set; false when it was refused
    /// and the refusal written.
    /// </summary>
    ValueTask<bool> AuthenticateAsync(HttpContext context, GatewayOptions options);
}

/// <summary>What one way of authenticating made of a request: not its credential, forwarded, or refused.</summary>
internal enum RouteStep
{
    /// <summary>Not a credential this way reads: the route answers it as it answers any other.</summary>
    Pass,
    Forward,
    Refused,
}
