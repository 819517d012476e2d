using System.Net;
using System.Security.Cryptography;
using System.Text;
using Smp.AgentSim.Protocol;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>
/// Someone who is not the agent, holding a copy of its token, sends something it could not have
/// signed, or a hello that is wrong: each gets its exact refusal of PROTOCOL.md §7-§8, and the agent,
/// whose token is not spoiled by it, goes on. One honest request first, so a real token is at hand.
/// </summary>
internal sealed class HostileScenario : ILoadScenario
{
    public ScenarioKind Kind => ScenarioKind.Hostile;

    public async Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken)
    {
        using (HttpRequestMessage honest = run.NewRequest())
        {
            RequestOutcome outcome = await run.SendAsync(run.Agent.Client, honest, cancellationToken).ConfigureAwait(false);
            if (!outcome.IsSuccess)
            {
                return ScenarioVerdict.Unexpected("the honest request before the attack: expected 2xx, got " + outcome.Describe());
            }
        }

        if (run.Agent.Credential.Token is not { } token)
        {
            return ScenarioVerdict.Unexpected("the agent holds no token after an accepted request");
        }

        (string name, string authorization, HttpStatusCode status, string code) = Attack(run, token);
        using HttpRequestMessage request = run.NewRequest();
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        RequestOutcome answer = await run.SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        return answer.Status == status && answer.NsError == code
            ? ScenarioVerdict.Expected
            : ScenarioVerdict.Unexpected($"{name}: expected {(int)status} {code}, got " + answer.Describe());
    }

    private static (string Name, string Authorization, HttpStatusCode Status, string Code) Attack(ScenarioRun run, IssuedToken token)
    {
        string[] parts = token.Text.Split('.');
        string nonce = B64u.Encode(ProofBuilder.NonceJson(token.Uid, long.MaxValue >> 12));
        string Signed(string forgedToken) => Proof(forgedToken + "." + nonce, run.Agent.Identity.Sign(forgedToken + "." + nonce));

        switch (run.Random.Next(6))
        {
            case 0:
                // Anyone can copy a token; without the agent's key the proof's signature is noise.
                return ("forged agent signature", Proof(token.Text + "." + nonce, RandomNumberGenerator.GetBytes(256)), HttpStatusCode.Forbidden, "agent-signature-invalid");
            case 1:
                byte[] signature = B64u.TryDecode(parts[2], out byte[] bytes) ? bytes : new byte[256];
                signature[^1] ^= 1;
                return ("tampered server signature", Signed(parts[0] + "." + parts[1] + "." + B64u.Encode(signature)), HttpStatusCode.Unauthorized, "server-signature-invalid");
            case 2:
                string header = Encoding.UTF8.GetString(B64u.TryDecode(parts[0], out byte[] h) ? h : []).Replace("\"RS256\"", "\"none\"", StringComparison.Ordinal);
                return ("alg none", Signed(B64u.Encode(Encoding.UTF8.GetBytes(header)) + "." + parts[1] + "." + parts[2]), HttpStatusCode.Unauthorized, "unknown-key");
            case 3:
                string garbage = string.Join('.', Enumerable.Range(0, 5).Select(_ => B64u.Encode(RandomNumberGenerator.GetBytes(run.Random.Next(1, 300)))));
                return ("garbage proof", SmpHeaders.Scheme + " " + garbage, HttpStatusCode.Unauthorized, "malformed");
            case 4:
                return ("hello with a malformed agent id", $"{SmpHeaders.Scheme} agent=\"not-a-guid\", nonce=\"{token.Uid}\"", HttpStatusCode.Unauthorized, "malformed");
            default:
                return ("hello for an agent never enrolled", $"{SmpHeaders.Scheme} agent=\"{Guid.NewGuid():D}\", nonce=\"{token.Uid}\"", HttpStatusCode.Unauthorized, "agent-unknown");
        }
    }

    private static string Proof(string signingInput, byte[] signature) => SmpHeaders.Scheme + " " + signingInput + "." + B64u.Encode(signature);
}
