namespace Smp.Gateway.Diagnostics;

/// <summary>Windows authentication (Negotiate) of agents' machine accounts, category <c>Smp.Gateway.Windows</c>. Event ids 380-389. Never a token.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(380, LogLevel.Information, "Windows authentication: keytab {Keytab} (KRB5_KTNAME), domain {Domain}.")]
    public static partial void WindowsKeytab(ILogger logger, string keytab, string domain);

    [LoggerMessage(381, LogLevel.Information, "Windows authentication: {Account} ({Principal}, {Package}) authenticated on connection {ConnectionId} from {Remote}.")]
    public static partial void WindowsAuthenticated(ILogger logger, string account, string principal, string package, string connectionId, string? remote);

    [LoggerMessage(382, LogLevel.Information, "Windows authentication refused ({Code}, {Status}) on connection {ConnectionId} from {Remote}: {Reason}")]
    public static partial void WindowsRefused(ILogger logger, string code, int status, string connectionId, string? remote, string reason);

    [LoggerMessage(383, LogLevel.Information,
        "Windows authentication over {Protocol} from {Remote} on route {RouteId}: stream reset with HTTP_1_1_REQUIRED; Negotiate is bound to a connection, so the client must use HTTP/1.1.")]
    public static partial void WindowsHttp2Reset(ILogger logger, string protocol, string? remote, string routeId);

    [LoggerMessage(384, LogLevel.Information, "Windows authentication on route {RouteId}, which does not take it, from {Remote}: 401 windows-not-allowed. Give the route SmpAuth Windows or TokenOrWindows, or move the agent to tokens.")]
    public static partial void WindowsNotAllowed(ILogger logger, string routeId, string? remote);
}
