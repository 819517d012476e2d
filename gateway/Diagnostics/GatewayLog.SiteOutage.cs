namespace Smp.Gateway.Diagnostics;

/// <summary>A Site through an Issuer outage (§10): 240-259.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(240, LogLevel.Warning, "Issuer unreachable ({Reason}): this Site is degraded; cached tokens are served, hellos that need a new token get 503 issuer-unavailable until the Issuer answers (Gateway:Site:IssuerUrl).")]
    public static partial void IssuerUnreachable(ILogger logger, string reason);

    [LoggerMessage(241, LogLevel.Information, "Issuer answering again, after {Seconds:0.0} s unreachable: new agents are served again.")]
    public static partial void IssuerAnsweringAgain(ILogger logger, double seconds);

    [LoggerMessage(242, LogLevel.Warning, "Issuer circuit open for {Break}: calls are not tried, and the probe asks for the Issuer's keys every Gateway:Site:IssuerProbePeriod until it answers.")]
    public static partial void IssuerCircuitOpened(ILogger logger, TimeSpan @break);

    [LoggerMessage(243, LogLevel.Information, "Issuer circuit closed: {Why}.")]
    public static partial void IssuerCircuitClosed(ILogger logger, string why);

    [LoggerMessage(244, LogLevel.Debug, "Token cache: hello of agent {AgentId} answered 503 issuer-unavailable ({Why}); the call to the Issuer goes on, its token cached for the agent's next hello with that uid.")]
    public static partial void HelloNotWaited(ILogger logger, string agentId, string why);
}
