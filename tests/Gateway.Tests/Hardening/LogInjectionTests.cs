using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smp.AgentSim.Tests.Fakes;
using Smp.Gateway.Acc;
using Smp.Gateway.Configuration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Issue 13 item 7 (§12): CR, LF and ESC in a Basic user name, a path, a User-Agent, a hello's agent id
/// and a refused token's <c>sub</c> reach the log escaped, so no client can forge a log line or send a
/// terminal escape sequence to the console.
/// </summary>
public sealed class LogInjectionTests
{
    private const string Forged = "\r\n2026-01-01 info: Smp.Gateway FORGED \u001b[31m";

    [Fact]
    public async Task ClientTextWithControlCharacters_LoggedEscaped()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Smp.Gateway"] = "Debug",
                ["Logging:Console:LogLevel:Default"] = "Warning",
                ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = "TokenOrAcc",
                ["Gateway:Acc:Accounts:0:User"] = @"EXAMPLE\svc-acc",
                ["Gateway:Acc:Accounts:0:PasswordHash"] = PasswordHash.Create("right", 10_000),
                ["Gateway:Acc:AllowPlainHttp"] = "true",
            },
            services: s => s.AddSingleton<ILoggerProvider>(logs));

        using var connection = await RawConnection.OpenAsync(host.Url);
        string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("svc" + Forged + ":wrong"));
        var acc = await connection.GetAsync(Paths.Echo, "Authorization: Basic " + basic, "User-Agent: agent\u001b[2J");
        var path = await connection.GetAsync("/Altiris/%0d%0aFORGED%1b[31m/x.aspx", "Authorization: Bearer smpll_x");
        var hello = await connection.GetAsync(Paths.Echo, "Authorization: SMPToken agent=\"\u001b[31m\", nonce=\"AAAAAAAAAAAAAAAAAAAAAA\"");
        var proof = await connection.GetAsync(Paths.Echo, "Authorization: SMPToken " + ForgedSubProof());

        // The path is refused before any route (its control characters make it malformed, PROTOCOL.md §12), yet logged.
        Assert.Equal(("credentials-invalid", "malformed", "malformed", "unknown-key"), (acc.Error, path.Error, hello.Error, proof.Error));
        var records = logs.Records.Where(r => r.Category.StartsWith("Smp.Gateway", StringComparison.Ordinal)).ToList();
        Assert.All(records, r => Assert.False(r.Message.Any(c => char.IsControl(c)), $"{r.Category} {r.EventId}: {r.Message}"));
        // Each value did reach the log, escaped.
        Assert.Contains(logs.In("Smp.Gateway.Acc"), r => r.EventId == 30 && r.Message.Contains(@"svc\x0D\x0A2026-01-01") && r.Message.Contains(@"agent\x1B[2J"));
        Assert.Contains(records, r => r.EventId == 200 && r.Message.Contains("/Altiris/%0d%0aFORGED%1b[31m/x.aspx"));
        Assert.Contains(records, r => r.EventId == 15 && r.Message.Contains(@"/Altiris/\x0D\x0AFORGED\x1B[31m/x.aspx"));
        Assert.Contains(records, r => r.EventId == 13 && r.Message.Contains(@"x\x0D\x0A2026-01-01"));
    }

    /// <summary>A proof whose token names, as its <c>sub</c>, text with CR, LF and ESC (valid JSON escapes), under an unknown key.</summary>
    private static string ForgedSubProof()
    {
        string header = B64.Url(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"typ\":\"smp+jwt\",\"kid\":\"nope\",\"nonce\":{\"uid\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"ctr\":0}}"));
        string payload = B64.Url(Encoding.UTF8.GetBytes(
            "{\"iss\":\"i\",\"sub\":\"x\\r\\n2026-01-01 \\u001b[31m\",\"aud\":\"a\",\"iat\":1,\"nbf\":1,\"exp\":2,\"jti\":\"j\",\"cnf\":{\"jkt\":\"k\"}}"));
        string nonce = B64.Url(Encoding.UTF8.GetBytes("{\"uid\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"ctr\":1}"));
        return $"{header}.{payload}.AAAA.{nonce}.AAAA";
    }
}
