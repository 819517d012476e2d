using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Authentication;

/// <summary>
/// Refuses a request with more than one <c>Authorization</c> header (400 <c>malformed</c>, §8) before
/// anything reads it, and ends the connection's authentication.
/// </summary>
internal sealed class AuthorizationHeaderGuard(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Token);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count <= 1)
        {
            return next(context);
        }

        ConnectionAuthentication.Clear(context);
        GatewayLog.RequestRefused(_logger, NsError.Malformed, 400, context.Connection.RemoteIpAddress?.ToString(),
            "two Authorization headers; send exactly one.");
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers[NsError.HeaderName] = NsError.Malformed;
        return Task.CompletedTask;
    }
}
