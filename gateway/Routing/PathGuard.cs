using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Authentication;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Routing;

/// <summary>
/// Refuses, before a route is chosen, a request whose path is not canonical (§12): 400 <c>malformed</c>.
/// What passes is the path routes, ACC routes and long-lived token scopes are matched on, and the path
/// forwarded: Kestrel's decoded path, checked to be the same as the target decoded here.
/// </summary>
internal sealed class PathGuard(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Routes);

    public Task InvokeAsync(HttpContext context)
    {
        string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        string? problem = CanonicalPath.Check(raw, out string path);
        if (problem is null && raw != "*" && path != context.Request.PathBase.Add(context.Request.Path).Value)
        {
            problem = "a path this server decodes differently from the target.";
        }

        if (problem is null)
        {
            return next(context);
        }

        // A 400 on a connection ends its authentication (§8), as a failed credential would.
        ConnectionAuthentication.Clear(context);

        // The raw target is what Kestrel accepted: still percent-encoded, escaped all the same.
        GatewayLog.PathRefused(_logger, LogText.Escape(raw)!, context.Connection.RemoteIpAddress?.ToString(), problem);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers[NsError.HeaderName] = NsError.Malformed;
        return Task.CompletedTask;
    }
}
