using System.Text.Json;
using Smp.Gateway.Agents;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Administration;

/// <summary>
/// <c>gateway agents list [--pending] | show ID | approve ID | block ID | revoke ID | reinstate ID | replace-key ID --key FILE.json</c>,
/// over the server's agent store; each change is audited with the operating-system user who ran it.
/// </summary>
internal static class AgentsCommand
{
    public static async Task<int> RunAsync(AdminArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        string verb = args.Required(1, "A verb (list, show, approve, block, revoke, reinstate, replace-key)");
        if (verb is not ("list" or "show" or "approve" or "block" or "revoke" or "reinstate" or "replace-key"))
        {
            throw new AdminUsageException($"'{verb}' is not an agents verb.");
        }

        string? agentId = verb == "list" ? null : AgentIdArgument(args);
        RsaJwk? key = verb == "replace-key" ? ReadPublicJwk(args.RequiredOption("--key")) : null;
        await using var session = await AdminSession.OpenAsync(args, cancellationToken);
        var admin = session.Administration;
        switch (verb)
        {
            case "list":
                var agents = await admin.ListAgentsAsync(cancellationToken);
                if (args.Option("--pending") is not null)
                {
                    agents = agents.Where(a => a.Status == AgentStatus.Pending).ToList();
                }

                if (args.Json)
                {
                    AdminJson.Write(output, agents.Select(a => new { a.AgentId, a.Jkt, Status = a.Status.ToString(), EnrolledAt = AdminJson.Iso(a.EnrolledAt) }));
                    return 0;
                }

                var table = new TextTable("AGENT", "KEY (JKT)", "STATUS", "ENROLLED");
                foreach (var a in agents)
                {
                    table.Add(a.AgentId, a.Jkt, a.Status.ToString(), AdminJson.Time(a.EnrolledAt));
                }

                table.WriteTo(output);
                output.WriteLine($"{agents.Count} agent(s).");
                return 0;

            case "show":
                if (await admin.FindAgentAsync(agentId!, cancellationToken) is not { } agent)
                {
                    return NotFound(output, agentId!);
                }

                if (args.Json)
                {
                    AdminJson.Write(output, new { agent.AgentId, Status = agent.Status.ToString(), Jkt = agent.Key.Thumbprint, Key = new { kty = "RSA", n = agent.Key.N, e = agent.Key.E } });
                    return 0;
                }

                output.WriteLine($"Agent   {agent.AgentId}");
                output.WriteLine($"Status  {agent.Status}");
                output.WriteLine($"Key     RSA {agent.Key.Parameters.Modulus!.Length * 8} bits, thumbprint {agent.Key.Thumbprint}");
                return 0;

            case "revoke" or "reinstate" or "approve" or "block":
                bool found = verb switch
                {
                    "revoke" => await admin.RevokeAgentAsync(agentId!, cancellationToken),
                    "reinstate" => await admin.ReinstateAgentAsync(agentId!, cancellationToken),
                    "approve" => await admin.ApproveAgentAsync(agentId!, cancellationToken),
                    _ => await admin.BlockAgentAsync(agentId!, cancellationToken),
                };
                session.Audit(found ? "done" : "not enrolled");
                if (!found)
                {
                    return NotFound(output, agentId!);
                }

                if (verb is "approve" or "block")
                {
                    output.WriteLine(verb == "approve"
                        ? $"Agent {agentId} approved: its hellos get tokens. {session.SeenBy}"
                        : $"Agent {agentId} blocked: its hellos, proofs and enrollments are refused (403 agent-revoked). {session.SeenBy}");
                    return 0;
                }

                output.WriteLine(verb == "revoke"
                    ? $"Agent {agentId} revoked: its hellos and proofs are refused (403 agent-revoked). {session.SeenBy}"
                    : $"Agent {agentId} reinstated. {session.SeenBy}");
                return 0;

            case "replace-key":
                bool replaced = await admin.ReplaceAgentKeyAsync(agentId!, key!, cancellationToken);
                session.Audit(replaced ? $"new key {key!.Thumbprint}" : "not enrolled");
                if (!replaced)
                {
                    return NotFound(output, agentId!);
                }

                output.WriteLine($"Agent {agentId} now has key {key!.Thumbprint}; tokens bound to its old key are refused (403 key-mismatch). {session.SeenBy}");
                return 0;

            default:
                throw new AdminUsageException($"'{verb}' is not an agents verb.");
        }
    }

    private static string AgentIdArgument(AdminArguments args)
    {
        string id = args.Required(2, "An agent id");
        return AgentId.IsValid(id) ? id : throw new AdminUsageException($"'{id}' is not an agent id (a lowercase GUID).");
    }

    private static int NotFound(TextWriter output, string agentId)
    {
        output.WriteLine($"Agent {agentId} is not enrolled.");
        return 1;
    }

    /// <summary>A public RSA JWK (<c>{"kty":"RSA","n":...,"e":...}</c>); a file holding the private key is refused, lest it be copied around.</summary>
    internal static RsaJwk ReadPublicJwk(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kty", out var kty) || kty.GetString() != "RSA")
            {
                throw new AdminUsageException($"--key: '{path}' is not an RSA JWK (\"kty\":\"RSA\").");
            }

            if (root.TryGetProperty("d", out _))
            {
                throw new AdminUsageException($"--key: '{path}' holds a private key; give the agent's public JWK only (kty, n, e).");
            }

            string n = root.TryGetProperty("n", out var nv) ? nv.GetString() ?? "" : "", e = root.TryGetProperty("e", out var ev) ? ev.GetString() ?? "" : "";
            return RsaJwk.TryParse(n, e, out string? error) ?? throw new AdminUsageException($"--key: '{path}': {error}");
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new AdminUsageException($"--key: '{path}' cannot be read as JSON ({e.Message}).");
        }
    }
}
