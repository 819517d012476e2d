using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.State;

namespace Smp.Gateway.Authentication;

/// <summary>
/// How an <c>SMPToken</c> credential is refused (§8): the connection's authentication ends, the outcome is kept
/// for the challenge, counted and logged. One place, for the scheme handler and the connection's resumption alike.
/// </summary>
internal sealed class SmpTokenRefusal(GatewayMetrics metrics, ILoggerFactory loggers)
{
    private static readonly AuthenticationOutcome RegistryUnavailable = new(StatusCodes.Status503ServiceUnavailable, NsError.RegistryUnavailable);

    private readonly ILogger _log = loggers.CreateLogger(LogCategories.Token);

    /// <summary>Refuses with <paramref name="outcome"/>; returns the failure message of the authentication.</summary>
    public string Refuse(HttpContext context, AuthenticationOutcome outcome, string? agentId, string? jti)
    {
        ConnectionAuthentication.Clear(context);
        context.Features.Set(outcome);
        metrics.Authentication(SmpTokenDefaults.AuthenticationScheme, outcome.Error ?? "refused");
        string? remote = context.Connection.RemoteIpAddress?.ToString();
        if (jti is null)
        {
            GatewayLog.HelloRefused(_log, outcome.Error ?? "none", LogText.Escape(agentId), remote);
        }
        else
        {
            // Refused claims are the client's own text until the signatures are checked: escaped.
            GatewayLog.ProofRefused(_log, outcome.Error ?? "none", outcome.Status, LogText.Escape(agentId), string.IsNullOrEmpty(jti) ? null : LogText.Escape(jti), remote);
        }

        return outcome.Error ?? "refused";
    }

    /// <summary>Without its store a node cannot tell a revoked agent from an active one: refuse, never guess (§9).</summary>
    public string StoreUnavailable(HttpContext context, StateUnavailableException e, string? agentId)
    {
        GatewayLog.StateStoreUnavailable(_log, "authentication", e.Message);
        return Refuse(context, RegistryUnavailable, agentId, null);
    }
}
