using System.Diagnostics;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// The gateway's spans (ActivitySource <c>Smp.Gateway</c>): hello, token issue, proof validation with the
/// step that failed and its code, the registry check. They nest under ASP.NET Core's request span.
/// Attributes name the agent and the token's <c>jti</c>; never the token or a signature.
/// </summary>
internal static class GatewayActivities
{
    public const string SourceName = "Smp.Gateway";

    // One source for the process, as System.Diagnostics intends: listeners subscribe by name.
    public static readonly ActivitySource Source = new(SourceName);

    public const string Agent = "smp.agent";
    public const string TokenId = "smp.jti";
    public const string Outcome = "smp.outcome";
    public const string FailedStep = "smp.failed_step";

    /// <summary>Marks <paramref name="activity"/> with the outcome: <c>accepted</c>, or an error with its <c>X-SMP-NSError</c> code.</summary>
    public static void SetOutcome(Activity? activity, string? error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(Outcome, error ?? "accepted");
        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error);
            if (ValidationSteps.Of(error) is int step)
            {
                activity.SetTag(FailedStep, step);
            }
        }
    }
}
