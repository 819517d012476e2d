using System.Buffers;
using System.Text.Json;
using Smp.Gateway.Agents;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Sites.IssuerSide;

/// <summary>
/// <c>POST /smp/site/client-tokens</c> at the Issuer (§10): up to 128 agent and <c>uid</c> pairs, each
/// answered with a token for the Site's audience and the agent's key, or an error code. A revoked or
/// unknown agent gets an error entry, never a token.
/// </summary>
internal sealed class ClientTokensEndpoint(
    SiteRequestAuthenticator authenticator,
    SiteResponseWriter writer,
    IAgentLookup agents,
    TokenIssuer issuer,
    SiteMetrics metrics,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Sites);

    public async Task HandleAsync(HttpContext context)
    {
        metrics.SiteCallReceived();
        if (await authenticator.AcceptAsync(context, forTokens: true) is not { } accepted)
        {
            return;
        }

        var (request, site) = accepted;

        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        int issued = 0;
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("tokens");
            foreach (var (agentId, uid) in request.Requests!)
            {
                w.WriteStartObject();
                w.WriteString("agent", agentId);
                w.WriteString("uid", uid);
                var agent = AgentId.IsValid(agentId) && ProofParser.IsUid(uid) ? await agents.FindAsync(agentId, context.RequestAborted) : null;
                string? error = !AgentId.IsValid(agentId) || !ProofParser.IsUid(uid) ? NsError.Malformed
                    : agent is null ? NsError.AgentUnknown
                    : agent.RefusalCode;
                if (error is not null)
                {
                    w.WriteString("error", error);
                }
                else
                {
                    var token = issuer.IssueFor(agent!, uid, request.Audience!);
                    w.WriteString("token", token.Text);
                    w.WriteNumber("exp", token.ExpiresAt);
                    w.WriteStartObject("agentKey");
                    w.WriteString("kty", "RSA");
                    w.WriteString("n", agent!.Key.N);
                    w.WriteString("e", agent.Key.E);
                    w.WriteEndObject();
                    issued++;
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        GatewayLog.SiteTokensIssued(_logger, site.Id, issued, request.Requests!.Count - issued);
        await writer.WriteAsync(context, site, buffer.WrittenSpan.ToArray());
    }
}
