using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// The original's "Request:" and "Response:" records, at Debug in <see cref="LogCategories.Request"/> and
/// <see cref="LogCategories.Response"/>: each request's id (Kestrel's, which holds its connection's id and
/// its number on that connection), connection, method, path and headers, then its status, time and
/// headers; credentials are withheld (<see cref="LoggedHeaders"/>). Off, it costs one level check.
/// </summary>
internal sealed class RequestLog(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _requests = loggers.CreateLogger(LogCategories.Request);
    private readonly ILogger _responses = loggers.CreateLogger(LogCategories.Response);

    public Task InvokeAsync(HttpContext context)
    {
        bool requests = _requests.IsEnabled(LogLevel.Debug), responses = _responses.IsEnabled(LogLevel.Debug);
        return requests || responses ? LoggedAsync(context, requests, responses) : next(context);
    }

    private async Task LoggedAsync(HttpContext context, bool requests, bool responses)
    {
        var request = context.Request;
        if (requests)
        {
            GatewayLog.RequestReceived(
                _requests, context.TraceIdentifier, context.Connection.Id, context.Connection.RemoteIpAddress?.ToString(),
                request.Method, LogText.Escape(request.Path.Value ?? "/"), LoggedHeaders.Query(request.QueryString), request.Protocol,
                LoggedHeaders.Describe(request.Headers));
        }

        long started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (responses)
            {
                var response = context.Response;
                GatewayLog.ResponseSent(
                    _responses, context.TraceIdentifier, context.Connection.Id, response.StatusCode,
                    response.Headers[NsError.HeaderName].ToString() is { Length: > 0 } code ? code : "-",
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, LoggedHeaders.Describe(response.Headers));
            }
        }
    }
}
