using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Smp.Gateway.Acc;
using Smp.Gateway.Agents;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Http;
using Smp.Gateway.Keys;
using Smp.Gateway.Protocol;
using Smp.Gateway.RateLimiting;
using Smp.Gateway.State;

namespace Smp.Gateway.Enrollment;

/// <summary><c>POST /smp/agents</c> (§4): enrolls an agent's public key, authenticated by the enrollment secret or ACC.</summary>
internal sealed class EnrollmentEndpoint(
    IAgentDirectory agents,
    ServerKeyRing keys,
    AccCredentialValidator acc,
    ChallengeWriter challenges,
    IssuanceLimiter limiter,
    GatewayMetrics metrics,
    IOptionsMonitor<GatewayOptions> options,
    ILoggerFactory loggers)
{
    public const string Path = "/smp/agents";
    public const string SecretHeader = "X-SMP-Enrollment";
    private const int MaxBody = 16 * 1024;

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Agents);

    public async Task HandleAsync(HttpContext context)
    {
        string? remote = context.Connection.RemoteIpAddress?.ToString();
        if (!limiter.TryEnroll(remote ?? "unknown", out var retryAfter))
        {
            GatewayLog.EnrollmentRefused(_logger, NsError.RateLimited, remote, "too many enrollments from this address; see Gateway:RateLimits:EnrollmentsPerSourcePerMinute.");
            await challenges.WriteAsync(context, new AuthenticationOutcome(429, NsError.RateLimited) { RetryAfter = retryAfter });
            return;
        }

        string? refusal = Authenticate(context);
        if (refusal == NsError.AccOverPlainHttp)
        {
            GatewayLog.EnrollmentRefused(_logger, refusal, remote, "ACC Basic credentials over plain HTTP; use HTTPS, or set Gateway:Acc:AllowPlainHttp.");
            await challenges.WriteAsync(context, new AuthenticationOutcome(403, refusal));
            return;
        }

        if (refusal is not null)
        {
            GatewayLog.EnrollmentRefused(_logger, refusal, remote, "missing or wrong enrollment secret or ACC credentials.");
            bool offerBasic = options.CurrentValue.Enrollment.AllowAcc && options.CurrentValue.Acc.Accounts.Count > 0;
            await challenges.WriteAsync(context, new AuthenticationOutcome(401, refusal) { OfferBasic = offerBasic });
            return;
        }

        byte[]? body = await BoundedBody.ReadAsync(context.Request, MaxBody);
        string? message = $"body: larger than {MaxBody} bytes.";
        var request = body is null ? null : EnrollmentRequest.TryParse(body, out message);
        if (request is null)
        {
            message ??= "body: unreadable.";
            GatewayLog.EnrollmentRefused(_logger, NsError.Malformed, remote, LogText.Escape(message));
            await WriteErrorAsync(context, 400, NsError.Malformed, message);
            return;
        }

        EnrollOutcome outcome;
        AgentStatus status;
        try
        {
            status = ApprovalRules.StatusFor(options.CurrentValue.Enrollment, context.Connection.RemoteIpAddress);
            outcome = await agents.EnrollAsync(request.AgentId, request.Key, status, context.RequestAborted);
        }
        catch (StateUnavailableException e)
        {
            GatewayLog.StateStoreUnavailable(_logger, "an enrollment", e.Message);
            context.Response.Headers.RetryAfter = "1";
            await WriteErrorAsync(context, 503, NsError.RegistryUnavailable, "the agent store is unavailable; try again.");
            return;
        }

        switch (outcome)
        {
            case EnrollOutcome.KeyConflict:
                GatewayLog.EnrollmentRefused(_logger, NsError.KeyConflict, remote, $"agent {request.AgentId} is enrolled with another key; an administrator must replace it.");
                await WriteErrorAsync(context, 409, NsError.KeyConflict, "agentId: enrolled with another key; only an administrator may replace it.");
                return;
            case EnrollOutcome.Revoked:
                GatewayLog.EnrollmentRefused(_logger, NsError.AgentRevoked, remote, $"agent {request.AgentId} is revoked.");
                await WriteErrorAsync(context, 403, NsError.AgentRevoked, "agentId: this agent is revoked.");
                return;
        }

        if (outcome == EnrollOutcome.Created && status == AgentStatus.Blocked)
        {
            // Recorded blocked, so that an administrator sees it and it stays refused wherever it enrolls from next.
            GatewayLog.AgentEnrolledAs(_logger, request.AgentId, status.ToString(), remote);
            await WriteErrorAsync(context, 403, NsError.AgentRevoked, "agentId: enrollment from this network is blocked (Gateway:Enrollment:BlockNetworks).");
            return;
        }

        GatewayLog.AgentEnrolled(_logger, request.AgentId, request.Key.Thumbprint, outcome.ToString());
        if (outcome == EnrollOutcome.Created)
        {
            metrics.AgentChanged("enrolled");
            if (status == AgentStatus.Pending)
            {
                GatewayLog.AgentEnrolledAs(_logger, request.AgentId, status.ToString(), remote);
            }
        }

        context.Response.StatusCode = outcome == EnrollOutcome.Created ? 201 : 200;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("agentId", request.AgentId);
        writer.WriteString("jkt", request.Key.Thumbprint);
        writer.WritePropertyName("keys");
        writer.WriteRawValue(keys.Jwks, skipInputValidation: true);
        writer.WriteEndObject();
    }

    /// <summary>Null when authenticated; otherwise the <c>X-SMP-NSError</c> code of the refusal.</summary>
    private string? Authenticate(HttpContext context)
    {
        var o = options.CurrentValue;
        string? secret = context.Request.Headers[SecretHeader];
        if (secret is not null)
        {
            return o.Enrollment.Secret.Length > 0 && FixedTimeEquals(secret, o.Enrollment.Secret) ? null : NsError.CredentialsInvalid;
        }

        var credentials = CredentialsParser.Parse(context.Request.Headers.Authorization);
        if (credentials.Kind == CredentialKind.Basic && o.Enrollment.AllowAcc)
        {
            // Said as such: "wrong credentials" would send an administrator after a password that may be right.
            if (!context.Request.IsHttps && !o.Acc.AllowPlainHttp)
            {
                return NsError.AccOverPlainHttp;
            }

            return acc.Validate(credentials.User!, credentials.Password!) is not null ? null : NsError.CredentialsInvalid;
        }

        return credentials.Kind == CredentialKind.None ? NsError.CredentialsRequired : NsError.CredentialsInvalid;
    }

    private static bool FixedTimeEquals(string a, string b)
    {
        // Digests first, so the comparison takes the same time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers[NsError.HeaderName] = code;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("error", code);
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }
}
