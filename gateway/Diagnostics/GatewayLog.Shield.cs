using Microsoft.Extensions.Logging;

namespace Smp.Gateway.Diagnostics;

/// <summary>The lockout shield across nodes, account states and the shared store's epoch and persistence (events 260-279).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(260, LogLevel.Error, "ACC account {User} cannot log on: the directory answers {Code} (agents get 403 {Code}, and no password is remembered as wrong for it). To do: {Remedy}.")]
    public static partial void AccAccountState(ILogger logger, string user, string code, string remedy);
}
