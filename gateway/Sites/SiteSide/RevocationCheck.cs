using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// Asks the Issuer for the status of every agent this Site holds (1024 a call) and applies it: a
/// revoked agent is refused from now on, a reinstated one accepted again, and an agent unknown or with
/// another key is forgotten (its next proof gets 401 <c>agent-unknown</c> with a token bound to the new key).
/// </summary>
internal sealed class RevocationCheck(
    SiteTokenCache cache,
    IssuerClient client,
    IssuerAnswerReader reader,
    IOptionsMonitor<GatewayOptions> options,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.TokenCache);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string siteId = options.CurrentValue.Site.SiteId;
        int revoked = 0, forgotten = 0;
        var ids = cache.AgentIds();
        foreach (var chunk in ids.Chunk(SiteRequest.MaxAgents))
        {
            var response = await client.PostAsync(SiteHeaders.AgentStatusPath, (ts, rid) => Body(siteId, ts, rid, chunk), cancellationToken);
            if (response.Status != 200)
            {
                throw new IssuerUnavailableException($"the Issuer refused the status check: {response.Status} {response.Error}");
            }

            using var document = JsonDocument.Parse(await reader.ReadAsync(response));
            foreach (var entry in document.RootElement.GetProperty("agents").EnumerateArray())
            {
                string agentId = entry.GetProperty("agent").GetString()!;
                string? status = entry.GetProperty("status").GetString();
                string? jkt = entry.TryGetProperty("jkt", out var j) ? j.GetString() : null;
                if (status is "active" or "revoked" && cache.FindAgent(agentId) is { } agent && agent.Key.Thumbprint == jkt)
                {
                    var next = status == "active" ? AgentStatus.Active : AgentStatus.Revoked;
                    if (next != agent.Status)
                    {
                        cache.SetStatus(agentId, next);
                        revoked += next == AgentStatus.Revoked ? 1 : 0;
                        GatewayLog.SiteAgentStatusChanged(_logger, agentId, next.ToString());
                    }
                }
                else
                {
                    cache.Forget(agentId);
                    forgotten++;
                }
            }
        }

        GatewayLog.RevocationCheckDone(_logger, ids.Count, revoked, forgotten);
    }

    private static byte[] Body(string siteId, long ts, string rid, string[] agents)
    {
        var buffer = new ArrayBufferWriter<byte>(agents.Length * 40 + 128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("site", siteId);
            w.WriteNumber("ts", ts);
            w.WriteString("rid", rid);
            w.WriteStartArray("agents");
            foreach (string agent in agents)
            {
                w.WriteStringValue(agent);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
