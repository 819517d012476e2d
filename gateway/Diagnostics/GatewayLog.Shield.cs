namespace Smp.Gateway.Diagnostics;

/// <summary>The lockout shield across nodes, account states and the shared store's epoch and persistence (events 260-279).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(260, LogLevel.Error, "ACC account {User} cannot log on: the directory answers {Code} (agents get 403 {Code}, and no password is remembered as wrong for it). To do: {Remedy}.")]
    public static partial void AccAccountState(ILogger logger, string user, string code, string remedy);

    [LoggerMessage(261, LogLevel.Error, "The shared registry's epoch moved from {Before} to {After}: Redis lost its data (restarted without persistence, or flushed). Tokens issued before it are refused (401 stale-epoch, with a fresh token); agents, revocations and long-lived tokens kept only in that Redis are gone: check them.")]
    public static partial void StateEpochMoved(ILogger logger, long before, long after);

    [LoggerMessage(262, LogLevel.Warning, "The Redis at {EndPoint} keeps no data across a restart ({Persistence}); started anyway because Gateway:State:Redis:AcceptDataLoss is true: a restart of it forgets agents, revocations and long-lived tokens.")]
    public static partial void StateStoreNotPersistent(ILogger logger, string endPoint, string persistence);

    [LoggerMessage(270, LogLevel.Warning, "The directory refused a bind for ACC account {User} and its lockout could not be read after it ({Error}): answered 401, counted as a failed bind but the password is not remembered wrong (it may be right on a locked account). Check Gateway:Acc:Directory:ServiceBindDn can read the account.")]
    public static partial void AccLockoutUnreadAfterBind(ILogger logger, string user, string error);
}
