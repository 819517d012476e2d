using System.Buffers;
using System.Text.Json;
using Smp.Gateway.Agents;

namespace Smp.Gateway.Sites.IssuerSide;

/// <summary>
/// <c>POST /smp/site/agent-status</c> at the Issuer: for up to 1024 agents a Site caches, whether each
/// is active, revoked or unknown, and the thumbprint of its key, so that a revocation or a replaced key
/// reaches every Site within its <c>Gateway:Site:RevocationCheckPeriod</c>. Authenticated and signed
/// like client-tokens.
/// </summary>
internal sealed class AgentStatusEndpoint(SiteRequestAuthenticator authenticator, SiteResponseWriter writer, IAgentLookup agents)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (await authenticator.AcceptAsync(context, forTokens: false) is not { } accepted)
        {
            return;
        }

        var (request, site) = accepted;

        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("agents");
            foreach (string agentId in request.Agents!)
            {
                var agent = AgentId.IsValid(agentId) ? await agents.FindAsync(agentId, context.RequestAborted) : null;
                w.WriteStartObject();
                w.WriteString("agent", agentId);
                w.WriteString("status", agent is null ? "unknown" : agent.IsActive ? "active" : agent.Status == AgentStatus.Pending ? "pending" : "revoked");
                if (agent is not null)
                {
                    w.WriteString("jkt", agent.Key.Thumbprint);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        await writer.WriteAsync(context, site, buffer.WrittenSpan.ToArray());
    }
}
