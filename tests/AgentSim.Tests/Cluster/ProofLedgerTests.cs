using System.Net;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;

namespace Smp.AgentSim.Tests.Cluster;

/// <summary>The legacy server's count of proofs, through real Kestrel: what the cluster verdict rests on.</summary>
public sealed class ProofLedgerTests
{
    [Fact]
    public async Task Record_SameProofIdTwice_CountsOneDouble()
    {
        var ledger = new ProofLedger();
        string url = LoopbackPort.FreeUrl();
        await using WebApplication legacy = LegacyServer.Build(url, ledger);
        await legacy.StartAsync();
        using var http = new HttpClient();

        // A forged double: the same jti and counter twice, as two nodes accepting one proof would forward it.
        foreach (string proof in new[] { "jti-a:1", "jti-a:2", "jti-b:1", "jti-a:1" })
        {
            using HttpResponseMessage response = await http.SendAsync(TokenCall(url, proof));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (HttpResponseMessage withoutProof = await http.SendAsync(TokenCall(url, null)))
        {
            Assert.Equal(HttpStatusCode.OK, withoutProof.StatusCode);
        }

        Assert.Equal(3, ledger.Proofs);
        Assert.Equal(1, ledger.Doubles);
        Assert.Equal(["jti-a:1"], ledger.DoubleSamples);
        Assert.Equal(1, ledger.WithoutProof);
        Assert.NotNull(ledger.LastServed("agent-1"));
        Assert.Null(ledger.LastServed("agent-2"));
        await legacy.StopAsync();
    }

    private static HttpRequestMessage TokenCall(string url, string? proofId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url + "/Altiris/NS/Agent/Echo.aspx");
        request.Headers.Add("X-SMP-Identity", "_SMP_IUSR");
        request.Headers.Add("X-SMP-Auth", "Token");
        request.Headers.Add("X-SMP-Agent", "agent-1");
        if (proofId is not null)
        {
            request.Headers.Add(ProofLedger.ProofIdHeader, proofId);
        }

        return request;
    }
}
